package io.linkscope.collector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.linkscope.collector.ingest.ClickBatch;
import io.linkscope.collector.ingest.ClickPipeline;
import io.linkscope.collector.ingest.ClickTable;
import io.linkscope.collector.ingest.CommittedClicks;
import io.linkscope.collector.ingest.RollupRebuild;
import io.linkscope.collector.ingest.RollupWriter;
import io.linkscope.collector.journal.Journal;
import io.linkscope.collector.journal.JournalEntry;
import io.linkscope.collector.journal.JournalFullException;
import io.linkscope.collector.journal.JournalOptions;
import io.linkscope.collector.journal.JournalPosition;
import io.linkscope.collector.journal.JournalReader;
import io.linkscope.collector.journal.JournalRecovery;
import io.linkscope.collector.stats.ClickHandlers;
import io.linkscope.collector.stats.ClickReads;
import io.linkscope.collector.stats.CsvExports;
import io.linkscope.collector.stats.Dim;
import io.linkscope.collector.stats.Level;
import io.linkscope.collector.stats.LinkDirectory;
import io.linkscope.collector.stats.Range;
import io.linkscope.collector.stats.RollupFeed;
import io.linkscope.collector.stats.Scope;
import io.linkscope.collector.stats.StatsHandlers;
import io.linkscope.collector.stats.StatsParameters;
import io.linkscope.collector.stats.StatsRequest;
import io.linkscope.collector.stats.StatsService;
import io.linkscope.collector.stats.Target;
import io.linkscope.collector.stats.VisitKind;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.Date;

/**
 * The collector's structure, enforced: features without cycles, no console printing, no UI, one
 * clock, the click's way in (request thread, ingest, reading) in rooms of its own, and packages
 * that show other features only their entry points.
 */
