package io.linkscope.collector.app;

import io.linkscope.collector.ratelimit.RateLimits;
import io.linkscope.collector.webhook.WebhookOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Everything the collector is configured with, after command line, environment and config file have
 * been merged (see {@link ServeCommand} for the names and defaults), grouped by the part of the
 * collector it configures.
 *
 * @param dataDir where the journal, the collector's identity and the embedded database live
 * @param webhooks how webhook events are delivered
 * @param rateLimits requests a minute per API key and per visitor of the limited public endpoints
 */
public record CollectorConfig(
    Server server,
    Path dataDir,
    Database database,
    Tracking tracking,
    Journal journal,
    Pipeline pipeline,
    WebhookOptions webhooks,
    Live live,
    RateLimits.Options rateLimits) {

  /** A configuration with the default webhook delivery, live streams and rate limits. */
  public CollectorConfig(
      Server server,
      Path dataDir,
      Database database,
      Tracking tracking,
      Journal journal,
      Pipeline pipeline) {
    this(
        server,
        dataDir,
        database,
        tracking,
        journal,
        pipeline,
        WebhookOptions.defaults(),
        Live.DEFAULTS,
        RateLimits.Options.DEFAULTS);
  }

  /**
   * How the collector answers HTTP.
   *
   * @param baseUrl the public URL of the default domain, or null for http://localhost:port
   * @param notFoundRedirect where unknown slugs are sent, or null for a 404 page
   * @param requestBodyTimeout how long an API request body may stop arriving before the request is
   *     answered 408 and its worker thread freed
   */
  public record Server(
      String host,
      int port,
      @Nullable URI baseUrl,
      @Nullable String notFoundRedirect,
      Duration requestBodyTimeout) {}

  /**
   * Where clicks and links are stored.
   *
   * @param url a JDBC URL of an external MariaDB, or null for the embedded one
   * @param idleTransactionTimeout how long MariaDB keeps a session of ours idle inside a
   *     transaction (one a dead collector left open) before it ends it; zero leaves the server's
   *     setting
   */
  public record Database(
      @Nullable String url,
      String user,
      String password,
      Duration idleTransactionTimeout,
      @Nullable Reads reads) {

    /** A database whose analytics reads go to the same pool as its writes. */
    public Database(
        @Nullable String url, String user, String password, Duration idleTransactionTimeout) {
      this(url, user, password, idleTransactionTimeout, null);
    }
  }

  /**
   * Where analytics reads (statistics, raw clicks, exports, the sync's rollup feed) go instead of
   * the main database: a replica or another node of a Galera cluster. Writes never go there.
   */
  public record Reads(String url, String user, String password) {}

  /**
   * Which visits count and what they are enriched with.
   *
   * @param geoipDatabase a GeoIP2/GeoLite2 City .mmdb file, or null
   * @param botPatterns a file of bot patterns that replaces the bundled list, or null
   */
  public record Tracking(
      @Nullable Path geoipDatabase,
      List<String> trustedProxies,
      List<String> excludedIps,
      int userAgentCacheSize,
      @Nullable Path botPatterns) {}

  /** The durable journal visits are written to before they are stored. */
  public record Journal(Duration fsyncInterval, long budgetBytes, long segmentBytes) {}

  /**
   * How journaled clicks reach MariaDB.
   *
   * @param rollupInterval how long stored clicks wait to be added to the rollups with the clicks
   *     stored after them (one transaction for all)
   * @param yieldToRedirects how old an unstored click may get while the pipeline gives way to a
   *     burst of redirects (zero: it never does)
   */
  public record Pipeline(
      int batchSize, Duration rollupInterval, Duration yieldToRedirects, Duration shutdownDrain) {}

  /**
   * The live streams of {@code GET /api/v1/live}.
   *
   * @param heartbeat how often an idle stream gets a comment line
   * @param maxStreamsPerKey how many streams one API key may hold open at once
   * @param queueLimit how many events may wait for a slow client before its stream is ended
   */
  public record Live(Duration heartbeat, int maxStreamsPerKey, int queueLimit) {
    public static final Live DEFAULTS = new Live(Duration.ofSeconds(15), 5, 5_000);
  }

  /** Defaults for everything but the data directory: embedded database, random port. */
  public static CollectorConfig defaults(Path dataDir) {
    return new CollectorConfig(
        new Server("127.0.0.1", 0, null, null, Duration.ofSeconds(10)),
        dataDir,
        new Database(
            null, "root", "", io.linkscope.collector.db.Database.DEFAULT_IDLE_TRANSACTION_TIMEOUT),
        new Tracking(null, List.of(), List.of(), 20_000, null),
        new Journal(Duration.ofMillis(20), 1024L * 1024 * 1024, 64L * 1024 * 1024),
        new Pipeline(25_000, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(20)),
        WebhookOptions.defaults(),
        Live.DEFAULTS,
        RateLimits.Options.DEFAULTS);
  }

  public CollectorConfig withServer(Server server) {
    return new CollectorConfig(
        server, dataDir, database, tracking, journal, pipeline, webhooks, live, rateLimits);
  }

  public CollectorConfig withDatabase(Database database) {
    return new CollectorConfig(
        server, dataDir, database, tracking, journal, pipeline, webhooks, live, rateLimits);
  }

  public CollectorConfig withTracking(Tracking tracking) {
    return new CollectorConfig(
        server, dataDir, database, tracking, journal, pipeline, webhooks, live, rateLimits);
  }

  public CollectorConfig withJournal(Journal journal) {
    return new CollectorConfig(
        server, dataDir, database, tracking, journal, pipeline, webhooks, live, rateLimits);
  }

  public CollectorConfig withPipeline(Pipeline pipeline) {
    return new CollectorConfig(
        server, dataDir, database, tracking, journal, pipeline, webhooks, live, rateLimits);
  }

  public CollectorConfig withWebhooks(WebhookOptions webhooks) {
    return new CollectorConfig(
        server, dataDir, database, tracking, journal, pipeline, webhooks, live, rateLimits);
  }

  public CollectorConfig withLive(Live live) {
    return new CollectorConfig(
        server, dataDir, database, tracking, journal, pipeline, webhooks, live, rateLimits);
  }

  public CollectorConfig withRateLimits(RateLimits.Options rateLimits) {
    return new CollectorConfig(
        server, dataDir, database, tracking, journal, pipeline, webhooks, live, rateLimits);
  }

  /** Sends analytics reads to another database (a replica), or back to the main one (null). */
  public CollectorConfig withReads(@Nullable Reads reads) {
    return withDatabase(
        new Database(
            database.url(),
            database.user(),
            database.password(),
            database.idleTransactionTimeout(),
            reads));
  }

  public CollectorConfig withDatabase(@Nullable String url, String user, String password) {
    return withDatabase(
        new Database(url, user, password, database.idleTransactionTimeout(), database.reads()));
  }

  public CollectorConfig withDbIdleTransactionTimeout(Duration timeout) {
    return withDatabase(
        new Database(
            database.url(), database.user(), database.password(), timeout, database.reads()));
  }

  public CollectorConfig withGeoip(@Nullable Path file) {
    Tracking t = tracking;
    return withTracking(
        new Tracking(
            file, t.trustedProxies(), t.excludedIps(), t.userAgentCacheSize(), t.botPatterns()));
  }

  public CollectorConfig withBotPatterns(@Nullable Path file) {
    Tracking t = tracking;
    return withTracking(
        new Tracking(
            t.geoipDatabase(), t.trustedProxies(), t.excludedIps(), t.userAgentCacheSize(), file));
  }

  public CollectorConfig withTrustedProxies(List<String> proxies) {
    Tracking t = tracking;
    return withTracking(
        new Tracking(
            t.geoipDatabase(), proxies, t.excludedIps(), t.userAgentCacheSize(), t.botPatterns()));
  }

  public CollectorConfig withJournalBudget(long bytes, long segmentBytes) {
    return withJournal(new Journal(journal.fsyncInterval(), bytes, segmentBytes));
  }

  public CollectorConfig withRollupInterval(Duration interval) {
    Pipeline p = pipeline;
    return withPipeline(
        new Pipeline(p.batchSize(), interval, p.yieldToRedirects(), p.shutdownDrain()));
  }

  public CollectorConfig withYieldToRedirects(Duration limit) {
    Pipeline p = pipeline;
    return withPipeline(new Pipeline(p.batchSize(), p.rollupInterval(), limit, p.shutdownDrain()));
  }

  public CollectorConfig withRequestBodyTimeout(Duration timeout) {
    Server s = server;
    return withServer(new Server(s.host(), s.port(), s.baseUrl(), s.notFoundRedirect(), timeout));
  }
}
