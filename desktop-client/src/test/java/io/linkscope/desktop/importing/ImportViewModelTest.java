package io.linkscope.desktop.importing;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.importing.ImportRow;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.ui.Notice;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The import wizard's logic against the real collector and the sample exports of its import tests:
 * format detection, the mapping of a generic CSV, the dry-run table and its counts and filter, the
 * import and the links it brings into the local copy, the report, and the collector's refusals.
 */
class ImportViewModelTest {
  private static final String SAMPLES = "/io/linkscope/collector/importing/";

  @TempDir static Path home;
  private static TestCollector collector;
  private final List<Notice> notices = new ArrayList<>();
  private Path directory;
  private static int workspaces;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(home.resolve("collector"));
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @BeforeEach
  void fresh() throws IOException {
    directory = Files.createDirectories(home.resolve("run-" + workspaces));
    notices.clear();
  }

  /** A session on a workspace of its own, so that every test imports into an empty one. */
  private Session session() throws Exception {
    workspaces++;
    String key = collector.createWorkspaceKey("import-" + workspaces);
    return Sessions.open(
        Files.createDirectories(directory.resolve("s" + workspaces)), collector.baseUrl(), key);
  }

  /** The domain of the current test's workspace. */
  private static String domain() {
    return "w" + workspaces + ".import.test";
  }

  private Path sample(String name) throws IOException {
    Path file = directory.resolve(name);
    try (InputStream in = ImportViewModelTest.class.getResourceAsStream(SAMPLES + name)) {
      assertThat(in).as(name).isNotNull();
      Files.copy(in, file);
    }
    return file;
  }

