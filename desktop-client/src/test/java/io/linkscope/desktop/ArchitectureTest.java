package io.linkscope.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The desktop's layering: it talks to the collector only through the shared API. */
@AnalyzeClasses(
    packages = "io.linkscope.desktop",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule seesTheCollectorOnlyThroughTheSharedApi =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "io.linkscope.collector..", "org.eclipse.jetty..", "org.mariadb..", "com.zaxxer..")
          .because(
              "the desktop app is a client of the JSON API and must work against any collector version that speaks it");

  @ArchTest
  static final ArchRule viewModelsNeverTouchControls =
      classes()
          .that()
          .haveSimpleNameEndingWith("ViewModel")
          .should()
          .onlyDependOnClassesThat()
          .resideOutsideOfPackages("javafx.scene..", "javafx.stage..", "javafx.fxml..")
          .because(
              "view models hold state and logic and are tested without a screen; views only bind");

  @ArchTest
  static final ArchRule printsNothing =
      noClasses()
          .should()
          .accessField(System.class, "out")
          .orShould()
          .accessField(System.class, "err")
          .because("the app logs through SLF4J; stray output would also risk printing API keys");

  @ArchTest
  static final ArchRule packagesFormNoCycles =
      slices()
          .matching("io.linkscope.desktop.(*)..")
          .should()
          .beFreeOfCycles()
          .because(
              "features build on store, sync and ui and the window on the features; a cycle would"
                  + " make every package depend on every other, so none could change alone");
}
