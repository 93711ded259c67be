package io.linkscope.collector.ingest;

import io.linkscope.collector.stats.Dim;
import io.linkscope.collector.stats.Level;
import io.linkscope.collector.stats.Scope;
import io.linkscope.collector.stats.VisitKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * A batch's visits counted into rollup cells without the database: the cells of every level, their
 * click counts, and which cells each visit is in, so that once the batch's uniques are decided they
 * are added by index, with no second pass over the cell keys. Cells are found per group (scope,
 * target, kind and period) and then per dimension and value, which hashes a visit's strings (their
 * hashes are cached) rather than a whole cell key per dimension.
 */
final class RollupCounts {
  /**
   * Cell slots of a group: the total, each dimension by position in {@link Dim#ALL}, widget, link.
   */
  private static final int WIDGET_SLOT = 1 + Dim.ALL.size();

  private static final int LINK_SLOT = WIDGET_SLOT + 1;

  /** The stored dimension code of each slot. */
  private static final int[] SLOT_CODES = new int[LINK_SLOT + 1];

  static {
    SLOT_CODES[0] = Dim.TOTAL;
    for (int d = 0; d < Dim.ALL.size(); d++) {
      SLOT_CODES[1 + d] = Dim.code(Dim.ALL.get(d));
    }
    SLOT_CODES[WIDGET_SLOT] = Dim.WIDGET;
    SLOT_CODES[LINK_SLOT] = Dim.LINK;
  }

  private static final long HOUR_MILLIS = 3_600_000L;
  private static final long DAY_MILLIS = 86_400_000L;

  private final List<Visit> visits;
  private final Cells hours = new Cells(Level.HOUR);
  private final Cells days = new Cells(Level.DAY);
  private final Cells months = new Cells(Level.MONTH);

  /** Cells of visit i: hourRefs[hourStart[i] .. hourStart[i + 1]), the same for days. */
  private final IntList hourRefs = new IntList();

  private final IntList dayRefs = new IntList();
  private final int[] hourStart;
  private final int[] dayStart;
  private final int[] dayToMonth;

  private RollupCounts(List<Visit> visits) {
    this.visits = visits;
    this.hourStart = new int[visits.size() + 1];
    this.dayStart = new int[visits.size() + 1];
    count();
    this.dayToMonth = coarsenDays();
    hours.order();
    days.order();
    months.order();
  }

  static RollupCounts of(List<Visit> visits) {
    return new RollupCounts(visits);
  }

  private void count() {
    for (int i = 0; i < visits.size(); i++) {
      Visit visit = visits.get(i);
      String id = idValue(visit);
      int bot = visit.bot() ? 1 : 0;
      long hour = Math.floorDiv(visit.epochMillis(), HOUR_MILLIS) * HOUR_MILLIS;
      long day = Math.floorDiv(visit.epochMillis(), DAY_MILLIS) * DAY_MILLIS;
      hourStart[i] = hourRefs.size;
      dayStart[i] = dayRefs.size;
      Group link = hours.group(visit.scope(), visit.scopeId(), visit, hour);
      hourRefs.add(hours.count(link, 0, "", bot));
      addAll(days, dayRefs, days.group(visit.scope(), visit.scopeId(), visit, day), visit, bot, id);
      if (visit.kind() != VisitKind.TAP) {
        // A workspace's hours are dense (many clicks each), so it keeps every dimension hourly.
        Group workspaceHour = hours.group(Scope.WORKSPACE, visit.workspaceId(), visit, hour);
        addAll(hours, hourRefs, workspaceHour, visit, bot, id);
        Group workspaceDay = days.group(Scope.WORKSPACE, visit.workspaceId(), visit, day);
        addAll(days, dayRefs, workspaceDay, visit, bot, id);
      }
    }
    hourStart[visits.size()] = hourRefs.size;
    dayStart[visits.size()] = dayRefs.size;
  }

  /** Counts a visit in every cell of one group: total, each dimension, widget or link. */
  private static void addAll(
      Cells cells, IntList refs, Group group, Visit visit, int bot, String id) {
    refs.add(cells.count(group, 0, "", bot));
    List<String> values = visit.values();
    for (int d = 0; d < values.size(); d++) {
      refs.add(cells.count(group, 1 + d, values.get(d), bot));
    }
    if (visit.kind() == VisitKind.TAP) {
      refs.add(cells.count(group, WIDGET_SLOT, id, bot));
    }
    if (group.scope == Scope.WORKSPACE && visit.kind() == VisitKind.CLICK) {
      refs.add(cells.count(group, LINK_SLOT, id, bot));
    }
  }

  /**
   * The value of a visit's widget cells (taps) or workspace link cells (clicks); empty for a page
   * view, which has neither.
   */
  private static String idValue(Visit visit) {
    return switch (visit.kind()) {
      case TAP -> visit.tapped();
      case CLICK -> Long.toString(visit.linkId());
      default -> "";
    };
  }