@AnalyzeClasses(
    packages = "io.linkscope.collector",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule featurePackagesHaveNoCycles =
      slices()
          .matching("io.linkscope.collector.(*)..")
          .should()
          .beFreeOfCycles()
          .because("features depend on each other in one direction, so each can be read alone");

  @ArchTest
  static final ArchRule nothingPrintsToTheConsole =
      noClasses()
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .because(
              "everything goes through the logger, whose output is configured and free of IPs");

  @ArchTest
  static final ArchRule theCollectorNeverSeesTheDesktop =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("javafx..", "io.linkscope.desktop..")
          .because("the collector is a headless server");

  @ArchTest
  static final ArchRule onlyTheCompositionRootWiresFeatures =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.linkscope.collector.app..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.linkscope.collector.app..")
          .because("the composition root depends on features, never the other way round");

  @ArchTest
  static final ArchRule theRequestThreadNeverReachesPastTheJournal =
      noClasses()
          .that()
          .resideInAPackage("io.linkscope.collector.click..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.linkscope.collector.ingest..",
              "io.linkscope.collector.stats..",
              "io.linkscope.collector.costs..")
          .because(
              "click is what runs on the request thread before the answer; storing and counting"
                  + " happen after the journal, on the pipeline's threads");

  @ArchTest
  static final ArchRule onlyTheCompositionRootSeesTheWayIn =
      noClasses()
          .that()
          .resideOutsideOfPackages(
              "io.linkscope.collector.ingest..", "io.linkscope.collector.app..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.linkscope.collector.ingest..")
          .because(
              "statistics read what ingest stored through the tables and the rollup layout of"
                  + " stats, and consumers of committed clicks are handed to the pipeline as method"
                  + " references, so ingest changes without touching its readers");

  @ArchTest
  static final ArchRule theWayInAnswersNoRequests =
      noClasses()
          .that()
          .resideInAPackage("io.linkscope.collector.ingest..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.linkscope.collector.http..", "org.eclipse.jetty..")
          .because(
              "ingest runs on its own threads after the visitor was answered, so tracking never"
                  + " delays or breaks an answer");

  @ArchTest
  static final ArchRule theTrackingFrameKnowsNoFeatureBuiltOnIt =
      noClasses()
          .that()
          .resideInAPackage("io.linkscope.collector.tracking..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.linkscope.collector.redirect..",
              "io.linkscope.collector.bio..",
              "io.linkscope.collector.link..")
          .because("redirects and bio pages share the frame, so it may know neither of them");

  @ArchTest
  static final ArchRule redirectsDoNotBuildOnBioPages =
      noClasses()
          .that()
          .resideInAPackage("io.linkscope.collector.redirect..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.linkscope.collector.bio..")
          .because(
              "what both public answers share lives in the tracking frame, not in one of them");

  @ArchTest
  static final ArchRule bioPagesDoNotBuildOnRedirects =
      noClasses()
          .that()
          .resideInAPackage("io.linkscope.collector.bio..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.linkscope.collector.redirect..")
          .because(
              "what both public answers share lives in the tracking frame, not in one of them");

  @ArchTest
  static final ArchRule timeComesFromTheInjectedClock =
      noClasses()
          .should()
          .callMethod(Instant.class, "now")
          .orShould()
          .callMethod(LocalDate.class, "now")
          .orShould()
          .callMethod(LocalDateTime.class, "now")
          .orShould()
          .callMethod(OffsetDateTime.class, "now")
          .orShould()
          .callMethod(ZonedDateTime.class, "now")
          .orShould()
          .callMethod(LocalTime.class, "now")
          .orShould()
          .callMethod(OffsetTime.class, "now")
          .orShould()
          .callMethod(Year.class, "now")
          .orShould()
          .callMethod(YearMonth.class, "now")
          .orShould()
          .callMethod(MonthDay.class, "now")
          .orShould()
          .callConstructor(Date.class)
          .orShould()
          .callMethod(Calendar.class, "getInstance")
          .orShould()
          .callMethod(System.class, "currentTimeMillis")
          .because(
              "stored times come from the one Clock the composition root passes in, the same that"
                  + " times visits, so tests can set it; a time that only measures how long"
                  + " something took uses System.nanoTime()");

  @ArchTest
  static final ArchRule onlyTheCompositionRootChoosesTheSystemClock =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.linkscope.collector.app..")
          // Recovery stamps the names of the journal files it sets aside with the machine's time,
          // for the operator who finds them; nothing compares that time with a stored one.
          .and()
          .doNotBelongToAnyOf(Journal.class)
          .should()
          .callMethod(Clock.class, "systemUTC")
          .orShould()
          .callMethod(Clock.class, "systemDefaultZone")
          .orShould()
          .callMethod(Clock.class, "system", ZoneId.class)
          .because(
              "a feature that picks the system clock itself stores times that a test's clock and"
                  + " the sync and statistics cutoffs do not see; the composition root and its"
                  + " commands choose the clock and pass it in");

  @ArchTest
  static final ArchRule theWayInShowsOnlyItsEntryPoints =
      onlyPublic(
              "io.linkscope.collector.ingest",
              ClickPipeline.class,
              CommittedClicks.class,
              RollupRebuild.class,
              // For the benchmarks, which write batches and rollups without a pipeline.
              ClickBatch.class,
              ClickTable.class,
              RollupWriter.class)
          .because(
              "the composition root starts the pipeline, hands it the consumers of committed"
                  + " clicks and runs a rollup rebuild; its stages, checkpoints, lock watch, pacing"
                  + " and rollup layout are its own, so they change without touching anyone");

  @ArchTest
  static final ArchRule theJournalShowsOnlyItsLog =
      onlyPublic(
              "io.linkscope.collector.journal",
              Journal.class,
              JournalEntry.class,
              JournalFullException.class,
              JournalOptions.class,
              JournalPosition.class,
              JournalReader.class,
              JournalRecovery.class)
          .because(
              "others append, read and release through the journal's API; its file format,"
                  + " segments and recovery are its own, so decision 0002's guarantees are kept in"
                  + " one package");

  @ArchTest
  static final ArchRule statisticsShowOnlyWhatOthersRead =
      onlyPublic(
              "io.linkscope.collector.stats",
              ClickHandlers.class,
              ClickReads.class,
              CsvExports.class,
              StatsHandlers.class,
              StatsService.class,
              StatsParameters.class,
              StatsRequest.class,
              Target.class,
              Range.class,
              LinkDirectory.class,
              RollupFeed.class,
              Dim.class,
              Level.class,
              Scope.class,
              VisitKind.class)
          .because(
              "the endpoints, the service costs builds on and the rollup layout ingest writes are"
                  + " shared; where a number comes from (rollup or raw cells) and how cells add up"
                  + " stay inside, so every statistic is computed by the same code");

  /**
   * Top-level classes of {@code packageName} (not its sub-packages) are package-private but for
   * {@code entryPoints}: widening one more is a decision made here, not a keyword changed in
   * passing.
   */
  private static ArchRule onlyPublic(String packageName, Class<?>... entryPoints) {
    return classes()
        .that()
        .resideInAPackage(packageName)
        .and()
        .areTopLevelClasses()
        .and()
        .doNotBelongToAnyOf(entryPoints)
        .should()
        .notBePublic();
  }
}
