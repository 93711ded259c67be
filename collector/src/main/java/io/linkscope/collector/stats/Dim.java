package io.linkscope.collector.stats;

import io.linkscope.api.stats.Dimension;
import java.util.List;

/**
 * How each {@link Dimension} is kept: its stable code in the rollup tables, its column in the click
 * table, and its value in an enriched click. Codes are stored, so they never change.
 */
public final class Dim {
  /** The code of the totals cell of an hour (value ""). */
  public static final int TOTAL = 0;

  /**
   * The code of per-widget tap cells of a bio page (value = widget id, for a social icon widget id
   * and platform: see {@link #tapped}).
   */
  public static final int WIDGET = 100;

  /** The code of per-link cells of a workspace (value = link id), for its top links. */
  public static final int LINK = 101;

  /** Every dimension a click is rolled up by, in code order. */
  public static final List<Dimension> ALL = List.of(Dimension.values());

  /** The widget type whose taps name their icon's platform in the title. */
  public static final String SOCIAL = "social";

  /** The click table's expression for {@link #tapped}. */
  static final String TAPPED_COLUMN =
      "CONCAT(widget_id, IF(widget_type = 'social', CONCAT('/', widget_title), ''))";

  /** The value of a link click sent to its link's own target in the destination breakdown. */
  public static final String OWN_TARGET = "target";

  /**
   * The click table's expression for {@link Dimension#DESTINATION}: the destination key of a link
   * click ({@code rule:<id>}, {@code variant:<id>}), {@value #OWN_TARGET} where it is null.
   */
  static final String DESTINATION_COLUMN =
      "IF(kind = 1, IFNULL(destination_key, '" + OWN_TARGET + "'), '')";

  private Dim() {}

  /** The destination value of a visit of kind {@code kindCode}, as {@link #DESTINATION_COLUMN}. */
  public static String destination(int kindCode, String destinationKey) {
    if (kindCode != 1) {
      return "";
    }
    return destinationKey.isEmpty() ? OWN_TARGET : destinationKey;
  }

  /** The column label a dimension is selected under: {@code d<code>}. */
  public static String label(Dimension dimension) {
    return "d" + code(dimension);
  }

  /**
   * What a tap is counted under: the widget, or for an icon of a social row the widget and the
   * icon's platform, {@code "<widget id>/<platform name>"}, so that each icon is a row of its own.
   */
  public static String tapped(long widgetId, String widgetType, String widgetTitle) {
    return SOCIAL.equals(widgetType) ? widgetId + "/" + widgetTitle : Long.toString(widgetId);
  }

  public static int code(Dimension dimension) {
    return switch (dimension) {
      case COUNTRY -> 1;
      case REGION -> 2;
      case CITY -> 3;
      case DEVICE -> 4;
      case BROWSER -> 5;
      case OS -> 6;
      case IN_APP -> 7;
      case SOURCE -> 8;
      case REFERRER_HOST -> 9;
      case UTM_SOURCE -> 10;
      case UTM_MEDIUM -> 11;
      case UTM_CAMPAIGN -> 12;
      case UTM_TERM -> 13;
      case UTM_CONTENT -> 14;
      case LANGUAGE -> 15;
      case DESTINATION -> 16;
    };
  }

  /** The wire name of a stored code: "total", "widget" or a dimension's wire name. */
  public static String wireName(int code) {
    if (code == TOTAL) {
      return "total";
    }
    if (code == WIDGET) {
      return "widget";
    }
    if (code == LINK) {
      return "link";
    }
    for (Dimension dimension : ALL) {
      if (code(dimension) == code) {
        return dimension.wireName();
      }
    }
    throw new IllegalArgumentException("unknown dimension code " + code);
  }

  /** The click table's column holding the dimension. */
  public static String column(Dimension dimension) {
    return switch (dimension) {
      case COUNTRY -> "country";
      case REGION -> "region";
      case CITY -> "city";
      case DEVICE -> "device_type";
      case BROWSER -> "browser";
      case OS -> "os";
      case IN_APP -> "in_app";
      case SOURCE -> "referrer_source";
      case REFERRER_HOST -> "referrer_host";
      case UTM_SOURCE -> "utm_source";
      case UTM_MEDIUM -> "utm_medium";
      case UTM_CAMPAIGN -> "utm_campaign";
      case UTM_TERM -> "utm_term";
      case UTM_CONTENT -> "utm_content";
      case LANGUAGE -> "language";
      case DESTINATION -> DESTINATION_COLUMN;
    };
  }

  /** Values longer than the click table's widest column cannot occur; cropped for safety. */
  public static String crop(String value) {
    if (value == null) {
      return "";
    }
    return value.length() <= 255 ? value : value.substring(0, 255);
  }
}
