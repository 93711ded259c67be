package io.linkscope.desktop.importing;

import io.linkscope.api.ApiException;
import io.linkscope.api.importing.ImportReport;
import io.linkscope.api.importing.ImportRow;
import io.linkscope.api.importing.ImportTotals;
import io.linkscope.api.link.LinkPage;
import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.ui.Background;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.workspace.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.jspecify.annotations.Nullable;

/**
 * The import wizard: the file and the choices sent with it (format, mapping of a generic CSV's
 * columns, conflict policy, domain), the collector's dry run as a table of rows with counts per
 * status, the import itself in the background with Cancel, and the report saved as CSV.
 *
 * <p>Import is offered only after a dry run of the same choices, and only while the workspace can
 * be changed. Nothing the user chose is reset by an error: the collector's message is shown and the
 * choices stay.
 *
 * <p>What Cancel guarantees: the import is one request, and the collector decides every row once it
 * has the whole file, before it writes anything. Cancel interrupts the request: while the file is
 * still being sent, the collector never gets all of it and writes nothing. Once it has the whole
 * file it finishes the import whether or not anyone waits for the answer; the wizard says so, and a
 * new dry run shows what is there (imported rows come back "unchanged").
 */
public final class ImportViewModel {
  /** The formats the collector reads; {@code auto} lets it detect the file's. */
  public static final List<String> FORMATS =
      List.of("auto", "bitly", "shlink", "kutt", "yourls", "rebrandly", "linkscope", "csv");

  /** What a slug that is already taken gets. */
  public static final List<String> POLICIES = List.of("skip", "rename", "overwrite");

  /** The fields whose column a generic CSV may name ({@code map.<field>}). */
  public static final List<String> FIELDS =
      List.of(
          "slug",
          "shortUrl",
          "target",
          "title",
          "notes",
          "tags",
          "domain",
          "expiry",
          "created",
          "clicks");

  /** A mapping of "no column named": the collector finds the field's column by its name. */
  public static final String BY_NAME = "";

  private static final int PAGE = 500;

  private final Workspace session;
  private final Notifier notifier;
  private final StringProperty path = new SimpleStringProperty(this, "path", "");
  private final StringProperty format = new SimpleStringProperty(this, "format", "auto");
  private final StringProperty policy = new SimpleStringProperty(this, "policy", "skip");
  private final StringProperty domain = new SimpleStringProperty(this, "domain", "");
  private final Map<String, StringProperty> mapping = new LinkedHashMap<>();
  private final ObservableList<String> columns = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper detected = new ReadOnlyStringWrapper(this, "detected", "");
  private final ReadOnlyBooleanWrapper mappingShown =
      new ReadOnlyBooleanWrapper(this, "mappingShown");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper(this, "counts", "");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final ReadOnlyBooleanWrapper checked = new ReadOnlyBooleanWrapper(this, "checked");
  private final ReadOnlyBooleanWrapper imported = new ReadOnlyBooleanWrapper(this, "imported");
  private final ReadOnlyObjectWrapper<@Nullable ImportReport> report =
      new ReadOnlyObjectWrapper<>(this, "report");
  private final BooleanProperty onlyProblems = new SimpleBooleanProperty(this, "onlyProblems");
  private final ObservableList<ImportRow> rows = FXCollections.observableArrayList();
  private final FilteredList<ImportRow> shown = new FilteredList<>(rows);
  private final BooleanBinding canDryRun;
  private final BooleanBinding canImport;
  private Background.Job job = Background.Job.DONE;
  private boolean lastRunFailedOnColumns;
  private boolean importRunning;

  public ImportViewModel(Workspace session, Notifier notifier) {
    this.session = session;
    this.notifier = notifier;
    for (String field : FIELDS) {
      StringProperty column = new SimpleStringProperty(this, "map." + field, BY_NAME);
      column.addListener((o, a, b) -> choicesChanged());
      mapping.put(field, column);
    }
    path.addListener((o, a, b) -> fileChanged());
    format.addListener((o, a, b) -> choicesChanged());
    policy.addListener((o, a, b) -> choicesChanged());
    domain.addListener((o, a, b) -> choicesChanged());
    onlyProblems.addListener((o, a, b) -> refilter());
    canDryRun =
        Bindings.createBooleanBinding(() -> !busy.get() && !path.get().isBlank(), busy, path);
    canImport =
        Bindings.createBooleanBinding(
            () ->
                checked.get()
                    && !busy.get()
                    && !imported.get()
                    && session.writableProperty().get()
                    && hasRowsToWrite(),
            checked,
            busy,
            imported,
            session.writableProperty(),
            report);
  }

  // --- the choices

  /** The file to import, as typed or chosen. */
  public StringProperty pathProperty() {
    return path;
  }

  /** One of {@link #FORMATS}. */
  public StringProperty formatProperty() {
    return format;
  }

