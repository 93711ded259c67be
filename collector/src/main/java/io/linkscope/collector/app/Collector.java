package io.linkscope.collector.app;

import io.linkscope.api.workspace.WorkspaceView;
import io.linkscope.collector.auth.ApiKeys;
import io.linkscope.collector.auth.Role;
import io.linkscope.collector.bio.BioAddresses;
import io.linkscope.collector.bio.BioHandlers;
import io.linkscope.collector.bio.BioPageCache;
import io.linkscope.collector.bio.BioPages;
import io.linkscope.collector.bio.BioPublicHandler;
import io.linkscope.collector.bio.BioRepository;
import io.linkscope.collector.click.ClickCapture;
import io.linkscope.collector.click.DayKeys;
import io.linkscope.collector.click.EnrichedClick;
import io.linkscope.collector.click.IpHasher;
import io.linkscope.collector.click.IpRanges;
import io.linkscope.collector.click.TrackingPolicy;
import io.linkscope.collector.cluster.ChangeFeed;
import io.linkscope.collector.cluster.Collectors;
import io.linkscope.collector.conversion.ConversionHandlers;
import io.linkscope.collector.conversion.ConversionJournal;
import io.linkscope.collector.conversion.ConversionReports;
import io.linkscope.collector.costs.LinkCosts;
import io.linkscope.collector.db.ChangeLog;
import io.linkscope.collector.db.Database;
import io.linkscope.collector.db.DatabaseUnavailableException;
import io.linkscope.collector.db.EmbeddedMariaDb;
import io.linkscope.collector.db.PrivateFiles;
import io.linkscope.collector.deeplink.WellKnownFiles;
import io.linkscope.collector.enrich.BotPatternSource;
import io.linkscope.collector.enrich.GeoLocator;
import io.linkscope.collector.enrich.UserAgentEnricher;
import io.linkscope.collector.export.WorkspaceExport;
import io.linkscope.collector.http.Router;
import io.linkscope.collector.importing.ImportHandlers;
import io.linkscope.collector.ingest.ClickPipeline;
import io.linkscope.collector.ingest.CommittedClicks;
import io.linkscope.collector.journal.Journal;
import io.linkscope.collector.journal.JournalOptions;
import io.linkscope.collector.journal.JournalRecovery;
import io.linkscope.collector.link.BulkHandlers;
import io.linkscope.collector.link.ExperimentEnds;
import io.linkscope.collector.link.LinkCache;
import io.linkscope.collector.link.LinkHandlers;
import io.linkscope.collector.link.LinkRepository;
import io.linkscope.collector.link.LinkRules;
import io.linkscope.collector.link.Links;
import io.linkscope.collector.link.ManyLinks;
import io.linkscope.collector.live.LiveHandlers;
import io.linkscope.collector.live.LiveHub;
import io.linkscope.collector.live.LiveOptions;
import io.linkscope.collector.openapi.OpenApiHandlers;
import io.linkscope.collector.ops.Health;
import io.linkscope.collector.ops.Metrics;
import io.linkscope.collector.ops.OpsHandlers;
import io.linkscope.collector.password.UnlockAttempts;
import io.linkscope.collector.qr.QrCodes;
import io.linkscope.collector.ratelimit.RateLimits;
import io.linkscope.collector.redirect.RedirectHandler;
import io.linkscope.collector.redirect.UnlockHandler;
import io.linkscope.collector.retention.Retention;
import io.linkscope.collector.retention.RetentionHandlers;
import io.linkscope.collector.retention.WorkspaceDeletions;
import io.linkscope.collector.stats.ClickHandlers;
import io.linkscope.collector.stats.ClickReads;
import io.linkscope.collector.stats.CsvExports;
import io.linkscope.collector.stats.RollupFeed;
import io.linkscope.collector.stats.StatsHandlers;
import io.linkscope.collector.stats.StatsService;
import io.linkscope.collector.sync.SyncHandlers;
import io.linkscope.collector.webhook.Webhooks;
import io.linkscope.collector.workspace.WorkspaceHandlers;
import io.linkscope.collector.workspace.Workspaces;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds the collector's object graph by hand from its configuration, starts
 * it, and stops it in the order that loses nothing (stop answering, drain the pipeline, close the
 * journal, then the database).
 */