  @Test
  void aDryRunDetectsTheFormatShowsEveryRowAndWritesNothing() throws Exception {
    try (Session session = session()) {
      // The slug promo is taken on this domain, by a link to somewhere else.
      session
          .client()
          .importLinks(
              "slug,url\npromo,https://elsewhere.example.com/\n".getBytes(StandardCharsets.UTF_8),
              "text/csv",
              java.util.Map.of("domain", domain()));
      ImportViewModel wizard = new ImportViewModel(session, notices::add);
      wizard.pathProperty().set(sample("shlink.csv").toString());
      // Slugs on a domain are one namespace: each test imports onto a domain of its own.
      wizard.domainProperty().set(domain());

      assertThat(wizard.canImportProperty().get()).as("import before a dry run").isFalse();
      wizard.dryRun();

      assertThat(wizard.errorProperty().get()).isEmpty();
      assertThat(wizard.detectedProperty().get()).isEqualTo("shlink");
      assertThat(wizard.mappingShownProperty().get())
          .as("a known format needs no mapping")
          .isFalse();
      assertThat(wizard.rows())
          .extracting(ImportRow::line, ImportRow::status, ImportRow::slug)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(2, ImportRow.CONFLICT, "promo"),
              org.assertj.core.groups.Tuple.tuple(3, ImportRow.CREATED, "launch"),
              org.assertj.core.groups.Tuple.tuple(4, ImportRow.INVALID, "broken"));
      assertThat(wizard.countsProperty().get())
          .isEqualTo("3 rows: 1 created · 1 conflict · 1 invalid");
      assertThat(wizard.canImportProperty().get()).isTrue();
      assertThat(session.client().links(io.linkscope.api.link.LinkQuery.firstPage()).items())
          .extracting(LinkView::slug)
          .containsExactly("promo");

      wizard.onlyProblemsProperty().set(true);
      assertThat(wizard.rows()).extracting(ImportRow::line).containsExactly(2, 4);
      assertThat(wizard.rows().getLast().reason()).contains("many");
      wizard.onlyProblemsProperty().set(false);
      assertThat(wizard.rows()).hasSize(3);

      wizard.policyProperty().set("rename");
      assertThat(wizard.canImportProperty().get())
          .as("choices changed since the dry run")
          .isFalse();
      wizard.dryRun();
      assertThat(wizard.rows().getFirst().status()).isEqualTo(ImportRow.RENAMED);
      assertThat(wizard.rows().getFirst().slug()).isEqualTo("promo-2");
    }
  }

  @Test
  void importsWhatTheDryRunShowedAndPutsTheLinksIntoTheLocalCopy() throws Exception {
    try (Session session = session()) {
      ImportViewModel wizard = new ImportViewModel(session, notices::add);
      wizard.pathProperty().set(sample("shlink.csv").toString());
      // Slugs on a domain are one namespace: each test imports onto a domain of its own.
      wizard.domainProperty().set(domain());
      wizard.dryRun();
      wizard.runImport();

      assertThat(wizard.errorProperty().get()).isEmpty();
      assertThat(wizard.importedProperty().get()).isTrue();
      assertThat(wizard.reportProperty().get().dryRun()).isFalse();
      assertThat(wizard.rows())
          .filteredOn(row -> row.status().equals(ImportRow.CREATED))
          .extracting(ImportRow::slug)
          .containsExactly("promo", "launch");
      assertThat(wizard.rows())
          .filteredOn(row -> row.status().equals(ImportRow.CREATED))
          .allSatisfy(row -> assertThat(row.linkId()).isNotNull());
      assertThat(session.store().links())
          .extracting(LinkView::slug)
          .containsExactlyInAnyOrder("promo", "launch");
      assertThat(session.dataVersionProperty().get()).as("screens reload").isPositive();
      assertThat(wizard.statusProperty().get()).endsWith("The links are on the Links screen.");
      assertThat(wizard.canImportProperty().get()).as("imported once").isFalse();

      // The same file again changes nothing.
      wizard.dryRun();
      assertThat(wizard.countsProperty().get()).isEqualTo("3 rows: 2 unchanged · 1 invalid");
      assertThat(wizard.canImportProperty().get()).as("nothing left to write").isFalse();
    }
  }

  @Test
  void aGenericCsvGetsItsColumnsMappedFromTheHeaderReadHere() throws Exception {
    try (Session session = session()) {
      ImportViewModel wizard = new ImportViewModel(session, notices::add);
      wizard.pathProperty().set(sample("generic.csv").toString());
      assertThat(wizard.columns())
          .containsExactly("Name", "Destination", "Code", "Labels", "Expires", "Created", "Hits");
      assertThat(wizard.mappingShownProperty().get()).as("before the format is known").isFalse();

      wizard.dryRun();
      assertThat(wizard.detectedProperty().get()).isEqualTo("csv");
      assertThat(wizard.mappingShownProperty().get()).isTrue();

      wizard.mappingProperty("slug").set("Code");
      wizard.mappingProperty("tags").set("Labels");
      assertThat(wizard.params(true))
          .containsEntry("map.slug", "Code")
          .containsEntry("map.tags", "Labels")
          .doesNotContainKey("map.target")
          .doesNotContainKey("format");
      wizard.dryRun();

      assertThat(wizard.errorProperty().get()).isEmpty();
      assertThat(wizard.rows().getFirst().slug()).isEqualTo("cat-2026");
      assertThat(wizard.rows().getFirst().status()).isEqualTo(ImportRow.CREATED);
      assertThat(wizard.rows())
          .filteredOn(ImportViewModel::isProblem)
          .extracting(ImportRow::line)
          .contains(4);
    }
  }

  @Test
  void theCollectorsRefusalIsShownAndEveryChoiceStays() throws Exception {
    try (Session session = session()) {
      ImportViewModel wizard = new ImportViewModel(session, notices::add);
      Path file = directory.resolve("notes.csv");
      Files.writeString(file, "just,some,words\nmore,words,here\n");
      String path = file.toString();
      wizard.pathProperty().set(path);
      wizard.formatProperty().set("csv");
      wizard.policyProperty().set("overwrite");
      wizard.domainProperty().set("go.example.com");

      wizard.dryRun();

      assertThat(wizard.errorProperty().get()).isNotEmpty().doesNotContain("HTTP");
      assertThat(wizard.mappingShownProperty().get()).as("offered to name the columns").isTrue();
      assertThat(wizard.busyProperty().get()).isFalse();
      assertThat(wizard.canImportProperty().get()).isFalse();
      assertThat(wizard.pathProperty().get()).isEqualTo(path);
      assertThat(wizard.formatProperty().get()).isEqualTo("csv");
      assertThat(wizard.policyProperty().get()).isEqualTo("overwrite");
      assertThat(wizard.domainProperty().get()).isEqualTo("go.example.com");

      wizard.mappingProperty("target").set("words");
      wizard.domainProperty().set(domain());
      wizard.dryRun();
      assertThat(wizard.errorProperty().get()).isEmpty();
      assertThat(wizard.detectedProperty().get()).isEqualTo("csv");
    }
  }

  @Test
  void aJsonExportIsSentAsJsonAndOffersNoColumns() throws Exception {
    try (Session session = session()) {
      ImportViewModel wizard = new ImportViewModel(session, notices::add);
      Path file = sample("kutt.json");
      assertThat(ImportViewModel.contentType(file)).isEqualTo("application/json");
      wizard.pathProperty().set(file.toString());
      assertThat(wizard.columns()).isEmpty();
      wizard.domainProperty().set(domain());
      wizard.dryRun();
      assertThat(wizard.errorProperty().get()).isEmpty();
      assertThat(wizard.detectedProperty().get()).isEqualTo("kutt");
      assertThat(wizard.mappingShownProperty().get()).isFalse();
    }
  }

  @Test
  void aFileThatIsNotThereIsSaidBeforeAnythingIsSent() throws Exception {
    try (Session session = session()) {
      ImportViewModel wizard = new ImportViewModel(session, notices::add);
      wizard.pathProperty().set(directory.resolve("missing.csv").toString());
      wizard.dryRun();
      assertThat(wizard.errorProperty().get()).startsWith("There is no file at ");
      assertThat(wizard.reportProperty().get()).isNull();
    }
  }

  @Test
  void aViewerKeyCannotImportAndIsToldWhy() throws Exception {
    try (Session admin = session()) {
      String viewerKey = admin.client().createKey(new ApiKeyInput("reader", "viewer")).key();
      try (Session viewer =
          Sessions.open(
              Files.createDirectories(directory.resolve("viewer")),
              collector.baseUrl(),
              viewerKey)) {
        ImportViewModel wizard = new ImportViewModel(viewer, notices::add);
        wizard.pathProperty().set(sample("shlink.csv").toString());
        // Every workspace here gets the links on the default domain: a custom domain belongs to the
        // first workspace that imports onto it.
        wizard.domainProperty().set("default");
        wizard.dryRun();
        assertThat(wizard.errorProperty().get()).isNotEmpty();
        assertThat(wizard.statusProperty().get()).isEqualTo("This key cannot import links.");
        assertThat(wizard.canImportProperty().get()).isFalse();
      }
    }
  }

  @Test
  void offlineItSaysSoAndKeepsTheFile() throws Exception {
    try (Session session = Sessions.open(directory, Sessions.UNREACHABLE, "lsk_unused")) {
      ImportViewModel wizard = new ImportViewModel(session, notices::add);
      String path = sample("bitly.csv").toString();
      wizard.pathProperty().set(path);
      wizard.dryRun();
      assertThat(wizard.errorProperty().get()).startsWith("You are offline: ");
      assertThat(wizard.pathProperty().get()).isEqualTo(path);
      assertThat(wizard.canImportProperty().get()).isFalse();
    }
  }

  @Test
  void theReportIsSavedAsCsvWithEveryRow() throws Exception {
    try (Session session = session()) {
      ImportViewModel wizard = new ImportViewModel(session, notices::add);
      wizard.pathProperty().set(sample("shlink.csv").toString());
      // Slugs on a domain are one namespace: each test imports onto a domain of its own.
      wizard.domainProperty().set(domain());
      wizard.dryRun();
      wizard.onlyProblemsProperty().set(true);
      Path report = directory.resolve("report.csv");

      wizard.saveReport(report);

      assertThat(Files.readAllLines(report, StandardCharsets.UTF_8))
          .hasSize(4)
          .first()
          .isEqualTo("line,status,slug,domain,target,link id,reason");
      assertThat(Files.readString(report))
          .contains("3,created,launch," + domain() + ",https://shop.example.com/launch,,")
          .contains("4,invalid,broken");
      assertThat(notices).containsExactly(Notice.info("Saved the report to " + report));
    }
  }
}
