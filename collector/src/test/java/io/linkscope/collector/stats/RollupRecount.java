package io.linkscope.collector.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The unique flags and every rollup cell recounted from the raw clicks alone, by the documented
 * definitions (docs/decisions/0003), to compare with what the collector keeps.
 */
public final class RollupRecount {
  private RollupRecount() {}

  /** Asserts that flags and rollups of the database equal a recount of its raw clicks. */
  public static void assertRollupsMatchRawClicks(Connection c, String why) throws SQLException {
    Recomputed expected = recompute(c);
    assertThat(flags(c)).as("unique flags, %s", why).isEqualTo(expected.uniqueFlags());
    for (Level level : Level.values()) {
      assertThat(rollups(c, level))
          .as("%s, %s", level.table, why)
          .isEqualTo(expected.cells().get(level));
    }
  }

  /** The hourly rollup cells by key (scope|id|kind|dim|period|value): clicks, uniques, bots. */
  public static Map<String, List<Long>> hourlyCells(Connection c) throws SQLException {
    return rollups(c, Level.HOUR);
  }

  /** The expected state, computed from raw clicks alone by the documented definitions. */
  record Recomputed(List<Boolean> uniqueFlags, Map<Level, Map<String, List<Long>>> cells) {}

  static Recomputed recompute(Connection c) throws SQLException {
    List<Boolean> unique = new ArrayList<>();
    Map<Level, Map<String, List<Long>>> cells = new HashMap<>();
    for (Level level : Level.values()) {
      cells.put(level, new TreeMap<>());
    }
    Set<String> seen = new HashSet<>();
    String columns = String.join(", ", Dim.ALL.stream().map(Dim::column).toList());
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT kind, workspace_id, link_id, page_id, widget_id, clicked_at, ip_hash,"
                    + " user_agent, bot, "
                    + columns
                    + ", widget_type, widget_title"
                    + " FROM click WHERE kind <> 2 ORDER BY id");
        ResultSet row = s.executeQuery()) {
      while (row.next()) {
        int kind = row.getInt(1);
        long target = kind == 1 ? row.getLong(3) : row.getLong(4);
        long widget = kind == 4 ? row.getLong(5) : 0;
        // Each icon of a social row counts on its own, by the platform name it was tapped under.
        String tapped =
            kind != 4
                ? "0"
                : row.getString(10 + Dim.ALL.size()).equals("social")
                    ? widget + "/" + row.getString(11 + Dim.ALL.size())
                    : Long.toString(widget);
        Instant at = row.getTimestamp(6).toInstant();
        String visitor =
            kind
                + "/"
                + target
                + "/"
                + tapped
                + "/"
                + at.truncatedTo(ChronoUnit.DAYS)
                + "/"
                + HexFormat.of().formatHex(row.getBytes(7))
                + "/"
                + row.getString(8);
        boolean first = seen.add(visitor);
        unique.add(first);
        boolean bot = row.getBoolean(9);
        List<String> scopes = new ArrayList<>();
        scopes.add((kind == 1 ? 1 : 2) + "|" + target);
        if (kind != 4) {
          scopes.add("3|" + row.getLong(2));
        }
        Map<Integer, String> values = new TreeMap<>();
        values.put(Dim.TOTAL, "");
        for (int d = 0; d < Dim.ALL.size(); d++) {
          values.put(Dim.code(Dim.ALL.get(d)), row.getString(10 + d));
        }
        if (kind == 4) {
          values.put(Dim.WIDGET, tapped);
        }
        for (Level level : Level.values()) {
          for (String scope : scopes) {
            Map<Integer, String> cellValues = new TreeMap<>(values);
            if (scope.startsWith("3|") && kind == 1) {
              cellValues.put(Dim.LINK, Long.toString(target));
            }
            for (Map.Entry<Integer, String> value : cellValues.entrySet()) {
              if (level == Level.HOUR && value.getKey() != Dim.TOTAL && !scope.startsWith("3|")) {
                continue; // links and pages keep only their total by the hour
              }
              String key =
                  scope
                      + "|"
                      + kind
                      + "|"
                      + value.getKey()
                      + "|"
                      + level.floor(at)
                      + "|"
                      + value.getValue();
              List<Long> counts =
                  cells
                      .get(level)
                      .computeIfAbsent(key, k -> new ArrayList<>(List.of(0L, 0L, 0L, 0L)));
              int offset = bot ? 2 : 0;
              counts.set(offset, counts.get(offset) + 1);
              if (first) {
                counts.set(offset + 1, counts.get(offset + 1) + 1);
              }
            }
          }
        }
      }
    }
    return new Recomputed(unique, cells);
  }

  static List<Boolean> flags(Connection c) throws SQLException {
    List<Boolean> flags = new ArrayList<>();
    try (PreparedStatement s =
            c.prepareStatement("SELECT is_unique FROM click WHERE kind <> 2 ORDER BY id");
        ResultSet row = s.executeQuery()) {
      while (row.next()) {
        flags.add(row.getBoolean(1));
      }
    }
    return flags;
  }

  static Map<String, List<Long>> rollups(Connection c, Level level) throws SQLException {
    Map<String, List<Long>> cells = new TreeMap<>();
    try (PreparedStatement s =
            c.prepareStatement(
                "SELECT scope, scope_id, kind, dim, period, value, clicks, uniques, bot_clicks,"
                    + " bot_uniques FROM "
                    + level.table);
        ResultSet row = s.executeQuery()) {
      while (row.next()) {
        String key =
            row.getInt(1)
                + "|"
                + row.getLong(2)
                + "|"
                + row.getInt(3)
                + "|"
                + row.getInt(4)
                + "|"
                + row.getTimestamp(5).toInstant()
                + "|"
                + row.getString(6);
        cells.put(key, List.of(row.getLong(7), row.getLong(8), row.getLong(9), row.getLong(10)));
      }
    }
    return cells;
  }
}
