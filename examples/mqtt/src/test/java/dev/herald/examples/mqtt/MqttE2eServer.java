package dev.herald.examples.mqtt;

import dev.herald.Herald;
import dev.herald.auth.InvalidTokenException;
import dev.herald.auth.JwtTokens;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * Herald with two MQTT transports on 127.0.0.1, for the end-to-end scripts: one open (anonymous
 * clients), one strict, whose broker takes a Herald token as password for the username it was
 * issued to. {@link #main} runs it for trying the scripts and the command-line client by hand.
 */
final class MqttE2eServer implements AutoCloseable {
  final JwtTokens tokens;
  final Herald herald;
  final MqttTransport open;
  final MqttTransport strict;

  MqttE2eServer(int openPort, int strictPort) throws Exception {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    tokens = JwtTokens.hmacSha256(secret);
    herald = Herald.builder().tokenVerifier(tokens).build();
    MqttTransport o = null;
    try {
      o = MqttTransport.builder(herald.gateway()).port(openPort).start();
      strict = MqttTransport.builder(herald.gateway()).port(strictPort)
          .authenticator((clientId, username, password) -> tokenOf(username, password))
          .start();
      open = o;
    } catch (Exception | Error e) {
      if (o != null) {
        o.close();
      }
      herald.close();
      throw e;
    }
  }

  private boolean tokenOf(String username, byte[] password) {
    if (password == null) {
      return false;
    }
    try {
      return tokens.verify(new String(password, StandardCharsets.UTF_8)).kuid().equals(username);
    } catch (InvalidTokenException e) {
      return false;
    }
  }

  String token(String user, Duration ttl) {
    return tokens.sign(user, ttl);
  }

  @Override
  public void close() {
    try {
      strict.close();
    } finally {
      try {
        open.close();
      } finally {
        herald.close();
      }
    }
  }

  /** {@code java ... MqttE2eServer [openPort] [strictPort]}: prints the ports and two tokens; Ctrl-C stops. */
  public static void main(String[] args) throws Exception {
    int openPort = args.length > 0 ? Integer.parseInt(args[0]) : 1883;
    int strictPort = args.length > 1 ? Integer.parseInt(args[1]) : 1884;
    MqttE2eServer server = new MqttE2eServer(openPort, strictPort);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    System.out.println("open mqtt://127.0.0.1:" + server.open.port() + "  strict mqtt://127.0.0.1:" + server.strict.port());
    System.out.println("alice " + server.token("alice", Duration.ofHours(1)));
    System.out.println("bob   " + server.token("bob", Duration.ofHours(1)));
    Thread.currentThread().join();
  }
}
