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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A TCP forwarder between the collector and MariaDB that a test can cut and restore, to play a
 * database outage with the real driver and pool. {@link #cut()} closes every forwarded connection
 * and stops listening (new connections are refused); {@link #restore()} listens again on the same
 * port.
 */
public final class TcpProxy implements AutoCloseable {
  private final InetSocketAddress target;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private ServerSocket listener;

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
    return config.withDatabase(jdbcUrl(config.dbUrl()), config.dbUser(), config.dbPassword());
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
    Thread.ofVirtual().start(() -> copy(client, upstream));
    Thread.ofVirtual().start(() -> copy(upstream, client));
  }

  private void copy(Socket from, Socket to) {
    byte[] buffer = new byte[16 * 1024];
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException closed) {
      // One side went away (or the outage cut it): close both, as a broken network would.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
      sockets.remove(from);
      sockets.remove(to);
    }
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
