package io.linkscope.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The shared contract stands alone: both programs depend on it, it depends on neither. */
@AnalyzeClasses(packages = "io.linkscope.api", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule dependsOnlyOnTheJdkGsonAndOkHttp =
      classes()
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "java..",
              "io.linkscope.api..",
              "com.google.gson..",
              "okhttp3..",
              "kotlin..",
              "org.jspecify.annotations..")
          .because(
              "the contract is shared by collector and desktop and must not drag either along;"
                  + " JSpecify's nullness annotations are the one exception, annotations only");
}
