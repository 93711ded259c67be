package io.linkscope.collector.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.collector.click.IpRanges;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.db.Cached;
import io.linkscope.collector.db.DatabaseUnavailableException;
import io.linkscope.collector.http.MessagePage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The frame answers what is in memory on the thread that received the request, hands everything
 * that may wait for MariaDB to a worker, and owns the method check and the 503 while MariaDB is
 * down.
 */
class TrackedAnswerTest {
  private static final String NOT_FOUND = "Nothing here";
  private static final String UNAVAILABLE = "Try again";

  // Whether this thread is inside the frame's handle, called by the thread that got the request.
  private static final ThreadLocal<Boolean> IN_HANDLE = ThreadLocal.withInitial(() -> false);

  private static Server server;
  private static URI base;

  @BeforeAll
  static void start() throws Exception {
    server = new Server(new QueuedThreadPool(8, 2));
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Wrapper(new Names()) {
          @Override
          public boolean handle(Request request, Response response, Callback callback)
              throws Exception {
            IN_HANDLE.set(true);
            try {
              return super.handle(request, response, callback);
            } finally {
              IN_HANDLE.set(false);
            }
          }
        });
    server.start();
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          GET    | /memory  | 200 | memory in place       | ''          | ''
          HEAD   | /memory  | 200 | ''                    | ''          | ''
          GET    | /slow    | 200 | slow on a worker      | ''          | ''
          GET    | /stored  | 200 | stored on a worker    | ''          | ''
          GET    | /absent  | 404 | absent on a worker    | ''          | ''
          GET    | /unknown | 404 | unknown on a worker   | ''          | ''
          GET    | /a/b     | 404 | Nothing here          | ''          | ''
          GET    | /home    | 200 | home                  | ''          | ''
          GET    | /down    | 503 | Try again             | Retry-After | 5
          POST   | /memory  | 405 | Nothing here          | Allow       | GET, HEAD
          DELETE | /stored  | 405 | Nothing here          | Allow       | GET, HEAD
          """)
  void answersFromMemoryInPlaceAndWhatMayWaitOnAWorker(
      String method, String path, int status, String body, String header, String value)
      throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(base.resolve(path))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.body()).contains(body);
    assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    if (!header.isEmpty()) {
      assertThat(response.headers().firstValue(header)).hasValue(value);
    }
  }

  /**
   * Names resolved from a fixed memory and a fixed "database"; each answer says the name and
   * whether it ran on the thread that received the request.
   */
  private static final class Names extends TrackedAnswer<String, String> {
    private static final Set<String> IN_MEMORY = Set.of("memory", "slow");
    private static final Set<String> IN_DATABASE = Set.of("memory", "slow", "stored");

    Names() {
      super(
          IpRanges.none(),
          "name",
          MessagePage.of(NOT_FOUND, NOT_FOUND),
          MessagePage.of(UNAVAILABLE, UNAVAILABLE));
    }

    @Override
    protected boolean answerUntracked(String path, Response response, Callback callback) {
      return path.equals("/home") && html(response, callback, 200, text("home"));
    }

    @Override
    protected String address(String path) {
      return path.indexOf('/', 1) < 0 ? path.substring(1) : null;
    }

    @Override
    protected Cached<String> findInMemory(String name, Visitor visitor) {
      if (name.equals("absent")) {
        return Cached.absent();
      }
      return IN_MEMORY.contains(name) ? Cached.of(name) : Cached.notInMemory();
    }

    @Override
    protected Optional<String> find(String name, Visitor visitor) {
      if (name.equals("down")) {
        throw new DatabaseUnavailableException(new SQLException("connection refused"));
      }
      return IN_DATABASE.contains(name) ? Optional.of(name) : Optional.empty();
    }

    @Override
    protected boolean mayWait(String name) {
      return name.equals("slow");
    }

    @Override
    protected boolean respond(
        String name,
        String found,
        Request request,
        Response response,
        Callback callback,
        Visitor visitor) {
      return html(response, callback, 200, text(found + where()));
    }

    @Override
    protected boolean notFound(
        String name, Request request, Response response, Callback callback, Visitor visitor) {
      return html(response, callback, 404, text(name + where()));
    }

    private static String where() {
      return IN_HANDLE.get() ? " in place" : " on a worker";
    }

    private static ByteBuffer text(String text) {
      return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)).asReadOnlyBuffer();
    }
  }
}
