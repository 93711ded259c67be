package io.linkscope.collector;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The collector's structure, enforced: features without cycles, no console printing, no UI. */
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
}
