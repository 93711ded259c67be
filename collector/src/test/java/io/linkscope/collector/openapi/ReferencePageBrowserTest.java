package io.linkscope.collector.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.collector.testsupport.TestCollector;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The reference page in the machine's headless Chromium: Swagger UI, loaded from the collector
 * alone under its Content-Security-Policy, renders the description, and the browser reports no
 * refused script, style or request.
 */
class ReferencePageBrowserTest {
  @TempDir static Path directory;
  static TestCollector collector;
  static ChromeDriver browser;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(directory);
    System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--no-proxy-server",
            "--user-data-dir=" + directory.resolve("profile").toAbsolutePath()));
    options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
    browser =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build(),
            options);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    collector.close();
  }

  @Test
  void thePageRendersTheDescriptionUnderItsPolicy() throws Exception {
    try (Response response = collector.send(collector.request("/api/docs").build())) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Security-Policy"))
          .isEqualTo(OpenApiHandlers.CONTENT_SECURITY_POLICY)
          .contains("script-src 'self';");
    }
    browser.get(collector.baseUrl().replaceAll("/+$", "") + "/api/docs");
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".swagger-ui .info .title"), "Linkscope collector API"));
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-path='/api/v1/links']")));
    List<String> refused =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
            .map(LogEntry::getMessage)
            .toList();
    assertThat(refused).as("browser errors (a refused resource would show here)").isEmpty();
  }

  @Test
  void onlyTheFilesOfThePageAreServed() throws Exception {
    try (Response response =
        collector.send(collector.request("/api/docs/pom.properties").build())) {
      assertThat(response.code()).isEqualTo(404);
    }
    try (Response response =
        collector.send(collector.request("/api/docs/swagger-ui-bundle.js").build())) {
      assertThat(response.code()).isEqualTo(200);
      assertThat(response.header("Content-Type")).startsWith("text/javascript");
    }
  }
}
