package io.linkscope.collector.routing;

import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.enrich.AcceptLanguage;
import io.linkscope.collector.enrich.DeviceInfo;
import io.linkscope.collector.enrich.GeoLocation;
import io.linkscope.collector.enrich.Referrer;
import java.net.InetAddress;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What a route decides on: the visitor as read from the request, and what capture computes anyway
 * (the GeoIP answer, the day's visitor hash). The device is asked for only when a condition needs
 * it, from the same User-Agent cache the pipeline reads later, so nothing is parsed twice; the
 * language and referrer source come from the enrichers' memos the same way.
 */
public final class RouteVisit {
  private final Visitor visitor;
  private final GeoLocation geo;
  private final byte[] visitorHash;
  private final long epochMillis;
  private final Function<Visitor, DeviceInfo> devices;
  private @Nullable DeviceInfo device;

  /**
   * @param visitorHash the visitor's address hash, keyed per workspace and day (the variant's
   *     stickiness follows it)
   * @param devices the shared, caching User-Agent analysis
   */
  public RouteVisit(
      Visitor visitor,
      GeoLocation geo,
      byte[] visitorHash,
      long epochMillis,
      Function<Visitor, DeviceInfo> devices) {
    this.visitor = visitor;
    this.geo = geo;
    this.visitorHash = visitorHash;
    this.epochMillis = epochMillis;
    this.devices = devices;
  }

  DeviceInfo device() {
    DeviceInfo known = device;
    if (known == null) {
      known = devices.apply(visitor);
      device = known;
    }
    return known;
  }

  GeoLocation geo() {
    return geo;
  }

  @Nullable InetAddress address() {
    return visitor.address();
  }

  String language() {
    return AcceptLanguage.primary(visitor.acceptLanguage());
  }

  String referrerSource() {
    return Referrer.classify(visitor.referrer(), device().inAppApp()).source();
  }

  String query() {
    return visitor.query();
  }

  long epochMillis() {
    return epochMillis;
  }

  byte[] visitorHash() {
    return visitorHash;
  }
}
