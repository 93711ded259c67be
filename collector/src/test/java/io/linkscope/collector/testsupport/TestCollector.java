package io.linkscope.collector.testsupport;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.collector.app.Collector;
import io.linkscope.collector.app.CollectorConfig;
import io.linkscope.collector.enrich.UserAgentEnricher;
import io.linkscope.collector.ingest.ClickPipeline;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * A real collector for API tests: its own fresh MariaDB database, a GeoIP database built by {@link
 * TestGeoDatabase}, 127.0.0.1 as trusted proxy, a random port, and the real HTTP client.
 */
public final class TestCollector implements AutoCloseable {
  private static UserAgentEnricher userAgents;

  private final TestDatabase database;
  private final boolean ownsDatabase;
  private final Collector collector;
  private final String adminKey;
  private final OkHttpClient http = LinkscopeClient.defaultHttp();

  private TestCollector(
      TestDatabase database, boolean ownsDatabase, Collector collector, String adminKey) {
    this.database = database;
    this.ownsDatabase = ownsDatabase;
    this.collector = collector;
    this.adminKey = adminKey;
  }

  public static TestCollector start(Path directory) throws Exception {
    return start(directory, UnaryOperator.identity());
  }

  /** Starts a collector whose configuration the test may adjust. */
  public static TestCollector start(Path directory, UnaryOperator<CollectorConfig> adjust)
      throws Exception {
    return start(directory, adjust, Clock.systemUTC());
  }

  /** Starts a collector that times visits by {@code clock}, e.g. a {@link SettableClock}. */
  public static TestCollector start(
      Path directory, UnaryOperator<CollectorConfig> adjust, Clock clock) throws Exception {
    TestDatabase database = TestDatabase.create();
    try {
      Collector collector =
          Collector.start(config(database, directory, adjust), sharedUserAgents(), clock);
      return new TestCollector(database, true, collector, collector.bootstrapKey().orElseThrow());
    } catch (Exception e) {
      database.close();
      throw e;
    }
  }

  /**
   * Starts a collector on a database the test keeps (for restarts, or several collectors on one
   * database). {@code adminKey} is null on the database's first start, which creates one.
   */
  public static TestCollector startOn(
      TestDatabase database,
      String adminKey,
      Path directory,
      UnaryOperator<CollectorConfig> adjust,
      Clock clock)
      throws Exception {
    Collector collector =
        Collector.start(config(database, directory, adjust), sharedUserAgents(), clock);
    return new TestCollector(
        database, false, collector, adminKey != null ? adminKey : collector.bootstrapKey().get());
  }

  private static CollectorConfig config(
      TestDatabase database, Path directory, UnaryOperator<CollectorConfig> adjust)
      throws java.io.IOException {
    java.nio.file.Files.createDirectories(directory);
    return adjust.apply(
        CollectorConfig.defaults(directory.resolve("data"))
            .withDatabase(database.url(), database.user(), database.password())
            .withGeoip(TestGeoDatabase.write(directory.resolve("GeoLite2-City-test.mmdb")))
            .withTrustedProxies(List.of("127.0.0.1/32", "::1/128")));
  }

  /** One User-Agent parser for the whole test JVM: building one takes seconds. */
  public static synchronized UserAgentEnricher sharedUserAgents() {
    if (userAgents == null) {
      userAgents = new UserAgentEnricher(10_000);
    }
    return userAgents;
  }

  public String baseUrl() {
    return collector.baseUrl().toString();
  }

  public String adminKey() {
    return adminKey;
  }

  public LinkscopeClient client() {
    return new LinkscopeClient(baseUrl(), adminKey);
  }

  public LinkscopeClient client(String key) {
    return new LinkscopeClient(baseUrl(), key);
  }

  /** Creates another workspace and returns an admin key of it. */
  public String createWorkspaceKey(String slug) throws java.sql.SQLException {
    var dataSource = collector.database().dataSource();
    var workspace =
        new io.linkscope.collector.workspace.Workspaces(dataSource, Clock.systemUTC())
            .create(slug, slug);
    return new io.linkscope.collector.auth.ApiKeys(dataSource, Clock.systemUTC())
        .create(workspace.id(), "test", io.linkscope.collector.auth.Role.ADMIN)
        .secret();
  }

  public Collector collector() {
    return collector;
  }

  public TestDatabase database() {
    return database;
  }

  /** Sends a request without following redirects; the caller closes the response. */
  public Response send(Request request) throws java.io.IOException {
    return http.newCall(request).execute();
  }

  public Request.Builder request(String path) {
    return new Request.Builder().url(baseUrl() + path);
  }

  /**
   * Waits until the pipeline has stored everything journaled so far, and added it to the rollups.
   */
  public void awaitBacklogDrained(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    ClickPipeline pipeline = collector.pipeline();
    while (pipeline.backlogRecords() > 0 || pipeline.rollupBacklogRecords() > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "backlog not drained: %d records to store, %d to add to the rollups"
                .formatted(pipeline.backlogRecords(), pipeline.rollupBacklogRecords()));
      }
      Thread.sleep(20);
    }
  }

  @Override
  public void close() {
    collector.close();
    if (ownsDatabase) {
      database.close();
    }
  }
}
