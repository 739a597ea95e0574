/**
 * Herald's entry point: {@link dev.herald.Herald}, built once, hands out the gateway transports call,
 * the document-events API the host's storage layer calls, and in-process subscriptions.
 */
package dev.herald;
