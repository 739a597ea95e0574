/**
 * Herald's transport SPI: what a transport implements ({@link dev.herald.transport.Connection}, and
 * optionally {@link dev.herald.transport.ChannelFanout}) and what it calls
 * ({@link dev.herald.transport.Gateway}). A transport author compiles against this package alone.
 *
 * <p>The flow: the transport reports each new client link to {@link dev.herald.transport.Gateway#connected},
 * hands every request frame it reads to {@link dev.herald.transport.Gateway#received}, and reports the
 * end of the link to {@link dev.herald.transport.Gateway#disconnected}. Herald answers and notifies
 * through {@link dev.herald.transport.Connection#send}, which must never block.
 */
package dev.herald.transport;
