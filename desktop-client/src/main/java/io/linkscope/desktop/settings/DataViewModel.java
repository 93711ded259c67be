package io.linkscope.desktop.settings;

import io.linkscope.api.retention.PurgeReport;
import io.linkscope.api.retention.RetentionInput;
import io.linkscope.api.retention.RetentionView;
import io.linkscope.api.retention.WorkspaceDeletion;
import io.linkscope.api.workspace.WorkspaceView;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.ui.Problem;
import io.linkscope.desktop.workspace.Remote;
import io.linkscope.desktop.workspace.Workspace;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The workspace's data: how long raw clicks are kept (statistics are kept whatever it says), the
 * latest purges and "Purge now"; the export of everything to a zip file, in the background with its
 * progress and a way to cancel; and deleting the workspace after its slug was typed, after which
 * the window forgets the connection.
 */
public final class DataViewModel {
  /** The longest retention the collector takes, in days (a hundred years). */
  static final int MAX_DAYS = 36_500;

  private final Workspace session;
  private final ZoneId zone;
  private final Notifier notifier;
  private final Consumer<WorkspaceDeletion> deleted;
  private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyStringWrapper slug = new ReadOnlyStringWrapper(this, "slug", "");
  private final ReadOnlyStringWrapper workspaceName =
      new ReadOnlyStringWrapper(this, "workspaceName", "");
  private final BooleanProperty keepAll = new SimpleBooleanProperty(this, "keepAll", true);
  private final StringProperty days = new SimpleStringProperty(this, "days", "");
  private final ReadOnlyStringWrapper daysError = new ReadOnlyStringWrapper(this, "daysError", "");
  private final ReadOnlyStringWrapper retention = new ReadOnlyStringWrapper(this, "retention", "");
  private final ObservableList<PurgeReport> purges = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final ReadOnlyBooleanWrapper admin = new ReadOnlyBooleanWrapper(this, "admin", true);
  private final ReadOnlyBooleanWrapper exporting = new ReadOnlyBooleanWrapper(this, "exporting");
  private final ReadOnlyStringWrapper exportProgress =
      new ReadOnlyStringWrapper(this, "exportProgress", "");
  private final StringProperty confirmation = new SimpleStringProperty(this, "confirmation", "");
  private final StringBinding readOnlyReason;
  private final BooleanBinding changesDisabled;
  private final BooleanBinding deleteDisabled;
  private @Nullable Integer savedDays;
  private @Nullable Instant loadedAt;
  private @Nullable AtomicBoolean exportCancelled;

  /**
   * {@code deleted} runs once the collector took the workspace's deletion (the window forgets it).
   */
  public DataViewModel(
      Workspace session, ZoneId zone, Notifier notifier, Consumer<WorkspaceDeletion> deleted) {
    this.session = session;
    this.zone = zone;
    this.notifier = notifier;
    this.deleted = deleted;
    StringBinding blocked = Remote.readOnlyReason(session, "");
    this.readOnlyReason =
        Bindings.createStringBinding(
            () ->
                !blocked.get().isEmpty()
                    ? blocked.get()
                    : admin.get()
                        ? ""
                        : "Only an admin key can change the retention, purge, export or delete the"
                            + " workspace; this connection's key can only read them.",
            blocked,
            admin);
    this.changesDisabled =
        session.writableProperty().not().or(busy).or(loaded.not()).or(admin.not());
    this.deleteDisabled =
        changesDisabled.or(
            Bindings.createBooleanBinding(
                () -> slug.get().isEmpty() || !confirmation.get().strip().equals(slug.get()),
                confirmation,
                slug));
    days.addListener((o, a, b) -> daysError.set(""));
    keepAll.addListener((o, a, b) -> daysError.set(""));
  }

  public ReadOnlyBooleanProperty loadedProperty() {
    return loaded.getReadOnlyProperty();
  }

