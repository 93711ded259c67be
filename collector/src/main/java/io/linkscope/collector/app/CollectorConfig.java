package io.linkscope.collector.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the collector is configured with, after command line, environment and config file have
 * been merged (see {@link ServeCommand} for the names and defaults).
 *
 * @param dbUrl a JDBC URL of an external MariaDB, or null for the embedded one
 * @param baseUrl the public URL of the default domain, or null for http://localhost:port
 * @param geoipDatabase a GeoIP2/GeoLite2 City .mmdb file, or null
 */
public record CollectorConfig(
    String host,
    int port,
    URI baseUrl,
    Path dataDir,
    String dbUrl,
    String dbUser,
    String dbPassword,
    Path geoipDatabase,
    List<String> trustedProxies,
    List<String> excludedIps,
    String notFoundRedirect,
    Duration journalFsyncInterval,
    long journalBudgetBytes,
    long journalSegmentBytes,
    int batchSize,
    Duration shutdownDrain,
    int userAgentCacheSize) {

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
        null,
        List.of(),
        List.of(),
        null,
        Duration.ofMillis(20),
        1024L * 1024 * 1024,
        64L * 1024 * 1024,
        25_000,
        Duration.ofSeconds(20),
        20_000);
  }

  public CollectorConfig withDatabase(String url, String user, String password) {
    return new CollectorConfig(
        host,
        port,
        baseUrl,
        dataDir,
        url,
        user,
        password,
        geoipDatabase,
        trustedProxies,
        excludedIps,
        notFoundRedirect,
        journalFsyncInterval,
        journalBudgetBytes,
        journalSegmentBytes,
        batchSize,
        shutdownDrain,
        userAgentCacheSize);
  }

  public CollectorConfig withGeoip(Path database) {
    return new CollectorConfig(
        host,
        port,
        baseUrl,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        database,
        trustedProxies,
        excludedIps,
        notFoundRedirect,
        journalFsyncInterval,
        journalBudgetBytes,
        journalSegmentBytes,
        batchSize,
        shutdownDrain,
        userAgentCacheSize);
  }

  public CollectorConfig withTrustedProxies(List<String> proxies) {
    return new CollectorConfig(
        host,
        port,
        baseUrl,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        geoipDatabase,
        proxies,
        excludedIps,
        notFoundRedirect,
        journalFsyncInterval,
        journalBudgetBytes,
        journalSegmentBytes,
        batchSize,
        shutdownDrain,
        userAgentCacheSize);
  }

  public CollectorConfig withJournalBudget(long bytes, long segmentBytes) {
    return new CollectorConfig(
        host,
        port,
        baseUrl,
        dataDir,
        dbUrl,
        dbUser,
        dbPassword,
        geoipDatabase,
        trustedProxies,
        excludedIps,
        notFoundRedirect,
        journalFsyncInterval,
        bytes,
        segmentBytes,
        batchSize,
        shutdownDrain,
        userAgentCacheSize);
  }
}