public final class Collector implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Collector.class);

  // What was opened or started, closed in reverse order: the server first, then the pipeline
  // (which drains), the journal and the database last.
  private final List<Resource> resources = new ArrayList<>();
  private final CollectorConfig config;
  private final @Nullable UserAgentEnricher sharedUserAgents;
  private final Clock clock;
  private final Metrics metrics = new Metrics();
  private final Database database;
  private final @Nullable String bootstrapKey;
  private final ClickCapture capture;
  private final DayKeys ipHashKeys;
  private final ClickPipeline pipeline;
  private final ConversionJournal conversions;
  private final Webhooks webhooks;
  private final LiveHub live;
  private final URI baseUrl;
  private final List<String> routes;
  private final String collectorId;
  private final Collectors collectors;
  private @Nullable ChangeFeed changeFeed;

  /** Builds and starts the collector; on failure whatever was started is stopped again. */
  private Collector(CollectorConfig config, @Nullable UserAgentEnricher userAgents, Clock clock)
      throws Exception {
    this.config = config;
    this.sharedUserAgents = userAgents;
    this.clock = clock;
    try {
      database = openDatabase(config);
      webhooks = webhooks();
      Storage storage = storage(database);
      bootstrapKey = bootstrap(storage.workspaces(), storage.keys()).orElse(null);
      Intake intake = intake();
      capture = intake.capture();
      ipHashKeys = intake.ipHashKeys();
      live = intake.live();
      collectorId = collectorId(config.dataDir());
      pipeline = pipeline(storage, intake);
      collectors = collectors(collectorId);
      conversions = conversions();
      Server server = JettyServers.create();
      resources.add(new Resource("The HTTP server", server::stop));
      // Open live streams would hold a graceful stop: they end first.
      resources.add(new Resource("The live streams", live::endStreams));
      baseUrl = bind(server);
      RateLimits rateLimits =
          new RateLimits(
              config.rateLimits(), intake.trustedProxies(), clock, database.dataSource());
      Router router =
          CollectorRoutes.build(
              storage.keys(),
              features(storage, intake, rateLimits),
              config.server().requestBodyTimeout(),
              rateLimits.routerLimits());
      routes = router.describe();
      server.setHandler(router);
      server.start();
    } catch (Exception e) {
      close();
      throw e;
    }
    log.info("Linkscope collector listening on {}", baseUrl);
  }

  /** Starts a collector; on failure whatever was started is stopped again. */
  public static Collector start(CollectorConfig config) throws Exception {
    return start(config, null);
  }

  /**
   * Starts a collector with an already built User-Agent parser (it takes seconds and ~135 MB to
   * build, so several collectors in one JVM share one), or null to build one.
   */
  public static Collector start(CollectorConfig config, @Nullable UserAgentEnricher userAgents)
      throws Exception {
    return start(config, userAgents, Clock.systemUTC());
  }

  /**
   * Starts a collector whose visits and stored timestamps (links, pages, workspaces, keys, their
   * changes) are timed by {@code clock}; tests replay known times.
   */
  public static Collector start(
      CollectorConfig config, @Nullable UserAgentEnricher userAgents, Clock clock)
      throws Exception {
    return new Collector(config, userAgents, clock);
  }

  /** Something opened or started, and its name for the log should it not close cleanly. */
  private record Resource(String name, AutoCloseable closeable) {}

  /** What the features keep their data in, and the key store every API request is checked by. */
  private record Storage(
      Workspaces workspaces, ApiKeys keys, LinkRepository links, LinkCache linkCache) {}

  /**
   * Where visits enter: the journal they are written to first, the capture that writes them, the
   * keys their addresses are hashed with, and what enriches them.
   */
  private record Intake(
      Journal journal,
      ClickCapture capture,
      DayKeys ipHashKeys,
      UserAgentEnricher userAgents,
      IpRanges trustedProxies,
      LiveHub live) {}

  /** The stores of the features in the opened database. */
  private Storage storage(Database database) {
    Workspaces workspaces = new Workspaces(database.dataSource(), clock);
    ApiKeys keys = new ApiKeys(database.dataSource(), clock);
    LinkRepository linkRepository =
        new LinkRepository(database.dataSource(), clock, webhooks::changed);
    LinkCache linkCache = new LinkCache(linkRepository, 200_000, Duration.ofMinutes(1));
    return new Storage(workspaces, keys, linkRepository, linkCache);
  }

  /** Opens the journal and builds the click capture that writes visits to it. */
  private Intake intake() throws Exception {
    GeoLocator geo = new GeoLocator(config.tracking().geoipDatabase());
    resources.add(new Resource("The GeoIP database", geo));
    UserAgentEnricher userAgents =
        sharedUserAgents != null
            ? sharedUserAgents
            : new UserAgentEnricher(config.tracking().userAgentCacheSize());
    Path botPatterns = config.tracking().botPatterns();
    if (botPatterns != null) {
      userAgents = userAgents.withBotPatterns(BotPatternSource.file(botPatterns));
    }
    Journal journal =
        Journal.open(
            config.dataDir().resolve("journal"),
            new JournalOptions(
                segmentBytes(config.journal().segmentBytes(), config.journal().budgetBytes()),
                config.journal().fsyncInterval(),
                config.journal().budgetBytes()));
    resources.add(new Resource("The journal", journal));
    journalGauges(journal);
    LiveHub live = live(userAgents);
    DayKeys ipHashKeys = new DayKeys(database.dataSource(), clock);
    resources.add(new Resource("The IP hashing keys", ipHashKeys));
    ipHashKeys.start(Duration.ofMinutes(1));
    ClickCapture capture =
        new ClickCapture(
            journal,
            geo,
            new IpHasher(ipHashKeys),
            new TrackingPolicy(IpRanges.parse(config.tracking().excludedIps()), userAgents),
            clock,
            metrics,
            live::journaled);
    return new Intake(
        journal,
        capture,
        ipHashKeys,
        userAgents,
        IpRanges.parse(config.tracking().trustedProxies()),
        live);
  }

  private void journalGauges(Journal journal) {
    metrics.gauge(
        "linkscope_journal_damaged_bytes",
        "Bytes of damaged journal found at this start and moved to .damaged-* files.",
        journal.recovery()::bytesSetAside);
    metrics.gauge(
        "linkscope_journal_bytes", "Bytes of journal segments on disk.", journal::retainedBytes);
    metrics.gauge(
        "linkscope_journal_budget_bytes",
        "The configured disk budget of the journal.",
        config.journal()::budgetBytes);
  }

  /**
   * The hub of the live streams, fed by the click capture right after the journal append (the
   * pipeline may leave clicks in the journal for seconds during a burst; decision 0018) and by the
   * conversion journal.
   */
  private LiveHub live(UserAgentEnricher userAgents) {
    DataSource dataSource = database.dataSource();
    LiveHub hub =
        new LiveHub(
            LiveOptions.DEFAULTS.with(
                config.live().heartbeat(),
                config.live().maxStreamsPerKey(),
                config.live().queueLimit()),
            clock,
            event -> EnrichedClick.of(event, userAgents),
            (workspaceId, clickId) -> LiveHandlers.linkOfClick(dataSource, workspaceId, clickId),
            metrics);
    resources.add(new Resource("The live hub", hub));
    return hub;
  }

  /**
   * Starts the pipeline that stores journaled clicks in MariaDB and adds them to the rollups, and
   * warms the link cache.
   */
  private ClickPipeline pipeline(Storage storage, Intake intake) throws Exception {
    // What else reacts to stored clicks takes them here, one consumer a line.
    List<CommittedClicks> committed = List.of();
    // What must commit with each batch (the webhook outbox) runs in its transaction.
    List<ClickPipeline.InBatch> inBatch = List.of(webhooks::clicksStored);
    ClickPipeline pipeline =
        new ClickPipeline(
            new ClickPipeline.Stores(intake.journal(), database.dataSource()),
            event -> EnrichedClick.of(event, intake.userAgents()),
            committed,
            inBatch,
            new ClickPipeline.Options(
                collectorId,
                config.pipeline().batchSize(),
                config.pipeline().rollupInterval(),
                config.pipeline().yieldToRedirects()),
            clock,
            metrics);
    // The drain a stop allows, instead of the default of close().
    resources.add(
        new Resource("The click pipeline", () -> pipeline.stop(config.pipeline().shutdownDrain())));
    pipeline.start();
    // The change feed's window is read before the cache is filled, so that its first poll does
    // not forget what the warm-up reads (decision 0024).
    ChangeFeed feed = new ChangeFeed(database.dataSource(), metrics);
    feed.skipWhatCachesWillRead();
    changeFeed = feed;
    int warmed = storage.linkCache().warm(100_000);
    log.info("Link cache warmed with {} links", warmed);
    return pipeline;
  }

  /** Starts delivering webhooks from the outbox; stopped after the pipeline that fills it. */
  private Webhooks webhooks() {
    Webhooks webhooks = new Webhooks(database.dataSource(), config.webhooks(), clock, metrics);
    resources.add(new Resource("The webhook sender", webhooks));
    webhooks.start();
    return webhooks;
  }

  /** Opens the conversion journal and starts storing what it holds. */
  private ConversionJournal conversions() throws IOException {
    ConversionJournal journal =
        ConversionJournal.open(
            config.dataDir().resolve("conversion-journal"),
            database.dataSource(),
            collectorId,
            clock,
            webhooks::conversionsStored,
            List.of(live::conversion));
    resources.add(new Resource("The conversion journal", journal));
    journal.start();
    return journal;
  }

  /**
   * Binds the HTTP server's port and returns the base URL, which depends on the port, known only
   * after binding, so the handlers are wired after this.
   */
  private URI bind(Server server) throws Exception {
    ServerConnector connector =
        JettyServers.connector(server, config.server().host(), config.server().port());
    connector.open();
    URI configured = config.server().baseUrl();
    return configured != null
        ? configured
        : URI.create(
            "http://" + displayHost(config.server().host()) + ":" + connector.getLocalPort());
  }

  /** The handlers of every feature, over the storage and capture built before. */
  private CollectorRoutes.Features features(Storage storage, Intake intake, RateLimits rateLimits) {
    DataSource dataSource = database.dataSource();
    LinkRepository linkRepository = storage.links();
    Links links =
        new Links(
            linkRepository,
            storage.linkCache(),
            new LinkRules(CollectorRoutes.RESERVED),
            baseUrl,
            clock);
    // Analytics reads go to the replica when one is configured (--database-read-url).
    DataSource reads = readDataSource();
    StatsService stats = new StatsService(reads);
    StatsHandlers statsHandlers = new StatsHandlers(stats, clock);
    BioRepository bioRepository = new BioRepository(dataSource, clock, webhooks::changed);
    BioAddresses bioAddresses = new BioAddresses(baseUrl);
    ConversionReports conversionReports = new ConversionReports(dataSource, stats, clock);
    ExperimentEnds experimentEnds =
        new ExperimentEnds(linkRepository, links, conversionReports::outcome, clock);
    resources.add(new Resource("The A/B split ends", experimentEnds));
    experimentEnds.start(Duration.ofSeconds(1));
    BioPageCache bioCache =
        new BioPageCache(bioRepository, bioAddresses, 50_000, Duration.ofMinutes(1));
    WellKnownFiles wellKnownFiles = new WellKnownFiles(dataSource, clock);
    ConversionHandlers conversionHandlers =
        new ConversionHandlers(conversions, dataSource, baseUrl, clock, metrics);
    changeFeed(storage, bioCache, wellKnownFiles, conversionHandlers);
    BioPages bioPages =
        new BioPages(bioRepository, bioCache, linkRepository::claimDomain, bioAddresses, clock);
    ManyLinks manyLinks = new ManyLinks(links, storage.linkCache(), dataSource, clock);
    return new CollectorRoutes.Features(
        ops(intake, rateLimits),
        collectors,
        new WorkspaceHandlers(storage.workspaces(), storage.keys(), clock),
        new LinkHandlers(links, new QrCodes()),
        new ClickHandlers(
            new ClickReads(reads),
            (workspaceId, linkId) -> linkExists(linkRepository, workspaceId, linkId)),
        new BioHandlers(bioPages),
        new BioPublicHandler(bioCache, intake.capture(), intake.trustedProxies(), metrics),
        redirectsAndUnlock(storage, intake),
        statsHandlers,
        new CsvExports(reads, stats, statsHandlers),
        new SyncHandlers(linkRepository, links, new RollupFeed(dataSource), clock),
        new LinkCosts(dataSource, stats, clock),
        wellKnownFiles,
        conversionHandlers,
        conversionReports,
        new BulkHandlers(manyLinks),
        new ImportHandlers(manyLinks),
        retention(storage, links, bioPages),
        new WorkspaceExport(dataSource, storage.workspaces(), links, bioPages, clock),
        webhooks.handlers(),
        new LiveHandlers(live, dataSource),
        new OpenApiHandlers(baseUrl));
  }

  /**
   * Keeps the caches in step with changes made through other collectors on the database (and
   * through the command line): each kind of change forgets what it names (decision 0024).
   */
  private void changeFeed(
      Storage storage,
      BioPageCache bioCache,
      WellKnownFiles wellKnownFiles,
      ConversionHandlers conversionHandlers) {
    ChangeFeed feed =
        Objects.requireNonNull(changeFeed, "the change feed is made with the pipeline")
            .on(ChangeLog.Kind.LINK, changes -> storage.linkCache().forgetLinks(ids(changes)))
            .on(ChangeLog.Kind.PAGE, changes -> bioCache.forgetPages(ids(changes)))
            .on(ChangeLog.Kind.KEY, changes -> storage.keys().forget(ids(changes)))
            .on(
                ChangeLog.Kind.DOMAIN,
                changes -> {
                  for (ChangeFeed.Change change : changes) {
                    if (change.detail() != null) {
                      storage.linkCache().forgetDomain(change.detail());
                    }
                  }
                })
            .on(
                ChangeLog.Kind.WORKSPACE,
                changes -> {
                  for (ChangeFeed.Change change : changes) {
                    storage.keys().forgetWorkspace(change.workspaceId());
                  }
                })
            .on(ChangeLog.Kind.WEBHOOK, changes -> webhooks.refresh())
            .on(ChangeLog.Kind.WELL_KNOWN, changes -> wellKnownFiles.forgetServed())
            .on(
                ChangeLog.Kind.POSTBACK,
                changes ->
                    conversionHandlers.forgetSecrets(
                        changes.stream().map(ChangeFeed.Change::workspaceId).toList()))
            .onMissed(storage.linkCache()::forgetAll)
            .onMissed(bioCache::forgetAll)
            .onMissed(webhooks::refresh)
            .onMissed(wellKnownFiles::forgetServed)
            .onMissed(conversionHandlers::forgetAllSecrets);
    resources.add(new Resource("The change feed", feed));
    feed.start();
  }

  private static List<Long> ids(List<ChangeFeed.Change> changes) {
    return changes.stream().map(ChangeFeed.Change::entityId).toList();
  }

  /**
   * Registers this collector in the database and starts its heartbeat, which carries its backlog
   * and lag; stopped before the pipeline, so the last row written says it stopped.
   */
  private Collectors collectors(String id) {
    Collectors collectors =
        new Collectors(
            database.dataSource(),
            new Collectors.Self(
                id, hostName(), version(), pipeline::backlogRecords, pipeline::backlogAge));
    resources.add(new Resource("The collector's heartbeat", collectors));
    collectors.start();
    metrics.info(
        "linkscope_collector_info",
        "This collector: its id among the collectors of the database, and its version.",
        Map.of("id", id, "version", version()));
    return collectors;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String version() {
    String version = Collector.class.getPackage().getImplementationVersion();
    return version == null ? "development" : version;
  }

  /**
   * Raw click retention, purged in the background every hour, and workspace deletions, of which one
   * stopped by a restart is taken up again at once.
   */
  private RetentionHandlers retention(Storage storage, Links links, BioPages bioPages) {
    Retention retention = new Retention(database.dataSource(), clock);
    resources.add(new Resource("The raw click purge", retention));
    WorkspaceDeletions deletions =
        new WorkspaceDeletions(
            database.dataSource(), clock, storage.keys(), links, bioPages, retention);
    retention.start(Duration.ofHours(1), deletions::finishPending);
    return new RetentionHandlers(retention, deletions);
  }

  /** Short links: GET and HEAD to the redirect handler, a password form's POST to its check. */
  private org.eclipse.jetty.server.Handler redirectsAndUnlock(Storage storage, Intake intake) {
    RedirectHandler redirects =
        new RedirectHandler(
            storage.linkCache(),
            intake.capture(),
            intake.trustedProxies(),
            config.server().notFoundRedirect(),
            clock,
            metrics);
    UnlockHandler unlock =
        new UnlockHandler(
            storage.linkCache(),
            intake.capture(),
            intake.trustedProxies(),
            new UnlockAttempts(clock),
            redirects,
            metrics);
    return UnlockHandler.routing(redirects, unlock);
  }

  /** Health checks and the backlog details /health shows. */
  private OpsHandlers ops(Intake intake, RateLimits rateLimits) {
    Health health = new Health();
    health.register(
        "rate limits",
        () ->
            rateLimits.countingLocally()
                ? Optional.of(
                    "MariaDB did not answer: API keys are counted by this collector alone")
                : Optional.empty());
    health.register("pipeline", () -> pipeline.problem());
    health.register("conversions", conversions::problem);
    health.register("webhooks", webhooks::problem);
    health.register("changes", () -> changeFeed == null ? Optional.empty() : changeFeed.problem());
    health.register(
        "journal",
        () ->
            intake.capture().refusing()
                ? Optional.of("journal disk budget reached: visits are redirected but not tracked")
                : Optional.empty());
    return new OpsHandlers(health, metrics, () -> backlogDetails(intake.journal()));
  }

  private Map<String, Object> backlogDetails(Journal journal) {
    JournalRecovery recovery = journal.recovery();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("collectorId", collectorId);
    details.put("backlogRecords", pipeline.backlogRecords());
    details.put("backlogAgeSeconds", pipeline.backlogAge().toSeconds());
    details.put("rollupBacklogRecords", pipeline.rollupBacklogRecords());
    details.put("rollupLagSeconds", pipeline.rollupLag().toSeconds());
    details.put("journalBytes", journal.retainedBytes());
    if (!recovery.clean()) {
      details.put("journalDamageAtStart", recovery.messages());
    }
    return details;
  }

  /** Whether a link exists, for handlers that take no checked exceptions. */
  private static boolean linkExists(LinkRepository links, long workspaceId, long linkId) {
    try {
      return links.find(workspaceId, linkId).isPresent();
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  /**
   * Opens the database (creating the data directory on first start): the external one configured,
   * else the embedded one in the data directory.
   */
  private Database openDatabase(CollectorConfig config) throws IOException {
    // A new data directory is private: it holds the journal and the embedded database's account.
    // An existing one is left as its owner set it up.
    if (!Files.isDirectory(config.dataDir())) {
      PrivateFiles.directory(config.dataDir());
    }
    String url = config.database().url();
    Database database;
    if (url != null) {
      database =
          Database.open(
              url,
              config.database().user(),
              config.database().password(),
              16,
              config.database().idleTransactionTimeout());
    } else {
      EmbeddedMariaDb embedded =
          EmbeddedMariaDb.start(config.dataDir().resolve("mariadb"), "linkscope");
      resources.add(new Resource("The embedded MariaDB", embedded));
      database =
          Database.open(
              embedded.jdbcUrl(),
              embedded.user(),
              embedded.password(),
              16,
              config.database().idleTransactionTimeout());
    }
    resources.add(new Resource("The database pool", database));
    return database;
  }

  /**
   * The pool analytics reads use: the replica's when one is configured, else the main pool. The
   * replica's pool is closed after everything that reads from it.
   */
  private DataSource readDataSource() {
    CollectorConfig.Reads replica = config.database().reads();
    if (replica == null) {
      return database.dataSource();
    }
    Database reads = Database.openReads(replica.url(), replica.user(), replica.password(), 8);
    resources.add(1, new Resource("The read replica's pool", reads));
    log.info("Analytics reads go to {}", replica.url().replaceFirst("\\?.*", ""));
    return reads.dataSource();
  }

  /**
   * The journal frees disk in whole segments and never frees the one being written, so a segment
   * larger than a fraction of the budget could fill it for good: at most a quarter of it is used.
   */
  static long segmentBytes(long configured, long budget) {
    return Math.max(4096, Math.min(configured, budget / 4));
  }

  /** On a database without workspaces: creates "default" and an admin key, returned once. */
  private static Optional<String> bootstrap(Workspaces workspaces, ApiKeys keys)
      throws SQLException {
    if (!workspaces.list().isEmpty()) {
      return Optional.empty();
    }
    WorkspaceView workspace = workspaces.create("default", "Default workspace");
    return Optional.of(keys.create(workspace.id(), "initial admin key", Role.ADMIN).secret());
  }

  /** A stable identity of this collector's journal, kept in its data directory. */
  static String collectorId(Path dataDir) throws IOException {
    Path file = dataDir.resolve("collector-id");
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    String id = UUID.randomUUID().toString();
    Files.writeString(file, id + "\n");
    return id;
  }

  private static String displayHost(String host) {
    return host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
  }

  public URI baseUrl() {
    return baseUrl;
  }

  public int port() {
    return baseUrl.getPort();
  }

  /** The admin key created on first start, if this start created one; shown once. */
  public Optional<String> bootstrapKey() {
    return Optional.ofNullable(bootstrapKey);
  }

  public Database database() {
    return database;
  }

  /** This collector's id among the collectors of its database (kept in its data directory). */
  public String collectorId() {
    return collectorId;
  }

  public Metrics metrics() {
    return metrics;
  }

  /** The route table as "METHOD /path" lines, so that tests can cover every route. */
  public List<String> routes() {
    return routes;
  }

  public ClickPipeline pipeline() {
    return pipeline;
  }

  /** Where visits enter; bio pages and tests capture through it like the redirect handler. */
  public ClickCapture capture() {
    return capture;
  }

  /** The IP hashing keys of each workspace and day. */
  public DayKeys ipHashKeys() {
    return ipHashKeys;
  }

  @Override
  public void close() {
    for (int i = resources.size() - 1; i >= 0; i--) {
      Resource resource = resources.get(i);
      try {
        resource.closeable().close();
      } catch (Exception e) {
        log.warn("{} did not close cleanly: {}", resource.name(), e.toString());
      }
    }
    resources.clear();
  }
}