  /** Adds the day cells up into month cells; returns the month cell of each day cell. */
  private int[] coarsenDays() {
    int[] dayToMonth = new int[days.cells.size()];
    Map<Long, Instant> monthOfDay = new HashMap<>();
    for (Group day : days.groups.values()) {
      Instant month =
          monthOfDay.computeIfAbsent(day.period.toEpochMilli(), d -> Level.MONTH.floor(day.period));
      Group group = months.group(day.scope, day.scopeId, day.kind, day.workspaceId, month);
      for (int slot = 0; slot < day.slots.length; slot++) {
        if (day.slots[slot] == null) {
          continue;
        }
        for (Map.Entry<String, int[]> cell : day.slots[slot].entrySet()) {
          int dayId = cell.getValue()[0];
          int monthId = months.cell(group, slot, cell.getKey());
          dayToMonth[dayId] = monthId;
          months.clicks[monthId * 2] += days.clicks[dayId * 2];
          months.clicks[monthId * 2 + 1] += days.clicks[dayId * 2 + 1];
        }
      }
    }
    return dayToMonth;
  }

  /**
   * Adds the counts to the rollups, {@code unique[i]} telling whether visit i is unique. Does not
   * change this object, so a batch that failed can be written again.
   */
  void write(Connection c, boolean[] unique) throws SQLException {
    long[] hourUniques = new long[hours.cells.size() * 2];
    long[] dayUniques = new long[days.cells.size() * 2];
    long[] monthUniques = new long[months.cells.size() * 2];
    for (int i = 0; i < unique.length; i++) {
      if (!unique[i]) {
        continue;
      }
      int bot = visits.get(i).bot() ? 1 : 0;
      for (int r = hourStart[i]; r < hourStart[i + 1]; r++) {
        hourUniques[hourRefs.values[r] * 2 + bot]++;
      }
      for (int r = dayStart[i]; r < dayStart[i + 1]; r++) {
        dayUniques[dayRefs.values[r] * 2 + bot]++;
      }
    }
    for (int day = 0; day < dayToMonth.length; day++) {
      monthUniques[dayToMonth[day] * 2] += dayUniques[day * 2];
      monthUniques[dayToMonth[day] * 2 + 1] += dayUniques[day * 2 + 1];
    }
    Rollups.upsert(c, hours, hourUniques);
    Rollups.upsert(c, days, dayUniques);
    Rollups.upsert(c, months, monthUniques);
  }

  /** The cells of one group, one map from value to cell id per slot. */
  private static final class Group {
    final Scope scope;
    final long scopeId;
    final VisitKind kind;
    final long workspaceId;
    final Instant period;

    @SuppressWarnings("unchecked")
    final Map<String, int[]>[] slots = (Map<String, int[]>[]) new Map<?, ?>[LINK_SLOT + 1];

    Group(Scope scope, long scopeId, VisitKind kind, long workspaceId, Instant period) {
      this.scope = scope;
      this.scopeId = scopeId;
      this.kind = kind;
      this.workspaceId = workspaceId;
      this.period = period;
    }
  }

  private record GroupKey(
      Scope scope, long scopeId, VisitKind kind, long workspaceId, long period) {}

  /** The cells of one level, numbered in the order they were met. */
  static final class Cells {
    final Level level;
    private final Map<GroupKey, Group> groups = new HashMap<>();
    private final List<Rollups.Cell> cells = new ArrayList<>();

    /** Per cell: human clicks, bot clicks. */
    private long[] clicks = new long[512];

    // Set once every cell is counted.
    private int @Nullable [] ordered;

    Cells(Level level) {
      this.level = level;
    }

    private Group group(Scope scope, long scopeId, Visit visit, long periodMillis) {
      return groups.computeIfAbsent(
          new GroupKey(scope, scopeId, visit.kind(), visit.workspaceId(), periodMillis),
          k ->
              new Group(
                  scope, scopeId, k.kind(), k.workspaceId(), Instant.ofEpochMilli(k.period())));
    }

    private Group group(
        Scope scope, long scopeId, VisitKind kind, long workspaceId, Instant period) {
      return groups.computeIfAbsent(
          new GroupKey(scope, scopeId, kind, workspaceId, period.toEpochMilli()),
          k -> new Group(scope, scopeId, kind, workspaceId, period));
    }

    /** Counts one click in a cell; returns the cell's id. */
    private int count(Group group, int slot, String value, int bot) {
      int id = cell(group, slot, value);
      clicks[id * 2 + bot]++;
      return id;
    }

    private int cell(Group group, int slot, String value) {
      Map<String, int[]> values = group.slots[slot];
      if (values == null) {
        values = new HashMap<>();
        group.slots[slot] = values;
      }
      int[] id = values.get(value);
      if (id == null) {
        id = new int[] {cells.size()};
        values.put(value, id);
        cells.add(
            new Rollups.Cell(
                group.scope,
                group.scopeId,
                group.kind,
                SLOT_CODES[slot],
                group.period,
                value,
                group.workspaceId));
        if (clicks.length < cells.size() * 2) {
          clicks = Arrays.copyOf(clicks, clicks.length * 2);
        }
      }
      return id[0];
    }

    int size() {
      return cells.size();
    }

    Rollups.Cell cell(int id) {
      return cells.get(id);
    }

    long clicks(int id, int bot) {
      return clicks[id * 2 + bot];
    }

    private void order() {
      ordered =
          IntStream.range(0, cells.size())
              .boxed()
              .sorted((a, b) -> cells.get(a).compareTo(cells.get(b)))
              .mapToInt(Integer::intValue)
              .toArray();
    }

    /**
     * Cell ids in primary-key order: one lock order for every batch, and index-friendly inserts.
     */
    int[] ordered() {
      return Objects.requireNonNull(ordered, "the cells are ordered once all are counted");
    }
  }

  /** A growable list of ints. */
  private static final class IntList {
    int[] values = new int[1024];
    int size;

    void add(int value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }
  }
}
