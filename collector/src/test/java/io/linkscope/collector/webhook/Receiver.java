package io.linkscope.collector.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * A real HTTP receiver for deliveries (the JDK's server on 127.0.0.1): records every request and
 * answers with the status and headers the test sets; can be stopped and started again on its port.
 */
final class Receiver implements AutoCloseable {
  /**
   * One request as it arrived: {@code receivedAt} is the wall clock a receiver checks {@code
   * webhook-timestamp} against, {@code receivedNanos} the monotonic clock for spans.
   */
  record Delivery(
      String id,
      String timestamp,
      String signature,
      byte[] body,
      Instant receivedAt,
      long receivedNanos) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final List<Delivery> deliveries = new ArrayList<>();
  private volatile int status = 200;
  private volatile String[] headers = {};
  private volatile String answer = "ok";
  private final int port;
  private HttpServer server;

  Receiver() throws IOException {
    this(0);
  }

  private Receiver(int port) throws IOException {
    this.server = start(port);
    this.port = server.getAddress().getPort();
  }

  /** How a hand-made receiver answers one delivery: the status, given its {@code webhook-id}. */
  @FunctionalInterface
  interface Answer {
    int status(String webhookId) throws InterruptedException;
  }

  /**
   * A started server on 127.0.0.1 for tests that count deliveries themselves: it reads each
   * request's body and answers with {@code answer}'s status and no body.
   */
  static HttpServer serving(Answer answer) throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1000);
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.createContext(
        "/",
        exchange -> {
          String id = String.valueOf(exchange.getRequestHeaders().getFirst("webhook-id"));
          try (InputStream in = exchange.getRequestBody()) {
            in.readAllBytes();
            exchange.sendResponseHeaders(answer.status(id), -1);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } finally {
            exchange.close();
          }
        });
    http.start();
    return http;
  }

  private HttpServer start(int port) throws IOException {
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.createContext(
        "/",
        exchange -> {
          try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            var h = exchange.getRequestHeaders();
            synchronized (deliveries) {
              deliveries.add(
                  new Delivery(
                      String.valueOf(h.getFirst("webhook-id")),
                      String.valueOf(h.getFirst("webhook-timestamp")),
                      String.valueOf(h.getFirst("webhook-signature")),
                      body,
                      Instant.now(),
                      System.nanoTime()));
            }
            String[] extra = headers;
            for (int i = 0; i + 1 < extra.length; i += 2) {
              exchange.getResponseHeaders().add(extra[i], extra[i + 1]);
            }
            byte[] reply = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, reply.length == 0 ? -1 : reply.length);
            if (reply.length > 0) {
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
              }
            }
          } finally {
            exchange.close();
          }
        });
    http.start();
    return http;
  }

  String url() {
    return "http://127.0.0.1:" + port + "/hooks";
  }

  /** Answers every request from now on with {@code status} and header name/value pairs. */
  void answer(int status, String body, String... headers) {
    this.status = status;
    this.answer = body;
    this.headers = headers;
  }

  List<Delivery> deliveries() {
    synchronized (deliveries) {
      return List.copyOf(deliveries);
    }
  }

  void clear() {
    synchronized (deliveries) {
      deliveries.clear();
    }
  }

  /** Stops answering: connections are refused until {@link #restart}. */
  void stop() {
    server.stop(0);
  }

  void restart() throws IOException {
    server = start(port);
  }

  static void await(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(25);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
