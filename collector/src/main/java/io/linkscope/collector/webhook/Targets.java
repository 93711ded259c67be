package io.linkscope.collector.webhook;

import io.linkscope.collector.http.HttpError;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.Dns;

/**
 * Where deliveries may go. Unless the operator allows private targets, a receiver's name must not
 * resolve to a loopback, private, link-local (cloud metadata included), carrier-grade NAT,
 * multicast or unspecified address. The check runs when an endpoint is saved and again at every
 * delivery, after DNS: {@link #dns} hands the HTTP client only the addresses it checked, so the
 * connection goes to one of them and a name that changes its answer in between gains nothing.
 */
final class Targets {
  /** Looks a host name up; the system resolver, or a fixed answer in tests. */
  @FunctionalInterface
  interface Resolver {
    List<InetAddress> lookup(String host) throws UnknownHostException;
  }

  /** A host that resolves only to addresses deliveries may not go to. */
  static final class RefusedAddressException extends UnknownHostException {
    private static final long serialVersionUID = 1L;

    RefusedAddressException(String message) {
      super(message);
    }
  }

  private final boolean allowPrivate;
  private final Resolver resolver;

  Targets(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  static Targets system(boolean allowPrivate) {
    return new Targets(allowPrivate, host -> List.of(InetAddress.getAllByName(host)));
  }

  /**
   * Checks an endpoint's URL as an API request gives it: an absolute http(s) URL without user
   * information whose host resolves to allowed addresses; else a 400 naming {@code url}.
   */
  URI validate(String url) {
    if (url.length() > 2048) {
      throw HttpError.invalidField("url", "must be at most 2048 characters.");
    }
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw HttpError.invalidField("url", "is not a valid URL: " + e.getReason() + ".");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
      throw HttpError.invalidField("url", "must be an absolute http or https URL.");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw HttpError.invalidField("url", "must name a host.");
    }
    if (uri.getRawUserInfo() != null) {
      throw HttpError.invalidField("url", "must not contain a user name or password.");
    }
    try {
      checked(host);
    } catch (RefusedAddressException e) {
      throw HttpError.invalidField("url", e.getMessage() + ".");
    } catch (UnknownHostException e) {
      throw HttpError.invalidField("url", "its host '" + host + "' does not resolve.");
    }
    return uri;
  }

  /** The addresses of {@code host} that deliveries may go to; none is an exception. */
  List<InetAddress> checked(String host) throws UnknownHostException {
    String bare =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    List<InetAddress> all = resolver.lookup(bare);
    if (allowPrivate) {
      return all;
    }
    List<InetAddress> allowed = new ArrayList<>(all.size());
    for (InetAddress address : all) {
      if (!refused(address)) {
        allowed.add(address);
      }
    }
    if (allowed.isEmpty()) {
      throw new RefusedAddressException(
          "its host '"
              + host
              + "' resolves to a private, loopback, link-local or metadata address ("
              + (all.isEmpty() ? "none" : all.getFirst().getHostAddress())
              + "), which webhooks may not reach");
    }
    return List.copyOf(allowed);
  }

  /** The resolver of the delivery client: only checked addresses, so the connection is pinned. */
  Dns dns() {
    return this::checked;
  }

  /** Whether deliveries may not go to {@code address} (unless private targets are allowed). */
  static boolean refused(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isAnyLocalAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = b[0] & 0xff;
      int second = b[1] & 0xff;
      return first == 0 // "this network"
          || (first == 100 && second >= 64 && second <= 127) // carrier-grade NAT
          || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
          || (first == 198 && (second == 18 || second == 19)) // benchmarking
          || first >= 240; // reserved, broadcast
    }
    if (address instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return true; // unique local fc00::/7 (fd00:ec2::254 is a cloud metadata address)
      }
      if ((first == 0xfe) && ((b[1] & 0xc0) == 0xc0)) {
        return true; // site-local fec0::/10
      }
      boolean mapped = true; // ::ffff:a.b.c.d carries an IPv4 address
      for (int i = 0; i < 10; i++) {
        mapped &= b[i] == 0;
      }
      if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        try {
          return refused(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return true;
        }
      }
      boolean nat64 =
          (first == 0x00
              && (b[1] & 0xff) == 0x64
              && (b[2] & 0xff) == 0xff
              && (b[3] & 0xff) == 0x9b);
      return nat64;
    }
    return true;
  }
}
