package dev.herald.examples.mqtt;

import io.moquette.interception.AbstractInterceptHandler;
import io.moquette.interception.messages.InterceptConnectMessage;
import io.moquette.interception.messages.InterceptConnectionLostMessage;
import io.moquette.interception.messages.InterceptDisconnectMessage;
import io.moquette.interception.messages.InterceptPublishMessage;
import io.moquette.interception.messages.InterceptUnsubscribeMessage;
import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the broker tells the transport: connections, requests, unsubscriptions and ends of links.
 * Moquette calls it on its interceptor pool, configured with one thread, so the events of a client
 * arrive in order.
 *
 * <p>Each published message comes with a retained duplicate of its payload, which is released here
 * whatever happens to the message.
 */
final class BrokerEvents extends AbstractInterceptHandler {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerEvents.class);
  private static final Class<?>[] TYPES = {InterceptConnectMessage.class, InterceptDisconnectMessage.class,
      InterceptConnectionLostMessage.class, InterceptPublishMessage.class, InterceptUnsubscribeMessage.class};

  private final MqttTransport transport;

  BrokerEvents(MqttTransport transport) {
    this.transport = transport;
  }

  @Override
  public String getID() {
    return "herald";
  }

  @Override
  public Class<?>[] getInterceptedMessageTypes() {
    return TYPES.clone();
  }

  @Override
  public void onConnect(InterceptConnectMessage msg) {
    run("connect", () -> transport.connected(msg.getClientID(), msg.getUsername()));
  }

  @Override
  public void onDisconnect(InterceptDisconnectMessage msg) {
    run("disconnect", () -> transport.linkEnded(msg.getClientID()));
  }

  @Override
  public void onConnectionLost(InterceptConnectionLostMessage msg) {
    run("connection lost", () -> transport.linkEnded(msg.getClientID()));
  }

  @Override
  public void onUnsubscribe(InterceptUnsubscribeMessage msg) {
    run("unsubscribe", () -> transport.unsubscribed(msg.getClientID(), msg.getTopicFilter()));
  }

  @Override
  public void onPublish(InterceptPublishMessage msg) {
    ByteBuf payload = msg.getPayload();
    try {
      if (!Topics.isRequest(msg.getTopicName())) {
        return; // the policy lets clients publish on request topics only
      }
      byte[] request = new byte[payload.readableBytes()];
      payload.getBytes(payload.readerIndex(), request);
      run("request", () -> transport.request(msg.getClientID(), msg.getUsername(), msg.getTopicName(), request));
    } finally {
      payload.release();
    }
  }

  @Override
  public void onSessionLoopError(Throwable error) {
    LOG.warn("MQTT broker session loop failed", error);
  }

  /** The interceptor pool swallows exceptions: log them instead. */
  private static void run(String event, Runnable handler) {
    try {
      handler.run();
    } catch (RuntimeException e) {
      LOG.error("handling the MQTT {} event failed", event, e);
    }
  }
}
