package dev.herald.examples.mqtt;

import dev.herald.examples.mqtt.MqttTestClient.Message;
import dev.herald.filter.Document;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * MQTT 3.1.1 on a bare socket, QoS 0 only: for what a library client hides, namely exactly which
 * messages the broker wrote before it closed the link (a library may drop those it read just before
 * the end), and a link lost without DISCONNECT.
 */
final class RawMqttClient implements AutoCloseable {
  private static final Object END = new Object();

  private final Socket socket;
  private final OutputStream out;
  private final BlockingQueue<Object> packets = new LinkedBlockingQueue<>();
  private volatile boolean ended;
  private int packetId;

  private record Packet(int type, byte[] body) {}

  /** Connects (clean session); fails unless the broker accepts. */
  RawMqttClient(MqttTransport transport, String clientId, String username, String password) throws Exception {
    socket = new Socket(transport.host(), transport.port());
    out = socket.getOutputStream();
    Thread reader = new Thread(this::readLoop, "raw-mqtt-" + clientId);
    reader.setDaemon(true);
    reader.start();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, "MQTT");
    body.write(4); // protocol level: 3.1.1
    body.write(0x02 | (username != null ? 0xC0 : 0)); // clean session; username and password
    body.write(0);
    body.write(30); // keep alive, seconds
    writeString(body, clientId);
    if (username != null) {
      writeString(body, username);
      writeString(body, password);
    }
    send(0x10, body.toByteArray());
    Packet connack = expect(0x20);
    if (connack.body()[1] != 0) {
      throw new IllegalStateException("CONNACK return code " + connack.body()[1]);
    }
    MqttTestClient.settle();
  }

  /** Subscribes at QoS 0; the SUBACK's code (0x80: refused). */
  int listen(String topic) throws Exception {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int id = ++packetId;
    body.write(id >> 8);
    body.write(id & 0xff);
    writeString(body, topic);
    body.write(0);
    send(0x82, body.toByteArray());
    return expect(0x90).body()[2] & 0xff;
  }

  void publish(String topic, String payload) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    writeString(body, topic);
    body.writeBytes(payload.getBytes(StandardCharsets.UTF_8));
    send(0x30, body.toByteArray());
  }

  /** The next message published to this client, or null when none came in time or the link ended. */
  Message next(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (long left; (left = deadline - System.nanoTime()) > 0; ) {
      Object o = packets.poll(left, TimeUnit.NANOSECONDS);
      if (o == null) {
        return null;
      }
      if (o == END) {
        packets.add(END);
        return null;
      }
      Packet p = (Packet) o;
      if ((p.type() & 0xf0) == 0x30) {
        int topicLength = ((p.body()[0] & 0xff) << 8) | (p.body()[1] & 0xff);
        String topic = new String(p.body(), 2, topicLength, StandardCharsets.UTF_8);
        byte[] payload = new byte[p.body().length - 2 - topicLength];
        System.arraycopy(p.body(), 2 + topicLength, payload, 0, payload.length);
        return new Message(topic, Document.parse(payload).content());
      }
    }
    return null;
  }

  /** True once the broker closed the link, within {@code timeout}; messages not read yet stay readable. */
  boolean awaitEnd(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!ended && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return ended;
  }

  private Packet expect(int type) throws Exception {
    Object o = packets.poll(10, TimeUnit.SECONDS);
    if (!(o instanceof Packet p) || (p.type() & 0xf0) != type) {
      throw new IllegalStateException("expected packet type " + Integer.toHexString(type) + ", got " + o);
    }
    return p;
  }

  private synchronized void send(int type, byte[] body) throws IOException {
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(type);
    int n = body.length;
    do {
      int digit = n % 128;
      n /= 128;
      packet.write(n > 0 ? digit | 0x80 : digit);
    } while (n > 0);
    packet.writeBytes(body);
    out.write(packet.toByteArray());
    out.flush();
  }

  private void readLoop() {
    try {
      DataInputStream in = new DataInputStream(socket.getInputStream());
      while (true) {
        int type = in.read();
        if (type < 0) {
          break;
        }
        int length = 0;
        for (int shift = 0, b; ; shift += 7) {
          b = in.readUnsignedByte();
          length |= (b & 0x7f) << shift;
          if ((b & 0x80) == 0) {
            break;
          }
        }
        byte[] body = new byte[length];
        in.readFully(body);
        packets.add(new Packet(type, body));
      }
    } catch (EOFException e) {
      // the broker closed the link mid-packet
    } catch (IOException e) {
      // closed by us
    } finally {
      ended = true;
      packets.add(END);
    }
  }

  private static void writeString(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(b.length >> 8);
    out.write(b.length & 0xff);
    out.writeBytes(b);
  }

  /** Closes the socket without DISCONNECT: for the broker, the link is lost. */
  @Override
  public void close() throws IOException {
    socket.close();
  }
}
