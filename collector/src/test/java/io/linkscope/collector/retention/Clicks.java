package io.linkscope.collector.retention;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.collector.click.ClickTarget;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TestCollector;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Visits captured at chosen times through the collector's real capture, and counts of rows. */
final class Clicks {
  static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/124.0.0.0 Safari/537.36";

  private Clicks() {}

  /** {@code count} clicks on a link at {@code at}, each from another address (another visitor). */
  static void onLink(
      TestCollector collector,
      SettableClock clock,
      long workspaceId,
      long linkId,
      int count,
      Instant at)
      throws UnknownHostException {
    visits(collector, clock, ClickTarget.link(workspaceId, linkId), count, at);
  }

  /** {@code count} visits of {@code target} at {@code at}, each from another address. */
  static void visits(
      TestCollector collector, SettableClock clock, ClickTarget target, int count, Instant at)
      throws UnknownHostException {
    clock.set(at);
    for (int i = 0; i < count; i++) {
      assertThat(collector.collector().capture().capture("GET", visitor(i), target)).isTrue();
    }
  }

  static Visitor visitor(int i) throws UnknownHostException {
    InetAddress address =
        InetAddress.getByAddress(new byte[] {81, (byte) (i >> 16), (byte) (i >> 8), (byte) i});
    return new Visitor(address, "localhost", CHROME, "", "", "");
  }

  /** The single number a query answers. */
  static long count(TestCollector collector, String sql, Object... params) throws SQLException {
    try (Connection c = collector.database().connect();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet row = s.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}