  /** One of {@link #POLICIES}. */
  public StringProperty policyProperty() {
    return policy;
  }

  /** Every link on this domain; empty: each row keeps its own. */
  public StringProperty domainProperty() {
    return domain;
  }

  /** The column chosen for {@code field} (one of {@link #FIELDS}), {@link #BY_NAME} for none. */
  public StringProperty mappingProperty(String field) {
    StringProperty column = mapping.get(field);
    if (column == null) {
      throw new IllegalArgumentException("No field " + field);
    }
    return column;
  }

  /** The columns of the file's header, when it is a CSV file. */
  public ObservableList<String> columns() {
    return columns;
  }

  /** The format the collector read the file as in the last dry run; empty before one. */
  public ReadOnlyStringProperty detectedProperty() {
    return detected.getReadOnlyProperty();
  }

  /**
   * Whether the column mapping is offered: for a generic CSV, or a CSV whose columns were missed.
   */
  public ReadOnlyBooleanProperty mappingShownProperty() {
    return mappingShown.getReadOnlyProperty();
  }

  // --- the outcome

  /** Why the last dry run or import failed (the collector's message), else empty. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** What is going on or what happened last, in words. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** "4 rows: 1 created · 1 renamed · 1 conflict · 1 invalid". */
  public ReadOnlyStringProperty countsProperty() {
    return counts.getReadOnlyProperty();
  }

  /** True while a dry run or import runs. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** True once the import has been done (the table shows its results). */
  public ReadOnlyBooleanProperty importedProperty() {
    return imported.getReadOnlyProperty();
  }

  /** The collector's last answer: a dry run or the import. */
  public ReadOnlyObjectProperty<@Nullable ImportReport> reportProperty() {
    return report.getReadOnlyProperty();
  }

  /** Show only conflicts and invalid rows. */
  public BooleanProperty onlyProblemsProperty() {
    return onlyProblems;
  }

  /** The rows of the last answer, filtered by {@link #onlyProblemsProperty()}. */
  public ObservableList<ImportRow> rows() {
    return shown;
  }

  public BooleanBinding canDryRunProperty() {
    return canDryRun;
  }

  /** After a dry run of the current choices, with something to write, while changes are allowed. */
  public BooleanBinding canImportProperty() {
    return canImport;
  }

  /** Why the workspace cannot be changed now ("" while it can). */
  public ReadOnlyStringProperty writeBlockedReasonProperty() {
    return session.writeBlockedReasonProperty();
  }

  // --- actions

  /** Asks the collector what it would do with the file; writes nothing. */
  public void dryRun() {
    Path file = file();
    if (file == null || busy.get()) {
      return;
    }
    start("Checking " + file.getFileName() + "…");
    job =
        session
            .background()
            .run(
                "Import dry run",
                () -> send(file, true),
                answer -> {
                  finish();
                  show(answer);
                  checked.set(true);
                  imported.set(false);
                  status.set(
                      hasRowsToWrite()
                          ? "Dry run: nothing was written. Import writes what the table shows."
                          : "Dry run: nothing in this file would change any link.");
                },
                this::failed);
  }

  /** Imports the file for real, in the background; the local copy then gets the new links. */
  public void runImport() {
    Path file = file();
    if (file == null || busy.get() || !checked.get()) {
      return;
    }
    if (!session.writableProperty().get()) {
      error.set(session.writeBlockedReasonProperty().get());
      return;
    }
    ImportReport before = report.get();
    int count = before == null ? 0 : before.totals().rows();
    start("Importing %,d rows…".formatted(count));
    importRunning = true;
    job =
        session
            .background()
            .run(
                "Import",
                () -> send(file, false),
                answer -> {
                  finish();
                  show(answer);
                  imported.set(true);
                  status.set("Imported. " + counts.get() + ". Fetching the links…");
                  refreshLocalCopy(answer);
                },
                this::failed);
  }

  /**
   * Stops waiting for the dry run or import. See the class comment for what the collector may still
   * do with an import it received whole.
   */
  public void cancel() {
    if (!busy.get()) {
      return;
    }
    boolean wasImport = importRunning;
    job.cancel();
    job = Background.Job.DONE;
    finish();
    if (wasImport) {
      checked.set(false);
      status.set(
          "Import cancelled. If the collector had already received the whole file, it finishes the"
              + " import anyway; run the dry run again to see what is there now (rows already"
              + " imported show as unchanged).");
    } else {
      status.set("Dry run cancelled. Nothing was written.");
    }
  }

