package io.linkscope.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.retention.WorkspaceDeletion;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.testsupport.Visits;
import io.linkscope.desktop.ui.Background;
import io.linkscope.desktop.ui.Notice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data tab's logic against the real collector: the retention saved and refused, a purge, the
 * export to a real zip file and its cancellation, a viewer's export refused, and deleting a
 * workspace of its own after its slug was typed.
 */
class DataViewModelTest {
  private static final ZoneId ZONE = ZoneId.of("America/New_York");

  @TempDir static Path home;
  private static TestCollector collector;
  private static LinkscopeClient admin;
  private static int sessions;
  private final List<Notice> notices = Collections.synchronizedList(new ArrayList<>());
  private final List<WorkspaceDeletion> deletions = new ArrayList<>();
  private Session session;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(home.resolve("collector"));
    admin = collector.client();
    admin.createLink(LinkInput.to("https://shop.example.com/spring").withSlug("spring"));
    Visits.visit(collector, "spring", "81.2.69.160", 5);
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @AfterEach
  void close() {
    if (session != null) {
      session.close();
    }
    admin.setRetention(new io.linkscope.api.retention.RetentionInput(null));
  }

  private DataViewModel data(String key) throws Exception {
    return data(key, Background.inline());
  }

  private DataViewModel data(String key, Background background) throws Exception {
    session =
        Sessions.open(home.resolve("session-" + ++sessions), collector.baseUrl(), key, background);
    DataViewModel model = new DataViewModel(session, ZONE, notices::add, deletions::add);
    model.reload();
    return model;
  }

  private List<Notice> errors() {
    return notices.stream().filter(n -> n.level() == Notice.Level.ERROR).toList();
  }

  @Test
  void savesARetentionInDaysAndSaysThatStatisticsAreKept() throws Exception {
    DataViewModel model = data(collector.adminKey());
    assertThat(model.slugProperty().get()).isEqualTo("default");
    assertThat(model.keepAllProperty().get()).isTrue();
    assertThat(model.retentionProperty().get())
        .startsWith("Every raw click is kept.")
        .contains("Statistics are kept either way");

    model.keepAllProperty().set(false);
    model.daysProperty().set("90");
    model.saveRetention();

    assertThat(errors()).isEmpty();
    assertThat(admin.retention().rawClickDays()).isEqualTo(90);
    assertThat(model.retentionProperty().get())
        .startsWith("Raw clicks older than 90 days (whole UTC days) are deleted every hour")
        .contains("Statistics are kept either way");
    assertThat(notices).contains(Notice.info("Raw clicks are kept for 90 days."));

    // A new screen shows what is saved.
    DataViewModel again = data(collector.adminKey());
    assertThat(again.keepAllProperty().get()).isFalse();
    assertThat(again.daysProperty().get()).isEqualTo("90");

    again.keepAllProperty().set(true);
    again.saveRetention();
    assertThat(admin.retention().rawClickDays()).isNull();
  }

  @Test
  void refusesDaysThatAreNoWholeNumberFromOneToAHundredYears() throws Exception {
    DataViewModel model = data(collector.adminKey());
    model.keepAllProperty().set(false);
    for (String typed : List.of("", "0", "ninety", "36501", "-3", "1.5")) {
      model.daysProperty().set(typed);
      model.saveRetention();
      assertThat(model.daysErrorProperty().get())
          .as(typed)
          .isEqualTo("Enter a whole number of days, from 1 to 36,500.");
    }
    assertThat(admin.retention().rawClickDays()).isNull();
    model.daysProperty().set("30");
    assertThat(model.daysErrorProperty().get()).isEmpty();
  }

  @Test
  void purgesNowAndListsTheReportOnlyWithARetention() throws Exception {
    DataViewModel model = data(collector.adminKey());
    model.purgeNow();
    assertThat(errors())
        .singleElement()
        .satisfies(e -> assertThat(e.title()).isEqualTo("Nothing to purge"));

    model.keepAllProperty().set(false);
    model.daysProperty().set("1");
    model.saveRetention();
    model.purgeNow();

    assertThat(model.purges()).isNotEmpty();
    var report = model.purges().getFirst();
    assertThat(report.reason()).isEqualTo("retention");
    // Today's clicks are younger than a day: none goes.
    assertThat(report.rows()).isZero();
    assertThat(model.purgeText(report))
        .contains("0 raw clicks deleted: raw clicks from before ")
        .doesNotContain("not finished");
    assertThat(
            admin
                .clickTotals(
                    admin
                        .links(io.linkscope.api.link.LinkQuery.firstPage())
                        .items()
                        .getFirst()
                        .id(),
                    null,
                    null)
                .clicks())
        .isEqualTo(5);
  }

