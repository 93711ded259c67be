package io.linkscope.collector.bio;

import io.linkscope.collector.testsupport.TestCollector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The page views and widget taps of a bio page as the pipeline stored them in MariaDB. */
record RecordedVisits(
    int kind,
    long widgetId,
    String widgetType,
    String widgetTitle,
    String country,
    String city,
    String deviceType,
    String browser,
    String referrerSource) {
  static final int PAGE_VIEW = 3;
  static final int WIDGET_TAP = 4;

  /** Waits for the journal to reach MariaDB, then reads the page's events in order. */
  static List<RecordedVisits> of(TestCollector collector, long pageId)
      throws SQLException, InterruptedException {
    collector.awaitBacklogDrained(Duration.ofSeconds(15));
    List<RecordedVisits> visits = new ArrayList<>();
    try (Connection c = collector.database().connect();
        PreparedStatement select =
            c.prepareStatement(
                """
                SELECT kind, COALESCE(widget_id, 0) AS widget_id, widget_type, widget_title,
                  country, city, device_type, browser, referrer_source
                FROM click WHERE page_id = ? ORDER BY id
                """)) {
      select.setLong(1, pageId);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          visits.add(
              new RecordedVisits(
                  row.getInt("kind"),
                  row.getLong("widget_id"),
                  row.getString("widget_type"),
                  row.getString("widget_title"),
                  row.getString("country"),
                  row.getString("city"),
                  row.getString("device_type"),
                  row.getString("browser"),
                  row.getString("referrer_source")));
        }
      }
    }
    return visits;
  }
}