  /** Writes the rows of the last answer (all of them, not only those shown) as CSV. */
  public void saveReport(Path target) {
    ImportReport answer = report.get();
    if (answer == null) {
      return;
    }
    session
        .background()
        .run(
            "Save the import report",
            () -> {
              writeReport(answer, target);
              return target;
            },
            saved -> notifier.info("Saved the report to " + saved),
            failure ->
                notifier.error(
                    "Cannot save the report",
                    "The report could not be written to "
                        + target
                        + ": "
                        + (failure.getMessage() == null
                            ? failure.getClass().getSimpleName()
                            : failure.getMessage())
                        + ". Choose another place; the results are still here."));
  }

  /** The report as CSV: one line per row of the file, in its order, with a header. */
  static void writeReport(ImportReport answer, Path target) throws IOException {
    try (Writer out = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
        CSVPrinter csv =
            CSVFormat.DEFAULT
                .builder()
                .setHeader("line", "status", "slug", "domain", "target", "link id", "reason")
                .get()
                .print(out)) {
      for (ImportRow row : answer.rows()) {
        csv.printRecord(
            row.line(),
            row.status(),
            text(row.slug()),
            text(row.domain()),
            text(row.targetUrl()),
            row.linkId() == null ? "" : row.linkId(),
            text(row.reason()));
      }
    }
  }

  // --- the work

  private ImportReport send(Path file, boolean dryRun) throws IOException {
    return session.client().importLinks(file, contentType(file), params(dryRun));
  }

  /** The request's parameters: only what differs from the collector's defaults, but the policy. */
  Map<String, String> params(boolean dryRun) {
    Map<String, String> params = new LinkedHashMap<>();
    if (!format.get().equals("auto")) {
      params.put("format", format.get());
    }
    params.put("policy", policy.get());
    params.put("dryRun", Boolean.toString(dryRun));
    if (!domain.get().isBlank()) {
      params.put("domain", domain.get().strip());
    }
    if (mappingShown.get()) {
      mapping.forEach(
          (field, column) -> {
            if (!column.get().equals(BY_NAME)) {
              params.put("map." + field, column.get());
            }
          });
    }
    return params;
  }

