package io.linkscope.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The router runs on Jetty's I/O thread: endpoints and blocking handlers must go to worker threads
 * so that a slow one never holds up the requests of other connections on that I/O thread.
 */
class RouterThreadingTest {
  private final CountDownLatch release = new CountDownLatch(1);
  private Server server;

  @AfterEach
  void stop() throws Exception {
    release.countDown();
    if (server != null) {
      server.stop();
    }
  }

  @Test
  void theServerIsNonBlockingAndASlowEndpointDoesNotHoldUpTheFallback() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    Router router =
        Router.builder(key -> Optional.empty(), java.time.Duration.ofSeconds(10))
            .get(
                "/api/slow",
                Router.Access.PUBLIC,
                request -> {
                  entered.countDown();
                  release.await(10, TimeUnit.SECONDS);
                  return Reply.text(200, "text/plain", "slow");
                })
            .prefix("@", blocking("page"))
            .fallback(nonBlocking("fast"));
    URI base = start(router);
    assertThat(server.getInvocationType()).isEqualTo(Invocable.InvocationType.NON_BLOCKING);

    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    CompletableFuture<HttpResponse<String>> slow = send(client, base.resolve("/api/slow"));
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();

    // One selector: had the endpoint run on it, these would wait for the slow one.
    assertThat(send(client, base.resolve("/abc")).get(5, TimeUnit.SECONDS).body())
        .isEqualTo("fast");
    assertThat(send(client, base.resolve("/@handle")).get(5, TimeUnit.SECONDS).body())
        .isEqualTo("page");
    assertThat(send(client, base.resolve("/api/none")).get(5, TimeUnit.SECONDS).statusCode())
        .isEqualTo(404);

    release.countDown();
    assertThat(slow.get(5, TimeUnit.SECONDS).body()).isEqualTo("slow");
  }

  @Test
  void workThatFailsOrDeclinesOnAWorkerIsAnsweredByTheServer() throws Exception {
    Router router =
        Router.builder(key -> Optional.empty(), java.time.Duration.ofSeconds(10))
            .prefix(
                "@",
                new Handler.Abstract() {
                  @Override
                  public boolean handle(Request request, Response response, Callback callback) {
                    if (Request.getPathInContext(request).equals("/@fail")) {
                      throw new IllegalStateException("broken on purpose");
                    }
                    return false;
                  }
                })
            .fallback(nonBlocking("fast"));
    URI base = start(router);
    HttpClient client = HttpClient.newHttpClient();

    assertThat(send(client, base.resolve("/@fail")).get(5, TimeUnit.SECONDS).statusCode())
        .isEqualTo(500);
    assertThat(send(client, base.resolve("/@declined")).get(5, TimeUnit.SECONDS).statusCode())
        .isEqualTo(404);
  }

  private URI start(Router router) throws Exception {
    server = new Server(new QueuedThreadPool(16, 4));
    ServerConnector connector = new ServerConnector(server, 1, 1);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(router);
    server.start();
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  private static CompletableFuture<HttpResponse<String>> send(HttpClient client, URI uri) {
    return client.sendAsync(
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static Handler nonBlocking(String body) {
    return new Handler.Abstract.NonBlocking() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        Content.Sink.write(response, true, body, callback);
        return true;
      }
    };
  }

  private static Handler blocking(String body) {
    return new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        Content.Sink.write(response, true, body, callback);
        return true;
      }
    };
  }
}
