import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Webhook receivers for the benchmarks: one JDK HTTP server per port on 127.0.0.1 that reads each
 * POST's body and answers 204 at once; {@code GET /count} answers how many POSTs that port got.
 *
 * <p>Usage: java WebhookReceiver.java PORT [PORT ...]
 */
public final class WebhookReceiver {
  public static void main(String[] args) throws IOException {
    for (String arg : args) {
      int port = Integer.parseInt(arg);
      AtomicLong posts = new AtomicLong();
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 256);
      server.createContext(
          "/",
          exchange -> {
            try (exchange;
                InputStream body = exchange.getRequestBody()) {
              body.transferTo(OutputStream.nullOutputStream());
              if (exchange.getRequestMethod().equals("GET")) {
                byte[] count = (posts.get() + "\n").getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, count.length);
                exchange.getResponseBody().write(count);
              } else {
                posts.incrementAndGet();
                exchange.sendResponseHeaders(204, -1);
              }
            }
          });
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.start();
    }
    System.out.println("listening");
  }
}
