package dev.herald.examples.mqtt;

/**
 * Checks the credentials of an MQTT client at connection time. Once a client is accepted, its
 * username is its identity for {@link Access#STRICT} access: clients authenticated with the same
 * username share the channels that any of them subscribed to through Herald.
 *
 * <p>A typical implementation takes the password for a Herald token and checks that it belongs to
 * the username: {@code verifier.verify(new String(password, UTF_8)).kuid().equals(username)}.
 *
 * <p>Thread-safety: called from the broker's I/O threads, concurrently; it must be fast and never
 * block on the network.
 */
@FunctionalInterface
public interface MqttAuthenticator {
  /**
   * @param clientId the MQTT client id
   * @param username the MQTT username, never null (a client without one is refused beforehand)
   * @param password the MQTT password, or null when the client sent none
   * @return true to accept the client
   */
  boolean authenticate(String clientId, String username, byte[] password);
}
