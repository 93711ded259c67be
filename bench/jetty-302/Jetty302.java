import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The framework floor for redirect-bench.sh: Jetty 12 with the collector's connector settings
 * (one selector per core, header cache off, a non-blocking handler on the selector thread)
 * answering every request with a constant 302 and nothing else. Usage: java -cp 'lib/*'
 * Jetty302.java PORT-FILE (listens on a free loopback port and writes it to PORT-FILE).
 */
public class Jetty302 {
  public static void main(String[] args) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool(200, 8);
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setHeaderCacheSize(0);
    http.setSendServerVersion(false);
    ServerConnector connector =
        new ServerConnector(
            server, -1, Runtime.getRuntime().availableProcessors(), new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract.NonBlocking() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(302);
            response.getHeaders().put(HttpHeader.LOCATION, "https://example.com/target");
            response.getHeaders().put(HttpFields.CONTENT_LENGTH_0);
            response.write(true, BufferUtil.EMPTY_BUFFER, callback);
            return true;
          }
        });
    server.start();
    java.nio.file.Files.writeString(
        java.nio.file.Path.of(args[0]), Integer.toString(connector.getLocalPort()));
    server.join();
  }
}
