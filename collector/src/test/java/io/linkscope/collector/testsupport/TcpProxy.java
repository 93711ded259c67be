package io.linkscope.collector.testsupport;

import io.linkscope.collector.app.CollectorConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A TCP forwarder between the collector and MariaDB that a test can cut and restore, to play a
 * database outage with the real driver and pool. {@link #cut()} closes every forwarded connection
 * and stops listening (new connections are refused); {@link #restore()} listens again on the same
 * port. {@link #freezeBefore} plays a dead host instead: nothing is forwarded any more, and
 * MariaDB's side of each connection stays open, whatever happens to the collector's side.
 */
public final class TcpProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private ServerSocket listener;
  private volatile byte[] freezeMarker;
  private volatile boolean frozen;
  private final CountDownLatch frozenLatch = new CountDownLatch(1);

  private TcpProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.listener = listenBelowEphemeralPorts();
    this.port = listener.getLocalPort();
    acceptInBackground(listener);
  }

  /** A proxy in front of the server of a {@code jdbc:mariadb://host:port/db} URL. */
  public static TcpProxy inFrontOf(String jdbcUrl) {
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    try {
      return new TcpProxy(new InetSocketAddress(uri.getHost(), uri.getPort()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same JDBC URL, pointing at this proxy instead of the server. */
  public String jdbcUrl(String serverJdbcUrl) {
    URI uri = URI.create(serverJdbcUrl.substring("jdbc:".length()));
    return "jdbc:mariadb://127.0.0.1:" + port + uri.getRawPath();
  }

  /** The collector configuration with its database reached through this proxy. */
  public CollectorConfig throughProxy(CollectorConfig config) {
    return config.withDatabase(
        jdbcUrl(config.database().url()), config.database().user(), config.database().password());
  }

  public int port() {
    return port;
  }

  /** The outage: drops every connection and refuses new ones until {@link #restore()}. */
  public synchronized void cut() {
    closeQuietly(listener);
    listener = null;
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
  }

  /** Ends the outage: accepts and forwards connections again, on the same port. */
  public synchronized void restore() throws IOException {
    if (listener == null) {
      listener = listen(port);
      acceptInBackground(listener);
    }
  }

  /**
   * Freezes the proxy when the collector next sends bytes containing {@code marker}, before they
   * are forwarded: from then on nothing passes in either direction, new connections are refused,
   * and MariaDB's side of every connection is left open, as when the collector's host loses power
   * or its network. {@link #close()} ends the connections.
   */
  public void freezeBefore(String marker) {
    freezeMarker = marker.getBytes(StandardCharsets.UTF_8);
  }

  /** Waits until {@link #freezeBefore} has frozen the proxy. */
  public boolean awaitFrozen(Duration timeout) throws InterruptedException {
    return frozenLatch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void freeze() {
    frozen = true;
    closeQuietly(listener);
    listener = null;
    frozenLatch.countDown();
  }

  @Override
  public void close() {
    cut();
  }

  /**
   * Listens on a free port below Linux's ephemeral range (32768 and up). While the proxy is cut, a
   * port in that range can be taken by any outgoing connection, even by the driver's own attempt to
   * reach it (a TCP connection to itself), and {@link #restore()} could not listen again.
   */
  private static ServerSocket listenBelowEphemeralPorts() throws IOException {
    IOException last = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        return listen(20_000 + ThreadLocalRandom.current().nextInt(12_000));
      } catch (IOException taken) {
        last = taken;
      }
    }
    throw last;
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket socket = new ServerSocket();
    try {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private void acceptInBackground(ServerSocket server) {
    Thread.ofVirtual()
        .name("tcp-proxy-accept")
        .start(
            () -> {
              while (!server.isClosed()) {
                try {
                  forward(server.accept());
                } catch (IOException closedByCut) {
                  return;
                }
              }
            });
  }

  private void forward(Socket client) {
    Socket upstream = new Socket();
    try {
      upstream.connect(target, 2_000);
    } catch (IOException e) {
      closeQuietly(client);
      closeQuietly(upstream);
      return;
    }
    sockets.add(client);
    sockets.add(upstream);
    synchronized (this) {
      // A cut between accept and here must not leave this pair open.
      if (listener == null) {
        closeQuietly(client);
        closeQuietly(upstream);
        return;
      }
    }
    Thread.ofVirtual().start(() -> copy(client, upstream, true));
    Thread.ofVirtual().start(() -> copy(upstream, client, false));
  }

  private void copy(Socket from, Socket to, boolean fromCollector) {
    byte[] buffer = new byte[16 * 1024];
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        byte[] marker = freezeMarker;
        if (fromCollector && !frozen && marker != null && contains(buffer, n, marker)) {
          freeze();
        }
        if (frozen) {
          continue; // lost on the way, as on a dead link
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException closed) {
      // One side went away (or the outage cut it): close both, as a broken network would.
    } finally {
      closeQuietly(from);
      sockets.remove(from);
      // A dead host's end closes without MariaDB hearing of it.
      if (!frozen) {
        closeQuietly(to);
        sockets.remove(to);
      }
    }
  }

  private static boolean contains(byte[] buffer, int length, byte[] marker) {
    outer:
    for (int i = 0; i + marker.length <= length; i++) {
      for (int j = 0; j < marker.length; j++) {
        if (buffer[i + j] != marker[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // Closing is all that is wanted; an error closing changes nothing for the test.
    }
  }
}