  /** JSON when the file starts with an object or array, else CSV. */
  static String contentType(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] start = in.readNBytes(512);
      for (byte b : start) {
        if (b == '{' || b == '[') {
          return "application/json";
        }
        if (!Character.isWhitespace(b)
            && (b & 0xFF) != 0xEF
            && (b & 0xFF) != 0xBB
            && (b & 0xFF) != 0xBF) {
          return "text/csv";
        }
      }
    }
    return "text/csv";
  }

  /** The columns of a CSV file's header row (separated by , ; or tab); none for JSON. */
  static List<String> header(Path file) {
    String first;
    try {
      // A JSON export may be one long line: it is not read at all.
      if (!contentType(file).equals("text/csv")) {
        return List.of();
      }
    } catch (IOException e) {
      return List.of();
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      first = in.readLine();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
    if (first == null) {
      return List.of();
    }
    String line = first.startsWith("\uFEFF") ? first.substring(1) : first;
    if (line.isBlank() || line.strip().startsWith("{") || line.strip().startsWith("[")) {
      return List.of();
    }
    char separator = ',';
    long most = line.chars().filter(c -> c == ',').count();
    for (char candidate : new char[] {';', '\t'}) {
      long n = line.chars().filter(c -> c == candidate).count();
      if (n > most) {
        most = n;
        separator = candidate;
      }
    }
    try {
      List<CSVRecord> records =
          CSVFormat.DEFAULT
              .builder()
              .setDelimiter(separator)
              .get()
              .parse(new StringReader(line))
              .getRecords();
      if (records.isEmpty()) {
        return List.of();
      }
      List<String> names = new ArrayList<>();
      for (String name : records.getFirst().values()) {
        if (!name.isBlank() && !names.contains(name.strip())) {
          names.add(name.strip());
        }
      }
      return names;
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  /** Puts the links the import wrote into the local copy, as other changes do. */
  private void refreshLocalCopy(ImportReport answer) {
    Set<Long> wanted = new HashSet<>();
    for (ImportRow row : answer.rows()) {
      if (row.linkId() != null
          && (row.status().equals(ImportRow.CREATED)
              || row.status().equals(ImportRow.RENAMED)
              || row.status().equals(ImportRow.UPDATED))) {
        wanted.add(row.linkId());
      }
    }
    String done = "Imported. " + counts.get() + ".";
    if (wanted.isEmpty()) {
      status.set(done);
      return;
    }
    session.change(
        "Fetch the imported links",
        () -> {
          List<LinkView> found = new ArrayList<>();
          Set<Long> missing = new HashSet<>(wanted);
          for (int offset = 0; !missing.isEmpty(); offset += PAGE) {
            LinkPage page = session.client().links(new LinkQuery(null, null, null, offset, PAGE));
            for (LinkView link : page.items()) {
              if (missing.remove(link.id())) {
                found.add(link);
              }
            }
            if (page.items().size() < PAGE) {
              break;
            }
          }
          session.store().upsertLinks(found, List.of());
          return found.size();
        },
        stored -> status.set(done + " The links are on the Links screen."),
        problem ->
            status.set(
                done + " The Links screen shows them after the next sync (" + problem + ")."));
  }

  private void failed(Throwable failure) {
    finish();
    checked.set(false);
    lastRunFailedOnColumns = false;
    if (failure instanceof ApiException api) {
      error.set(api.error().message());
      lastRunFailedOnColumns = api.status() == 400 && !columns.isEmpty();
      status.set(
          switch (api.status()) {
            case 413 -> "The file is too large for one import: split it and import the parts.";
            case 415 -> "The collector reads CSV and JSON files only.";
            case 401, 403 -> "This key cannot import links.";
            default -> "Nothing was imported. Correct the choices above and run the dry run again.";
          });
    } else if (isUnreachable(failure)) {
      error.set(
          "You are offline: "
              + session.collectorUrl()
              + " cannot be reached, so nothing was imported. Your file and choices are kept; try"
              + " again when the connection is back.");
      status.set("");
    } else {
      error.set(
          "Something went wrong on this computer: "
              + (failure.getMessage() == null
                  ? failure.getClass().getSimpleName()
                  : failure.getMessage())
              + ". Nothing was imported; try again.");
      status.set("");
    }
    updateMappingShown();
  }

  private static boolean isUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return true;
      }
    }
    return false;
  }

  private void start(String what) {
    error.set("");
    status.set(what);
    busy.set(true);
  }

  private void finish() {
    busy.set(false);
    importRunning = false;
  }

  private void show(ImportReport answer) {
    report.set(answer);
    detected.set(answer.format());
    rows.setAll(answer.rows());
    counts.set(counts(answer.totals()));
    lastRunFailedOnColumns = false;
    updateMappingShown();
  }

  /** "4 rows: 1 created · 1 renamed · 1 conflict · 1 invalid", leaving out the statuses at 0. */
  static String counts(ImportTotals totals) {
    List<String> parts = new ArrayList<>();
    part(parts, totals.created(), "created");
    part(parts, totals.renamed(), "renamed");
    part(parts, totals.updated(), "updated");
    part(parts, totals.unchanged(), "unchanged");
    part(parts, totals.conflicts(), totals.conflicts() == 1 ? "conflict" : "conflicts");
    part(parts, totals.invalid(), "invalid");
    String rowsText = "%,d %s".formatted(totals.rows(), totals.rows() == 1 ? "row" : "rows");
    return parts.isEmpty() ? rowsText : rowsText + ": " + String.join(" · ", parts);
  }

  private static void part(List<String> parts, int count, String label) {
    if (count > 0) {
      parts.add("%,d %s".formatted(count, label));
    }
  }

  private boolean hasRowsToWrite() {
    ImportReport answer = report.get();
    if (answer == null) {
      return false;
    }
    ImportTotals totals = answer.totals();
    return totals.created() + totals.renamed() + totals.updated() > 0;
  }

  private void refilter() {
    shown.setPredicate(onlyProblems.get() ? ImportViewModel::isProblem : null);
  }

  /** Conflicts and invalid rows: what the user may want to fix in the file. */
  public static boolean isProblem(ImportRow row) {
    return row.status().equals(ImportRow.CONFLICT) || row.status().equals(ImportRow.INVALID);
  }

  private @Nullable Path file() {
    String text = path.get().strip();
    if (text.isEmpty()) {
      error.set("Choose the file to import.");
      return null;
    }
    Path file;
    try {
      file = Path.of(text);
    } catch (InvalidPathException e) {
      error.set("'" + text + "' is not a file name.");
      return null;
    }
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      error.set("There is no file at " + text + " that can be read. Choose another one.");
      return null;
    }
    return file;
  }

  private void fileChanged() {
    choicesChanged();
    detected.set("");
    String text = path.get().strip();
    Path file;
    try {
      file = text.isEmpty() ? null : Path.of(text);
    } catch (InvalidPathException e) {
      file = null;
    }
    if (file == null || !Files.isRegularFile(file)) {
      columns.clear();
      updateMappingShown();
      return;
    }
    Path chosen = file;
    session
        .background()
        .run(
            "Read the file's header",
            () -> header(chosen),
            names -> {
              if (path.get().strip().equals(chosen.toString())) {
                columns.setAll(names);
                updateMappingShown();
              }
            },
            failure -> columns.clear());
  }

  private void choicesChanged() {
    checked.set(false);
    updateMappingShown();
  }

  private void updateMappingShown() {
    boolean csv =
        format.get().equals("csv")
            || (format.get().equals("auto")
                && (detected.get().equals("csv") || lastRunFailedOnColumns));
    mappingShown.set(!columns.isEmpty() && csv);
  }

  private static String text(@Nullable String value) {
    return value == null ? "" : value;
  }
}
