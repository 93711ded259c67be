package io.linkscope.desktop.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real webhook receiver (the JDK's HTTP server on 127.0.0.1) answering every delivery with the
 * status, body and headers the test sets: 200, 500, 429 or 503 with Retry-After; {@link #close}
 * takes it down, so that the collector finds nothing listening.
 */
final class Receiver implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger received = new AtomicInteger();
  private volatile int status;
  private volatile String body;
  private volatile String[] headers;
  private boolean closed;

  Receiver(int status, String body, String... headers) {
    answer(status, body, headers);
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
          }
          received.incrementAndGet();
          String[] extra = this.headers;
          for (int i = 0; i + 1 < extra.length; i += 2) {
            exchange.getResponseHeaders().set(extra[i], extra[i + 1]);
          }
          byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(this.status, bytes.length == 0 ? -1 : bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    server.start();
  }

  /** How the receiver answers from now on; headers as name, value, name, value… */
  void answer(int status, String body, String... headers) {
    this.status = status;
    this.body = body;
    this.headers = headers.clone();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/in";
  }

  int received() {
    return received.get();
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.stop(0);
  }
}
