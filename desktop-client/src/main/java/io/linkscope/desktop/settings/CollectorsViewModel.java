package io.linkscope.desktop.settings;

import io.linkscope.api.cluster.CollectorView;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Problem;
import io.linkscope.desktop.workspace.Remote;
import io.linkscope.desktop.workspace.Workspace;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The collectors that serve the connection's database, as the collector lists them: each with its
 * state (up, late, down), the clicks it holds that are not in the database yet, how far behind they
 * are, its version and when it last reported, read again while the screen is open.
 */
public final class CollectorsViewModel {
  private final Workspace session;
  private final ZoneId zone;
  private final ObservableList<CollectorView> collectors = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
  private @Nullable Instant loadedAt;
  private boolean reading;

  public CollectorsViewModel(Workspace session, ZoneId zone) {
    this.session = session;
    this.zone = zone;
  }

  /** The collectors, most recently seen first; the one that answered is marked {@code self}. */
  public ObservableList<CollectorView> collectors() {
    return collectors;
  }

  public ReadOnlyBooleanProperty loadedProperty() {
    return loaded.getReadOnlyProperty();
  }

  /** "Loading…", why the list cannot be shown, "Offline: … as of …"; "" when current. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** "3 collectors: 2 up, 1 down · 1,204 clicks not in the database yet". */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /** Reads the list; keeps what is shown when that fails. A read under way is not doubled. */
  public void reload() {
    if (reading) {
      return;
    }
    reading = true;
    if (!loaded.get()) {
      status.set("Loading the collectors…");
    }
    session
        .background()
        .run(
            "Collectors",
            () -> session.client().collectors(),
            list -> {
              reading = false;
              loaded.set(true);
              loadedAt = session.clock().instant();
              status.set("");
              collectors.setAll(list);
              summary.set(summary(list));
            },
            failure -> {
              reading = false;
              status.set(readProblem(Problem.of(failure)));
            });
  }

  static String summary(List<CollectorView> list) {
    if (list.isEmpty()) {
      return "No collector has reported yet.";
    }
    long up = list.stream().filter(c -> "up".equals(c.state())).count();
    long late = list.stream().filter(c -> "late".equals(c.state())).count();
    long down = list.size() - up - late;
    long backlog = list.stream().mapToLong(CollectorView::backlog).sum();
    StringBuilder text = new StringBuilder(Formats.count(list.size(), "collectors"));
    text.append(": ").append(up).append(" up");
    if (late > 0) {
      text.append(", ").append(late).append(" late");
    }
    if (down > 0) {
      text.append(", ").append(down).append(" down");
    }
    text.append(" · ")
        .append(
            backlog == 0
                ? "every answered click is in the database"
                : Formats.count(backlog, "clicks") + " not in the database yet");
    return text.toString();
  }

  private String readProblem(Problem problem) {
    if (problem.offline()) {
      return Remote.offline("the collectors", loadedAt, zone);
    }
    if (problem.notFound()) {
      return "This collector does not list the collectors of its database yet: update it to a"
          + " version that does.";
    }
    return "Cannot read the collectors: " + problem.message();
  }

  /** "Up", "Late", "Down"; "(this one)" for the collector that answered. */
  public String state(CollectorView collector) {
    String state =
        switch (collector.state()) {
          case "up" -> "Up";
          case "late" -> "Late";
          case "down" -> "Down";
          default -> collector.state();
        };
    return collector.self() ? state + " (this one)" : state;
  }

  /** The state's style class: green, amber, red. */
  public static String stateStyle(CollectorView collector) {
    return switch (collector.state()) {
      case "up" -> "status-online";
      case "late" -> "status-offline";
      default -> "status-rejected";
    };
  }

  /** "none", "1,204 clicks". */
  public String backlog(CollectorView collector) {
    return collector.backlog() == 0 ? "none" : Formats.count(collector.backlog(), "clicks");
  }

  /** "0 s", "4.2 s", "3 min 5 s", "2 h 10 min". */
  public String lag(CollectorView collector) {
    double seconds = collector.lagSeconds();
    if (seconds < 60) {
      return seconds == Math.rint(seconds)
          ? String.format(Locale.US, "%.0f s", seconds)
          : String.format(Locale.US, "%.1f s", seconds);
    }
    long whole = (long) seconds;
    if (whole < 3600) {
      return whole / 60 + " min " + whole % 60 + " s";
    }
    return whole / 3600 + " h " + whole % 3600 / 60 + " min";
  }

  /** "just now (16:02)", "5 minutes ago (5 Dec 2026, 15:57)". */
  public String lastSeen(CollectorView collector) {
    Instant at = collector.lastSeenAt();
    Instant now = session.clock().instant();
    return Formats.relative(at, now) + " (" + Formats.dateTime(at, zone) + ")";
  }

  /** "since 5 Dec 2026, 09:00". */
  public String started(CollectorView collector) {
    return Formats.dateTime(collector.startedAt(), zone);
  }
}
