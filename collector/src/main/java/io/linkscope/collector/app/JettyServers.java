package io.linkscope.collector.app;

import io.linkscope.collector.http.ApiErrorHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The collector's Jetty server, tuned for many short redirects next to a few API requests. */
final class JettyServers {
  private JettyServers() {}

  static Server create() {
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    threads.setName("http");
    Server server = new Server(threads);
    server.setStopTimeout(5_000);
    server.setErrorHandler(new ApiErrorHandler());
    return server;
  }

  /** Adds the server's one connector, not yet bound. */
  static ServerConnector connector(Server server, String host, int port) {
    HttpConfiguration http = new HttpConfiguration();
    // Jetty's per-connection cache of header fields pays off for repeated identical headers; the
    // headers of short-link visitors (User-Agent, X-Forwarded-For, Referer) differ per request,
    // and filling and probing the cache took about a quarter of the request threads' CPU.
    http.setHeaderCacheSize(0);
    // Redirects run on the selector threads themselves (see Router): one selector per core, so
    // that all cores can answer them and one thread losing its core holds up fewer connections
    // (Jetty's default is one selector per two cores).
    ServerConnector connector =
        new ServerConnector(
            server,
            -1,
            Runtime.getRuntime().availableProcessors(),
            new HttpConnectionFactory(http));
    connector.setHost(host);
    connector.setPort(port);
    server.addConnector(connector);
    return connector;
  }
}
