package io.linkscope.collector.click;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/**
 * Who is visiting, read from the request and cut to size: the client address (through trusted
 * proxies only), User-Agent, referrer, query and language. The address is held only to geolocate
 * and hash it; it is never stored, logged or journaled.
 *
 * @param address the client's address, or null when the connection does not say (it is then neither
 *     geolocated nor hashed)
 */
public record Visitor(
    @Nullable InetAddress address,
    String host,
    String userAgent,
    String referrer,
    String query,
    String acceptLanguage) {

  public static final int MAX_USER_AGENT = 512;
  public static final int MAX_REFERRER = 1024;
  public static final int MAX_QUERY = 2048;
  public static final int MAX_ACCEPT_LANGUAGE = 128;

  /** Reads the visitor of a request, trusting X-Forwarded-For only from {@code trustedProxies}. */
  public static Visitor from(Request request, IpRanges trustedProxies) {
    InetAddress peer =
        request.getConnectionMetaData().getRemoteSocketAddress() instanceof InetSocketAddress socket
            ? socket.getAddress()
            : IpRanges.address(Request.getRemoteAddr(request));
    InetAddress client = peer;
    if (peer != null && trustedProxies.contains(peer)) {
      client =
          forwardedClient(
              request.getHeaders().get(HttpHeader.X_FORWARDED_FOR), trustedProxies, peer);
    }
    String host = Request.getServerName(request);
    return new Visitor(
        client,
        host == null ? "" : host.toLowerCase(Locale.ROOT),
        crop(request.getHeaders().get(HttpHeader.USER_AGENT), MAX_USER_AGENT),
        crop(request.getHeaders().get(HttpHeader.REFERER), MAX_REFERRER),
        crop(request.getHttpURI().getQuery(), MAX_QUERY),
        crop(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE), MAX_ACCEPT_LANGUAGE));
  }

  /**
   * The right-most address in X-Forwarded-For that is not itself a trusted proxy: everything to its
   * left was written by the client and cannot be believed.
   */
  static InetAddress forwardedClient(
      @Nullable String header, IpRanges trustedProxies, InetAddress peer) {
    if (header == null || header.isBlank()) {
      return peer;
    }
    String[] hops = header.split(",");
    InetAddress candidate = peer;
    for (int i = hops.length - 1; i >= 0; i--) {
      InetAddress hop = IpRanges.address(hops[i]);
      if (hop == null) {
        return candidate;
      }
      candidate = hop;
      if (!trustedProxies.contains(hop)) {
        return hop;
      }
    }
    return candidate;
  }

  static String crop(@Nullable String value, int max) {
    if (value == null) {
      return "";
    }
    String trimmed = value.strip();
    return trimmed.length() <= max ? trimmed : trimmed.substring(0, max);
  }
}