  /** "Loading…", why the settings cannot be read, "Offline: … as of …"; "" when current. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The workspace's slug, which the deletion's confirmation must repeat. */
  public ReadOnlyStringProperty slugProperty() {
    return slug.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty workspaceNameProperty() {
    return workspaceName.getReadOnlyProperty();
  }

  /** Keep every raw click (no retention). */
  public BooleanProperty keepAllProperty() {
    return keepAll;
  }

  /** Whole UTC days of raw clicks to keep, as typed. */
  public StringProperty daysProperty() {
    return days;
  }

  public ReadOnlyStringProperty daysErrorProperty() {
    return daysError.getReadOnlyProperty();
  }

  /** What the saved retention means, in a sentence. */
  public ReadOnlyStringProperty retentionProperty() {
    return retention.getReadOnlyProperty();
  }

  /** The latest purges, newest first. */
  public ObservableList<PurgeReport> purges() {
    return purges;
  }

  public ReadOnlyBooleanProperty exportingProperty() {
    return exporting.getReadOnlyProperty();
  }

  /** "Exporting… 12.4 MB written", "Saved to …", "Export cancelled"; "" before any export. */
  public ReadOnlyStringProperty exportProgressProperty() {
    return exportProgress.getReadOnlyProperty();
  }

  /** The slug typed to confirm the deletion. */
  public StringProperty confirmationProperty() {
    return confirmation;
  }

  /** Why nothing can be changed now; "" while it can. */
  public StringBinding readOnlyReasonProperty() {
    return readOnlyReason;
  }

  public BooleanBinding changesDisabled() {
    return changesDisabled;
  }

  /** True until the slug is typed exactly (and while changes are impossible). */
  public BooleanBinding deleteDisabled() {
    return deleteDisabled;
  }

  /** Reads the workspace, its retention and latest purges; keeps what is shown when that fails. */
  public void reload() {
    if (!loaded.get()) {
      status.set("Loading…");
    }
    session
        .background()
        .run(
            "Workspace data",
            () -> new Loaded(session.client().workspace(), session.client().retention(), isAdmin()),
            result -> {
              loaded.set(true);
              loadedAt = session.clock().instant();
              status.set("");
              slug.set(result.workspace().slug());
              workspaceName.set(result.workspace().name());
              admin.set(result.admin());
              show(result.retention());
            },
            failure -> status.set(readProblem(Problem.of(failure))));
  }

  private record Loaded(WorkspaceView workspace, RetentionView retention, boolean admin) {}

  /**
   * Whether the connection's key is an admin's: the key list is, so a 403 there says it is not (the
   * retention itself any key may read).
   */
  private boolean isAdmin() {
    try {
      session.client().keys();
      return true;
    } catch (io.linkscope.api.ApiException e) {
      if (e.status() == 403) {
        return false;
      }
      throw e;
    }
  }

  private void show(RetentionView view) {
    savedDays = view.rawClickDays();
    keepAll.set(savedDays == null);
    days.set(savedDays == null ? "" : Integer.toString(savedDays));
    daysError.set("");
    retention.set(meaning(savedDays));
    purges.setAll(view.purges());
  }

  /** What a retention means for the workspace's numbers. */
  static String meaning(@Nullable Integer days) {
    String stats =
        " Statistics are kept either way: the dashboard, charts, breakdowns, the local copy and"
            + " the links' click counts keep every click's numbers.";
    if (days == null) {
      return "Every raw click is kept." + stats;
    }
    return "Raw clicks older than "
        + Formats.count(days, "days")
        + " (whole UTC days) are deleted every hour: the click list, its CSV export and filtered"
        + " statistics then reach back that far only."
        + stats;
  }

  private String readProblem(Problem problem) {
    if (problem.offline()) {
      return Remote.offline("the workspace's data settings", loadedAt, zone);
    }
    if (problem.notFound()) {
      return "This collector does not offer retention settings yet: update it to a version that"
          + " does.";
    }
    return "Cannot read the workspace's data settings: " + problem.message();
  }

  /** One purge in a line: "5 Dec 2026, 16:02 · retention · 48,211 raw clicks before 7 Mar 2026". */
  public String purgeText(PurgeReport purge) {
    String what =
        "link".equals(purge.reason())
            ? "the clicks of link " + purge.linkId()
            : "raw clicks from before " + Formats.dateTime(purge.clickedBefore(), zone);
    return Formats.dateTime(purge.startedAt(), zone)
        + " · "
        + Formats.count(purge.rows(), "raw clicks")
        + " deleted: "
        + what
        + (purge.finishedAt() == null ? " (not finished; the next purge goes on)" : "");
  }

  /** Saves the retention: "keep all", or the days typed (1 to 36,500). */
  public void saveRetention() {
    Integer wanted = null;
    if (!keepAll.get()) {
      String text = days.get() == null ? "" : days.get().strip().replace(",", "");
      try {
        wanted = Integer.parseInt(text);
      } catch (NumberFormatException e) {
        daysError.set("Enter a whole number of days, from 1 to " + Formats.count(MAX_DAYS) + ".");
        return;
      }
      if (wanted < 1 || wanted > MAX_DAYS) {
        daysError.set("Enter a whole number of days, from 1 to " + Formats.count(MAX_DAYS) + ".");
        return;
      }
    }
    Integer sent = wanted;
    change(
        "Save retention",
        "Cannot save the retention",
        () -> session.client().setRetention(new RetentionInput(sent)),
        view -> {
          show(view);
          notifier.info(
              sent == null
                  ? "Every raw click is kept now."
                  : "Raw clicks are kept for " + Formats.count(sent, "days") + ".");
        },
        problem -> {
          if ("rawClickDays".equals(problem.field())) {
            daysError.set(problem.message());
            return true;
          }
          return false;
        });
  }

  /** Purges raw clicks older than the saved retention now, and shows what went. */
  public void purgeNow() {
    change(
        "Purge",
        "Cannot purge now",
        () -> {
          PurgeReport report = session.client().purgeNow();
          return new Purged(report, session.client().retention());
        },
        purged -> {
          show(purged.retention());
          notifier.info(
              "Purged "
                  + Formats.count(purged.report().rows(), "raw clicks")
                  + " from before "
                  + Formats.dateTime(purged.report().clickedBefore(), zone)
                  + ".");
        },
        problem -> {
          if (problem.status() == 409) {
            notifier.error(
                "Nothing to purge",
                "This workspace keeps every raw click: choose how many days to keep and save"
                    + " first.");
            return true;
          }
          return false;
        });
  }

  private record Purged(PurgeReport report, RetentionView retention) {}

  /**
   * Exports the workspace to {@code file} in the background: written to a file beside it first and
   * moved into place only when complete, so a cancelled or failed export leaves nothing half
   * written (and an older file of that name as it was).
   */
  public void export(Path file) {
    if (exporting.get()) {
      return;
    }
    if (!session.writableProperty().get()) {
      notifier.error("Cannot export the workspace", session.writeBlockedReasonProperty().get());
      return;
    }
    AtomicBoolean cancelled = new AtomicBoolean();
    exportCancelled = cancelled;
    exporting.set(true);
    exportProgress.set("Exporting… waiting for the collector");
    Path part = file.resolveSibling(file.getFileName() + ".part");
    session
        .background()
        .run(
            "Export",
            () -> {
              try (OutputStream out =
                  new Progress(Files.newOutputStream(part), cancelled, this::progress)) {
                session.client().exportWorkspace(out);
              } catch (RuntimeException | IOException e) {
                Files.deleteIfExists(part);
                throw e;
              }
              if (cancelled.get()) {
                Files.deleteIfExists(part);
                throw new InterruptedIOException("export cancelled");
              }
              Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
              return Files.size(file);
            },
            size -> {
              if (exportCancelled != cancelled) {
                return; // Cancelled, and another export started since.
              }
              exporting.set(false);
              exportProgress.set(
                  "Saved to " + file + " (" + megabytes(size) + ") at " + now() + ".");
              notifier.info("Saved to " + file);
            },
            failure -> {
              if (cancelled.get()) {
                return; // Said so when it was cancelled.
              }
              exporting.set(false);
              exportProgress.set("The export failed; nothing was saved.");
              Problem problem = Problem.of(failure);
              notifier.error(
                  "Cannot export the workspace",
                  problem.status() == 403
                      ? "Only an admin key can export the workspace. The collector says: "
                          + problem.message()
                      : problem.offline()
                          ? "The collector cannot be reached, so the export stopped and"
                              + " nothing was saved. Try again when it is back."
                          : problem.message());
            });
  }

  private String now() {
    return Formats.time(session.clock().instant().atZone(zone));
  }

  /** Stops the export under way; the partial file is deleted. */
  public void cancelExport() {
    AtomicBoolean flag = exportCancelled;
    if (flag != null && exporting.get()) {
      // The download stops at its next write, which then deletes the partial file; the screen
      // is free for another export at once.
      flag.set(true);
      exporting.set(false);
      exportProgress.set("Export cancelled; nothing was saved.");
    }
  }

  private void progress(long written) {
    session
        .background()
        .onUi(
            () -> {
              if (exporting.get()) {
                exportProgress.set("Exporting… " + megabytes(written) + " written");
              }
            });
  }

  static String megabytes(long bytes) {
    return String.format(java.util.Locale.US, "%.1f MB", bytes / 1_000_000.0);
  }

  /**
   * Deletes the workspace once its slug was typed: the collector revokes its keys at once and
   * deletes its data in the background; then the window forgets the connection.
   */
  public void deleteWorkspace() {
    String typed = confirmation.get() == null ? "" : confirmation.get().strip();
    if (slug.get().isEmpty() || !typed.equals(slug.get())) {
      notifier.error(
          "The workspace was not deleted",
          "Type the workspace's slug, " + slug.get() + ", exactly to confirm.");
      return;
    }
    change(
        "Delete workspace",
        "Cannot delete the workspace",
        () -> session.client().deleteWorkspace(typed),
        done -> {
          confirmation.set("");
          notifier.info(
              "Deleted the workspace "
                  + done.slug()
                  + ": its keys no longer work and the collector is deleting its data.");
          deleted.accept(done);
        },
        problem -> false);
  }

  private <T> void change(
      String what,
      String failedTitle,
      java.util.concurrent.Callable<T> work,
      Consumer<T> done,
      java.util.function.Predicate<Problem> refused) {
    Remote.change(session, notifier, busy, what, failedTitle, work, done, refused, this::reload);
  }

  /**
   * Counts the bytes written and reports them every quarter megabyte; a write after {@code
   * cancelled} was set fails, which ends the download.
   */
  private static final class Progress extends OutputStream {
    private static final long STEP = 256 * 1024;
    private final OutputStream out;
    private final AtomicBoolean cancelled;
    private final java.util.function.LongConsumer report;
    private long written;
    private long reported;

    Progress(OutputStream out, AtomicBoolean cancelled, java.util.function.LongConsumer report) {
      this.out = out;
      this.cancelled = cancelled;
      this.report = report;
    }

    @Override
    public void write(int b) throws IOException {
      check();
      out.write(b);
      count(1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      check();
      out.write(b, off, len);
      count(len);
    }

    private void check() throws IOException {
      if (cancelled.get()) {
        throw new InterruptedIOException("export cancelled");
      }
    }

    private void count(long n) {
      written += n;
      if (written - reported >= STEP) {
        reported = written;
        report.accept(written);
      }
    }

    @Override
    public void flush() throws IOException {
      out.flush();
    }

    @Override
    public void close() throws IOException {
      out.close();
      report.accept(written);
    }
  }
}
