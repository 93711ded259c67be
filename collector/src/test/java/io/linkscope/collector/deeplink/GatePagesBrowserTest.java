package io.linkscope.collector.deeplink;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.gate.AppTarget;
import io.linkscope.api.gate.DeepLinks;
import io.linkscope.api.link.LinkInput;
import io.linkscope.collector.testsupport.TestCollector;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The password form and the "open in the app" page in a real headless Chromium (the machine's
 * {@code chromium} and {@code chromium-driver}) as a phone, served by a real collector: typed into,
 * clicked through, under their strict Content Security Policy, and photographed for {@code
 * docs/screenshots/} ({@code -Dlinkscope.screenshots=docs}).
 */
class GatePagesBrowserTest {
  static final Path SCREENSHOTS =
      "docs".equals(System.getProperty("linkscope.screenshots"))
          ? repositoryRoot().resolve("docs").resolve("screenshots")
          : Path.of("target", "screenshots");

  @TempDir static Path directory;
  static TestCollector collector;
  static ChromeDriver browser;
  static String target;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(directory.resolve("collector"));
    // Targets on the collector itself keep the browser off the internet.
    target = collector.baseUrl() + "/health";
    browser = chromium(directory.resolve("chromium-profile"));
    browser.executeCdpCommand("Network.enable", Map.of());
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    collector.close();
  }

  @Test
  void aWrongPasswordIsSaidNextToTheFieldAndTheRightOneOpensTheLink() throws Exception {
    as(DeepLinkTest.ANDROID_CHROME, "198.51.100.70");
    collector
        .client()
        .createLink(LinkInput.to(target).withSlug("locked").withPassword("open sesame"));
    browser.get(collector.baseUrl() + "/locked");
    assertThat(browser.getTitle()).isEqualTo("Password required");
    assertThat(browser.findElements(By.id("error"))).isEmpty();
    assertThat(browser.switchTo().activeElement().getAttribute("id"))
        .as("the field has the focus")
        .isEqualTo("password");
    save("gate-password-form");

    browser.findElement(By.id("password")).sendKeys("open sesam");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(() -> !browser.findElements(By.id("error")).isEmpty());
    assertThat(browser.findElement(By.id("error")).getText())
        .isEqualTo("Wrong password. Check it and try again.");
    assertThat(browser.getCurrentUrl()).isEqualTo(collector.baseUrl() + "/locked");
    save("gate-password-wrong");

    browser.findElement(By.id("password")).sendKeys("open sesame");
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    waitFor(() -> browser.getCurrentUrl().equals(target));
    assertThat(browser.getPageSource()).contains("status");
  }

  @Test
  void tooManyWrongPasswordsSayHowLongToWait() throws Exception {
    as(DeepLinkTest.ANDROID_CHROME, "198.51.100.71");
    collector
        .client()
        .createLink(LinkInput.to(target).withSlug("guarded").withPassword("right one"));
    browser.get(collector.baseUrl() + "/guarded");
    for (int i = 0; i <= 5; i++) {
      browser.findElement(By.id("password")).sendKeys("guess " + i);
      // The answer is a new page: until the old one is gone, its error would pass for the new one.
      // The old document carries a mark; the answer is in once a loaded document lacks it.
      browser.executeScript("document.documentElement.dataset.answered = 'no'");
      browser.findElement(By.cssSelector("button[type=submit]")).click();
      waitFor(
          () ->
              Boolean.TRUE.equals(
                  browser.executeScript(
                      "return document.readyState === 'complete'"
                          + " && document.documentElement.dataset.answered === undefined")));
      int attempt = i;
      waitFor(
          () ->
              !browser.findElements(By.id("error")).isEmpty()
                  && (attempt < 5
                      || browser.findElement(By.id("error")).getText().startsWith("Too many")));
    }
    assertThat(browser.findElement(By.id("error")).getText())
        .isEqualTo("Too many wrong passwords. Try again in 15 minutes.");
    save("gate-password-throttled");
  }

  @Test
  void instagramOnAnIphoneIsOfferedTheAppAndTheBrowser() throws Exception {
    as(DeepLinkTest.IPHONE_INSTAGRAM, "198.51.100.72");
    collector
        .client()
        .createLink(
            LinkInput.to(target)
                .withSlug("app")
                .withDeepLinks(
                    new DeepLinks(
                        new AppTarget(
                            "https://app.example.com/product/42",
                            "https://apps.apple.com/app/id123456789",
                            null),
                        null)));
    browser.get(collector.baseUrl() + "/app");
    assertThat(browser.getTitle()).isEqualTo("Open in the app");
    assertThat(
            browser.findElements(By.cssSelector("a.button")).stream()
                .map(a -> a.getText())
                .toList())
        .containsExactly("Open in the app", "Get the app", "Open in the browser");
    assertThat(browser.executeScript("return document.scripts.length")).isEqualTo(0L);
    // The inline style applies under the policy: the main button is blue, not a plain link.
    assertThat(
            browser.executeScript(
                "return getComputedStyle(document.getElementById('open-app')).backgroundColor"))
        .isEqualTo("rgb(59, 110, 245)");
    save("gate-open-in-app-instagram-ios");
    browser.findElement(By.id("open-browser")).click();
    waitFor(() -> browser.getCurrentUrl().equals(target));
  }

  @Test
  void tiktokOnAndroidGetsIntentAddresses() throws Exception {
    as(DeepLinkTest.ANDROID_TIKTOK, "198.51.100.73");
    collector
        .client()
        .createLink(
            LinkInput.to(target)
                .withSlug("droid")
                .withDeepLinks(
                    new DeepLinks(
                        null,
                        new AppTarget(
                            "shopapp://product/42",
                            "https://play.google.com/store/apps/details?id=com.example.shop",
                            "com.example.shop"))));
    browser.get(collector.baseUrl() + "/droid");
    assertThat(browser.findElement(By.id("open-app")).getAttribute("href"))
        .startsWith("intent://product/42#Intent;scheme=shopapp;package=com.example.shop;");
    assertThat(browser.findElement(By.id("open-browser")).getAttribute("href"))
        .startsWith("intent://127.0.0.1:");
    save("gate-open-in-app-tiktok-android");
  }

  private static void as(String userAgent, String ip) {
    browser.executeCdpCommand("Network.setUserAgentOverride", Map.of("userAgent", userAgent));
    browser.executeCdpCommand(
        "Network.setExtraHTTPHeaders", Map.of("headers", Map.of("X-Forwarded-For", ip)));
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) {
    // While a form's answer loads, the driver may fail on the page it is leaving; asking again
    // on the next poll is the right answer to that.
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .ignoring(WebDriverException.class)
        .until(driver -> condition.getAsBoolean());
  }

  private static void save(String name) throws Exception {
    Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
  }

  static ChromeDriver chromium(Path profile) {
    System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        List.of(
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--no-proxy-server",
            "--hide-scrollbars",
            "--user-data-dir=" + profile.toAbsolutePath()));
    options.setExperimentalOption(
        "mobileEmulation",
        Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 2.0)));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    return new ChromeDriver(service, options);
  }

  private static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("docs").resolve("decisions"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("not inside the Linkscope checkout");
    }
    return dir;
  }
}
