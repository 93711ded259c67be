package io.linkscope.collector.app;

import io.linkscope.collector.db.Database;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything the collector is configured with, after command line, environment and config file have
 * been merged (see {@link ServeCommand} for the names and defaults).
 *
 * @param dbUrl a JDBC URL of an external MariaDB, or null for the embedded one
 * @param dbIdleTransactionTimeout how long MariaDB keeps a session of ours idle inside a
 *     transaction (one a dead collector left open) before it ends it; zero leaves the server's
 *     setting
 * @param baseUrl the public URL of the default domain, or null for http://localhost:port
 * @param geoipDatabase a GeoIP2/GeoLite2 City .mmdb file, or null
 * @param botPatterns a file of bot patterns that replaces the bundled list, or null
 * @param rollupInterval how long stored clicks wait to be added to the rollups with the clicks
 *     stored after them (one transaction for all)
 * @param yieldToRedirects how old an unstored click may get while the pipeline gives way to a burst
 *     of redirects (zero: it never does)
 * @param requestBodyTimeout how long an API request body may stop arriving before the request is
 *     answered 408 and its worker thread freed
 */
public record CollectorConfig(
    String host,
    int port,
    URI baseUrl,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    Duration dbIdleTransactionTimeout,
    Path geoipDatabase,
    List<String> trustedProxies,
    List<String> excludedIps,
    String notFoundRedirect,
    Duration journalFsyncInterval,
    long journalBudgetBytes,
    long journalSegmentBytes,
    int batchSize,
    Duration rollupInterval,
    Duration yieldToRedirects,
    Duration shutdownDrain,
    int userAgentCacheSize,
    Path botPatterns,
    Duration requestBodyTimeout) {

  /** Defaults for everything but the data directory: embedded database, random port. */
  public static CollectorConfig defaults(Path dataDir) {
    return new CollectorConfig(
        "127.0.0.1",
        0,
        null,
        dataDir,
        null,
        "root",
        "",
        Database.DEFAULT_IDLE_TRANSACTION_TIMEOUT,
        null,
        List.of(),
        List.of(),
        null,
        Duration.ofMillis(20),
        1024L * 1024 * 1024,
        64L * 1024 * 1024,
        25_000,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        Duration.ofSeconds(20),
        20_000,
        null,
        Duration.ofSeconds(10));
  }

  public CollectorConfig withDatabase(String url, String user, String password) {
    return change(
        c -> {
          c.dbUrl = url;
          c.dbUser = user;
          c.dbPassword = password;
        });
  }

  public CollectorConfig withDbIdleTransactionTimeout(Duration timeout) {
    return change(c -> c.dbIdleTransactionTimeout = timeout);
  }

  public CollectorConfig withGeoip(Path database) {
    return change(c -> c.geoipDatabase = database);
  }

  public CollectorConfig withBotPatterns(Path file) {
    return change(c -> c.botPatterns = file);
  }

  public CollectorConfig withTrustedProxies(List<String> proxies) {
    return change(c -> c.trustedProxies = proxies);
  }

  public CollectorConfig withJournalBudget(long bytes, long segmentBytes) {
    return change(
        c -> {
          c.journalBudgetBytes = bytes;
          c.journalSegmentBytes = segmentBytes;
        });
  }

  public CollectorConfig withRollupInterval(Duration interval) {
    return change(c -> c.rollupInterval = interval);
  }

  public CollectorConfig withYieldToRedirects(Duration limit) {
    return change(c -> c.yieldToRedirects = limit);
  }

  public CollectorConfig withRequestBodyTimeout(Duration timeout) {
    return change(c -> c.requestBodyTimeout = timeout);
  }

  private CollectorConfig change(Consumer<Copy> edit) {
    Copy copy = new Copy(this);
    edit.accept(copy);
    return copy.build();
  }

  /** A mutable copy, so that each {@code with...} names only what it changes. */
  private static final class Copy {
    String host;
    int port;
    URI baseUrl;
    Path dataDir;
    String dbUrl;
    String dbUser;
    String dbPassword;
    Duration dbIdleTransactionTimeout;
    Path geoipDatabase;
    List<String> trustedProxies;
    List<String> excludedIps;
    String notFoundRedirect;
    Duration journalFsyncInterval;
    long journalBudgetBytes;
    long journalSegmentBytes;
    int batchSize;
    Duration rollupInterval;
    Duration yieldToRedirects;
    Duration shutdownDrain;
    int userAgentCacheSize;
    Path botPatterns;
    Duration requestBodyTimeout;

    Copy(CollectorConfig from) {
      host = from.host;
      port = from.port;
      baseUrl = from.baseUrl;
      dataDir = from.dataDir;
      dbUrl = from.dbUrl;
      dbUser = from.dbUser;
      dbPassword = from.dbPassword;
      dbIdleTransactionTimeout = from.dbIdleTransactionTimeout;
      geoipDatabase = from.geoipDatabase;
      trustedProxies = from.trustedProxies;
      excludedIps = from.excludedIps;
      notFoundRedirect = from.notFoundRedirect;
      journalFsyncInterval = from.journalFsyncInterval;
      journalBudgetBytes = from.journalBudgetBytes;
      journalSegmentBytes = from.journalSegmentBytes;
      batchSize = from.batchSize;
      rollupInterval = from.rollupInterval;
      yieldToRedirects = from.yieldToRedirects;
      shutdownDrain = from.shutdownDrain;
      userAgentCacheSize = from.userAgentCacheSize;
      botPatterns = from.botPatterns;
      requestBodyTimeout = from.requestBodyTimeout;
    }

    CollectorConfig build() {
      return new CollectorConfig(
          host,
          port,
          baseUrl,
          dataDir,
          dbUrl,
          dbUser,
          dbPassword,
          dbIdleTransactionTimeout,
          geoipDatabase,
          trustedProxies,
          excludedIps,
          notFoundRedirect,
          journalFsyncInterval,
          journalBudgetBytes,
          journalSegmentBytes,
          batchSize,
          rollupInterval,
          yieldToRedirects,
          shutdownDrain,
          userAgentCacheSize,
          botPatterns,
          requestBodyTimeout);
    }
  }
}
