package dev.herald.examples.tcp;

import dev.herald.Herald;
import dev.herald.filter.Document;
import dev.herald.tck.TransportTestKit;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The newline-delimited JSON transport passes the transport test kit, with plain JDK sockets as clients. */
class NdjsonTransportTest extends TransportTestKit {
  @Override
  protected Fixture start(Herald herald) throws Exception {
    NdjsonTransport transport = NdjsonTransport.start(new InetSocketAddress("127.0.0.1", 0), herald.gateway());
    return new Fixture() {
      @Override
      public Session connect() throws Exception {
        return new LineClient(new Socket("127.0.0.1", transport.port()));
      }

      @Override
      public void close() throws Exception {
        transport.close();
      }
    };
  }

  /** A client reading lines on a thread of its own; a line's route is its "room" member. */
  private static final class LineClient implements Session {
    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    LineClient(Socket socket) throws Exception {
      this.socket = socket;
      this.out = socket.getOutputStream();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (Exception e) {
          // closed
        }
      }, "ndjson-test-client");
      reader.setDaemon(true);
      reader.start();
    }

    @Override
    public void send(String requestJson) throws Exception {
      out.write((requestJson + "\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    }

    @Override
    public Received receive(Duration timeout) throws Exception {
      String line = lines.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (line == null) {
        return null;
      }
      Map<String, Object> json = new LinkedHashMap<>(Document.parse(line).content());
      return new Received((String) json.remove("room"), json);
    }

    @Override
    public void close() throws Exception {
      socket.close();
    }
  }
}