  @Test
  void exportsTheWorkspaceToAZipFileTheUserChose() throws Exception {
    DataViewModel model = data(collector.adminKey());
    Path file = home.resolve("exports/acme.zip");
    Files.createDirectories(file.getParent());

    model.export(file);

    assertThat(errors()).isEmpty();
    assertThat(model.exportingProperty().get()).isFalse();
    assertThat(model.exportProgressProperty().get()).startsWith("Saved to " + file);
    assertThat(notices).contains(Notice.info("Saved to " + file));
    assertThat(Files.exists(file.resolveSibling("acme.zip.part"))).isFalse();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      assertThat(zip.stream().map(e -> e.getName()).toList())
          .contains("workspace.json", "links.json", "clicks.csv");
      String clicks = new String(zip.getInputStream(zip.getEntry("clicks.csv")).readAllBytes());
      long spring =
          admin.links(io.linkscope.api.link.LinkQuery.firstPage()).items().getFirst().id();
      List<String> lines = clicks.lines().toList();
      int linkColumn = List.of(lines.getFirst().split(",")).indexOf("link_id");
      assertThat(linkColumn).isNotNegative();
      // Every raw click of the link, one row each (other tests may add visits of no link).
      assertThat(
              lines.stream()
                  .skip(1)
                  .filter(line -> line.split(",", -1)[linkColumn].equals(Long.toString(spring))))
          .hasSize(5);
    }
  }

  @Test
  void aCancelledExportLeavesNoFileAndAnOlderOneAsItWas() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      DataViewModel model = data(collector.adminKey(), threaded(pool));
      await("the workspace is read", () -> model.loadedProperty().get());
      Path file = home.resolve("cancelled/acme.zip");
      Files.createDirectories(file.getParent());
      Files.writeString(file, "an older export");

      model.export(file);
      model.cancelExport();

      assertThat(model.exportingProperty().get()).isFalse();
      assertThat(model.exportProgressProperty().get())
          .isEqualTo("Export cancelled; nothing was saved.");
      await(
          "the partial file is gone", () -> Files.notExists(file.resolveSibling("acme.zip.part")));
      pool.shutdown();
      assertThat(pool.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(Files.readString(file)).isEqualTo("an older export");
      assertThat(errors()).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  private static void await(String what, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  /** Work on a thread of its own; results and progress come back on it (no FX thread here). */
  private static Background threaded(ExecutorService pool) {
    return new Background() {
      @Override
      public void onUi(Runnable update) {
        update.run();
      }

      @Override
      public <T> Job run(
          String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        pool.execute(
            () -> {
              T result;
              try {
                result = work.call();
              } catch (Exception | Error e) {
                onFailure.accept(e);
                return;
              }
              onSuccess.accept(result);
            });
        return Job.DONE;
      }
    };
  }

  @Test
  void aViewersKeyCannotExportAndIsToldWhy() throws Exception {
    String viewer = admin.createKey(new ApiKeyInput("reader", "viewer")).key();
    DataViewModel model = data(viewer);
    assertThat(model.loadedProperty().get()).isTrue();
    assertThat(model.changesDisabled().get()).isTrue();
    assertThat(model.readOnlyReasonProperty().get())
        .startsWith("Only an admin key can change the retention");
    Path file = home.resolve("viewer.zip");

    model.export(file);

    assertThat(Files.exists(file)).isFalse();
    assertThat(Files.exists(home.resolve("viewer.zip.part"))).isFalse();
    assertThat(errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("Only an admin key can export"));
    assertThat(model.exportProgressProperty().get())
        .isEqualTo("The export failed; nothing was saved.");
  }

  @Test
  void deletesTheWorkspaceOnlyOnceItsSlugIsTypedAndThenLetsTheWindowForgetIt() throws Exception {
    String leavingKey = collector.createWorkspaceKey("leaving");
    collector
        .client(leavingKey)
        .createLink(LinkInput.to("https://leaving.example.com/").withSlug("bye"));
    DataViewModel model = data(leavingKey);
    assertThat(model.slugProperty().get()).isEqualTo("leaving");
    assertThat(model.deleteDisabled().get()).isTrue();

    model.confirmationProperty().set("default");
    assertThat(model.deleteDisabled().get()).isTrue();
    model.deleteWorkspace();
    assertThat(deletions).isEmpty();
    assertThat(errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("leaving"));

    model.confirmationProperty().set(" leaving ");
    assertThat(model.deleteDisabled().get()).isFalse();
    model.deleteWorkspace();

    assertThat(deletions).singleElement().satisfies(d -> assertThat(d.slug()).isEqualTo("leaving"));
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.linkscope.api.ApiException.class,
                    () -> collector.client(leavingKey).workspace())
                .status())
        .isEqualTo(401);
    try (okhttp3.Response response = collector.send(collector.request("/bye").build())) {
      assertThat(response.code()).isEqualTo(404);
    }
    // The other workspace is untouched.
    assertThat(admin.workspace().slug()).isEqualTo("default");
  }
}
