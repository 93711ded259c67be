package io.linkscope.collector.app;

import io.linkscope.collector.db.PrivateFiles;
import io.linkscope.collector.live.LiveOptions;
import io.linkscope.collector.ratelimit.RateLimits;
import io.linkscope.collector.webhook.WebhookOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code serve}: runs the collector until SIGTERM/SIGINT, then drains and stops. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the collector.")
final class ServeCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @Spec CommandSpec spec;

  @Mixin DatabaseOptions database;

  @Option(
      names = "--host",
      defaultValue = "0.0.0.0",
      description = "Listen address. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "Listen port (0 = any free). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--base-url",
      description = "Public URL of the default domain, e.g. https://go.example.com.")
  @Nullable URI baseUrl;

  @Option(
      names = "--db-idle-transaction-timeout-seconds",
      defaultValue = "10",
      description =
          "MariaDB ends a session of the collector that sits idle this long inside a transaction,"
              + " as one left by a collector that died with its connections open does, and so frees"
              + " the rows it locked; 0 leaves the server's setting. Default: ${DEFAULT-VALUE}.")
  long dbIdleTransactionTimeoutSeconds;

  @Option(
      names = "--database-read-url",
      description =
          "JDBC URL of a MariaDB replica or another Galera node that analytics reads (statistics,"
              + " raw clicks, exports) go to; writes always go to --db-url. Default: the --db-url"
              + " database.")
  @Nullable String databaseReadUrl;

  @Option(names = "--database-read-user", description = "Default: --db-user.")
  @Nullable String databaseReadUser;

  @Option(
      names = "--database-read-password",
      description =
          "Default: --db-password. Give it as LINKSCOPE_DATABASE_READ_PASSWORD or in the --config"
              + " file.")
  @Nullable String databaseReadPassword;

  @Option(
      names = "--geoip-database",
      description = "GeoIP2/GeoLite2 City .mmdb file (see README: geoipupdate).")
  @Nullable Path geoipDatabase;

  @Option(
      names = "--trusted-proxies",
      split = ",",
      description = "CIDR ranges whose X-Forwarded-For is believed.")
  List<String> trustedProxies = List.of();

  @Option(
      names = "--exclude-ips",
      split = ",",
      description = "CIDR ranges never tracked (e.g. your office).")
  List<String> excludedIps = List.of();

  @Option(
      names = "--not-found-redirect",
      description = "Send unknown slugs here instead of a 404 page.")
  @Nullable String notFoundRedirect;

  @Option(
      names = "--journal-fsync-ms",
      defaultValue = "20",
      description = "Group fsync interval of the click journal. Default: ${DEFAULT-VALUE}.")
  long journalFsyncMillis;

  @Option(
      names = "--journal-budget-mb",
      defaultValue = "1024",
      description =
          "Disk budget of the click journal; fractions allowed (0.5). Default: ${DEFAULT-VALUE}.")
  double journalBudgetMegabytes;

  @Option(
      names = "--journal-segment-mb",
      defaultValue = "64",
      description =
          "Size of one journal segment file (at most a quarter of the budget is used)."
              + " Default: ${DEFAULT-VALUE}.")
  double journalSegmentMegabytes;

  @Option(
      names = "--batch-size",
      defaultValue = "25000",
      description =
          "Most clicks per MariaDB batch (a batch is what the journal holds, up to this)."
              + " Default: ${DEFAULT-VALUE}.")
  int batchSize;

  @Option(
      names = "--rollup-interval-ms",
      defaultValue = "1000",
      description =
          "Stored clicks are added to the analytics rollups together, about this often (the"
              + " rollups' cells are shared by most clicks of a second). Default: ${DEFAULT-VALUE}.")
  long rollupIntervalMillis;

  @Option(
      names = "--yield-to-redirects-seconds",
      defaultValue = "30",
      description =
          "During a burst that keeps the HTTP threads busy, the click pipeline waits (clicks stay"
              + " in the journal) until the oldest unstored click is this old; 0 never waits."
              + " Default: ${DEFAULT-VALUE}.")
  long yieldToRedirectsSeconds;

  @Option(
      names = "--shutdown-drain-seconds",
      defaultValue = "20",
      description = "How long shutdown drains the click backlog. Default: ${DEFAULT-VALUE}.")
  long shutdownDrainSeconds;

  @Option(
      names = "--request-body-timeout-seconds",
      defaultValue = "10",
      description =
          "An API request whose body stops arriving for this long (e.g. a Content-Length larger"
              + " than the body) is answered 408 and its thread freed. Default: ${DEFAULT-VALUE}.")
  long requestBodyTimeoutSeconds;

  @Option(
      names = "--rate-limit-key-per-minute",
      defaultValue = "6000",
      description =
          "API requests each key may send a minute (bursts up to as many); more get a 429 with"
              + " Retry-After. 0: unlimited. Default: ${DEFAULT-VALUE}.")
  int rateLimitKeyPerMinute;

  @Option(
      names = "--rate-limit-visitor-per-minute",
      defaultValue = "120",
      description =
          "Calls each client address may make a minute to the public API endpoints that do work"
              + " per call (the conversion postback); redirects are never limited. 0: unlimited."
              + " Default: ${DEFAULT-VALUE}.")
  int rateLimitVisitorPerMinute;

  @Option(
      names = "--user-agent-cache",
      defaultValue = "20000",
      description = "Parsed User-Agents kept in memory. Default: ${DEFAULT-VALUE}.")
  int userAgentCacheSize;

  @Option(
      names = "--bot-patterns",
      paramLabel = "FILE",
      description =
          "Bot patterns (one regular expression a line, as in the npm package isbot) that replace"
              + " the bundled list; the file is read again when it is replaced.")
  @Nullable Path botPatterns;

  @Option(
      names = "--connection-file",
      description =
          "When the first start creates the admin key, also write 'url=' and 'key=' lines to this"
              + " file (owner-only), so the desktop app can connect without copying the key.")
  @Nullable Path connectionFile;

  @Option(
      names = "--port-file",
      description =
          "Once the collector answers, write its port to this file (useful with --port 0).")
  @Nullable Path portFile;

  @Option(
      names = "--webhooks-allow-private-targets",
      description =
          "Deliver webhooks to loopback, private and link-local addresses too (receivers in your"
              + " own network). Off by default: such targets are refused (SSRF).")
  boolean webhooksAllowPrivateTargets;

  @Option(
      names = "--webhooks-timeout-seconds",
      defaultValue = "10",
      description =
          "The longest one webhook POST may take, connecting included; a sender that dies leaves"
              + " its claimed events to others after three times this. Default: ${DEFAULT-VALUE}.")
  long webhooksTimeoutSeconds;

  @Option(
      names = "--live-max-streams-per-key",
      defaultValue = "5",
      description =
          "Live streams (GET /api/v1/live) one API key may hold open at once. Default:"
              + " ${DEFAULT-VALUE}.")
  int liveMaxStreamsPerKey;

  @Option(
      names = "--live-heartbeat-seconds",
      defaultValue = "15",
      description = "How often an idle live stream gets a heartbeat. Default: ${DEFAULT-VALUE}.")
  int liveHeartbeatSeconds;

  CollectorConfig config() {
    if (liveMaxStreamsPerKey < 1 || liveHeartbeatSeconds < 1 || liveHeartbeatSeconds > 3600) {
      throw new ParameterException(
          spec.commandLine(),
          "--live-max-streams-per-key must be at least 1 and --live-heartbeat-seconds between 1"
              + " and 3600");
    }
    if (rollupIntervalMillis < 0 || rollupIntervalMillis > 60_000) {
      throw new ParameterException(
          spec.commandLine(),
          "--rollup-interval-ms must be between 0 and 60000, got " + rollupIntervalMillis);
    }
    if (requestBodyTimeoutSeconds < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--request-body-timeout-seconds must be at least 1, got " + requestBodyTimeoutSeconds);
    }
    if (yieldToRedirectsSeconds < 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--yield-to-redirects-seconds must be 0 or more, got " + yieldToRedirectsSeconds);
    }
    if (dbIdleTransactionTimeoutSeconds < 0 || dbIdleTransactionTimeoutSeconds > 31_536_000) {
      throw new ParameterException(
          spec.commandLine(),
          "--db-idle-transaction-timeout-seconds must be between 0 and 31536000, got "
              + dbIdleTransactionTimeoutSeconds);
    }
    if (rateLimitKeyPerMinute < 0 || rateLimitVisitorPerMinute < 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--rate-limit-key-per-minute and --rate-limit-visitor-per-minute"
              + " must be 0 (unlimited) or more");
    }
    return new CollectorConfig(
        new CollectorConfig.Server(
            host,
            port,
            baseUrl,
            notFoundRedirect == null || notFoundRedirect.isBlank() ? null : notFoundRedirect,
            Duration.ofSeconds(requestBodyTimeoutSeconds)),
        database.dataDir(),
        new CollectorConfig.Database(
            database.dbUrl == null || database.dbUrl.isBlank() ? null : database.dbUrl,
            database.dbUser,
            database.dbPassword,
            Duration.ofSeconds(dbIdleTransactionTimeoutSeconds),
            reads()),
        new CollectorConfig.Tracking(
            geoipDatabase, trustedProxies, excludedIps, userAgentCacheSize, botPatterns),
        new CollectorConfig.Journal(
            Duration.ofMillis(journalFsyncMillis),
            megabytes("--journal-budget-mb", journalBudgetMegabytes),
            megabytes("--journal-segment-mb", journalSegmentMegabytes)),
        new CollectorConfig.Pipeline(
            batchSize,
            Duration.ofMillis(rollupIntervalMillis),
            Duration.ofSeconds(yieldToRedirectsSeconds),
            Duration.ofSeconds(shutdownDrainSeconds)),
        webhookOptions(),
        new CollectorConfig.Live(
            Duration.ofSeconds(liveHeartbeatSeconds),
            liveMaxStreamsPerKey,
            LiveOptions.DEFAULTS.queueLimit()),
        new RateLimits.Options(rateLimitKeyPerMinute, rateLimitVisitorPerMinute));
  }

  /** The replica analytics reads go to, if one is given; its account defaults to the main one. */
  private CollectorConfig.@Nullable Reads reads() {
    if (databaseReadUrl == null || databaseReadUrl.isBlank()) {
      return null;
    }
    return new CollectorConfig.Reads(
        databaseReadUrl,
        databaseReadUser != null ? databaseReadUser : database.dbUser,
        databaseReadPassword != null ? databaseReadPassword : database.dbPassword);
  }

  private WebhookOptions webhookOptions() {
    if (webhooksTimeoutSeconds < 1 || webhooksTimeoutSeconds > 300) {
      throw new ParameterException(
          spec.commandLine(),
          "--webhooks-timeout-seconds must be between 1 and 300, got " + webhooksTimeoutSeconds);
    }
    WebhookOptions defaults = WebhookOptions.defaults();
    return defaults
        .withAllowPrivateTargets(webhooksAllowPrivateTargets)
        .withRetries(
            Duration.ofSeconds(webhooksTimeoutSeconds),
            defaults.firstRetry(),
            defaults.maxRetryDelay(),
            defaults.retryFor(),
            defaults.disableAfter());
  }

  private long megabytes(String option, double megabytes) {
    long bytes = Math.round(megabytes * 1024 * 1024);
    // Also rejects NaN, which fails every comparison.
    if (!(bytes >= 4096)) {
      throw new ParameterException(
          spec.commandLine(), option + " must be at least 0.004 (4 KiB), got " + megabytes);
    }
    return bytes;
  }

  @Override
  public Integer call() throws Exception {
    Collector collector = Collector.start(config());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("shutdown")
                .unstarted(
                    () -> {
                      log.info("Stopping: draining the click backlog");
                      collector.close();
                      stopped.countDown();
                    }));
    StringBuilder banner = new StringBuilder();
    banner
        .append("\n  Linkscope collector is running at ")
        .append(collector.baseUrl())
        .append('\n');
    collector
        .bootstrapKey()
        .ifPresent(
            key ->
                banner
                    .append("  Admin API key of workspace 'default' (shown only this once): ")
                    .append(key)
                    .append('\n'));
    log.info("{}", banner);
    Path connectionTo = connectionFile;
    if (connectionTo != null) {
      collector
          .bootstrapKey()
          .ifPresent(key -> writeConnectionFile(connectionTo, collector.baseUrl(), key));
    }
    Path portTo = portFile;
    if (portTo != null) {
      writePortFile(portTo, collector.port());
    }
    stopped.await();
    return 0;
  }

  /** Writes the URL and key readable only by the owner: the key is an admin credential. */
  static void writeConnectionFile(Path file, URI url, String key) {
    try {
      PrivateFiles.write(file, "url=" + url + "\nkey=" + key + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the connection file " + file, e);
    }
  }

  /** Written whole and then renamed, so that a reader never sees a partial port number. */
  private static void writePortFile(Path file, int port) throws IOException {
    Path absolute = file.toAbsolutePath();
    Path partial = absolute.resolveSibling(absolute.getFileName() + ".partial");
    Files.writeString(partial, port + "\n");
    Files.move(
        partial, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
