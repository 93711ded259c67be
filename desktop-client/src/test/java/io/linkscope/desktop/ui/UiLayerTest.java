package io.linkscope.desktop.ui;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shared pieces of the screens (charts, formats, cells) stand below every feature. */
@AnalyzeClasses(
    packages = "io.linkscope.desktop",
    importOptions = ImportOption.DoNotIncludeTests.class)
class UiLayerTest {

  @ArchTest
  static final ArchRule dependsOnNoFeature =
      noClasses()
          .that()
          .resideInAPackage("io.linkscope.desktop.ui..")
          .should()
          .dependOnClassesThat(
              resideInAPackage("io.linkscope.desktop..")
                  .and(not(resideInAPackage("io.linkscope.desktop.ui.."))))
          .because(
              "every screen uses ui; a ui class that knew a feature would tie the features"
                  + " together through it (charts take their own value types)");
}
