package io.linkscope.collector.testsupport;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.collector.app.CollectorMain;
import io.linkscope.collector.auth.ApiKeys;
import io.linkscope.collector.auth.Role;
import io.linkscope.collector.db.Database;
import io.linkscope.collector.workspace.Workspaces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The collector as a separate process ({@code CollectorMain serve}), so that tests can kill it with
 * SIGKILL or stop it with SIGTERM and start it again on the same data directory and database. Its
 * log goes to {@code collector.log} in the test directory.
 */
public final class ChildCollector implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final Path log;
  private final String adminKey;
  private final int port;
  private final boolean embedded;
  private final OkHttpClient http = LinkscopeClient.defaultHttp();

  private ChildCollector(Process process, Path log, String adminKey, int port, boolean embedded) {
    this.process = process;
    this.log = log;
    this.adminKey = adminKey;
    this.port = port;
    this.embedded = embedded;
  }

  /**
   * Migrates {@code database} and creates the workspace "default" with an admin key, which is
   * returned: a child started on it then has no key of its own to print.
   */
  public static String prepare(TestDatabase database) throws SQLException {
    try (Database db = Database.open(database.url(), database.user(), database.password(), 2)) {
      long workspace =
          new Workspaces(db.dataSource(), Clock.systemUTC())
              .create("default", "Default workspace")
              .id();
      return new ApiKeys(db.dataSource(), Clock.systemUTC())
          .create(workspace, "test admin", Role.ADMIN)
          .secret();
    }
  }

  /**
   * Starts {@code serve} on a free port with its data in {@code directory/data}, the test GeoIP
   * database and 127.0.0.1 as trusted proxy, and waits until it answers.
   */
  public static ChildCollector start(
      Path directory, String dbUrl, String adminKey, String... extraArguments)
      throws IOException, InterruptedException {
    List<String> database = List.of("--db-url", dbUrl);
    return launch(directory, database, TestDatabase.environment(), adminKey, false, extraArguments);
  }

  /**
   * Starts {@code serve} like {@link #start} but with the embedded MariaDB in its data directory.
   * The first start in {@code directory} writes the admin key it creates to a connection file,
   * which later starts read again.
   */
  public static ChildCollector startEmbedded(Path directory, String... extraArguments)
      throws IOException, InterruptedException {
    Path connection = directory.resolve("connection");
    List<String> database = List.of("--connection-file", connection.toString());
    ChildCollector started = launch(directory, database, Map.of(), null, true, extraArguments);
    String key =
        Files.readAllLines(connection).stream()
            .filter(line -> line.startsWith("key="))
            .map(line -> line.substring("key=".length()))
            .findFirst()
            .orElseThrow();
    return new ChildCollector(started.process, started.log, key, started.port, true);
  }

  private static ChildCollector launch(
      Path directory,
      List<String> database,
      Map<String, String> environment,
      String adminKey,
      boolean embedded,
      String... extraArguments)
      throws IOException, InterruptedException {
    Files.createDirectories(directory);
    Path geo = directory.resolve("GeoLite2-City-test.mmdb");
    if (!Files.exists(geo)) {
      TestGeoDatabase.write(geo);
    }
    Path portFile = directory.resolve("port");
    Files.deleteIfExists(portFile);
    Path log = directory.resolve("collector.log");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.addAll(List.of("-Xmx768m", "-cp", System.getProperty("java.class.path")));
    command.addAll(List.of(CollectorMain.class.getName(), "serve", "--host", "127.0.0.1"));
    command.addAll(List.of("--port", "0", "--port-file", portFile.toString()));
    command.addAll(List.of("--data-dir", directory.resolve("data").toString()));
    command.addAll(database);
    command.addAll(List.of("--geoip-database", geo.toString()));
    command.addAll(List.of("--trusted-proxies", "127.0.0.1/32"));
    command.addAll(List.of(extraArguments));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    Process process = builder.start();
    // A test that fails before it stops its collector must not leave the process running after
    // the test JVM (found running, still draining towards a proxy long gone, after such a failure).
    Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroyForcibly()));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!Files.exists(portFile)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new IllegalStateException("the collector did not start:\n" + Files.readString(log));
      }
      Thread.sleep(50);
    }
    int port = Integer.parseInt(Files.readString(portFile).strip());
    return new ChildCollector(process, log, adminKey, port, embedded);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  public LinkscopeClient client() {
    return new LinkscopeClient(baseUrl(), adminKey);
  }

  public Process process() {
    return process;
  }

  /** Everything the child has logged so far, over all its starts in this directory. */
  public String log() throws IOException {
    return Files.readString(log);
  }

  /** SIGKILL, through the handle so that nothing of ours is closed first; waits for the exit. */
  public int kill() throws InterruptedException {
    process.toHandle().destroyForcibly();
    return process.waitFor();
  }

  /** SIGTERM; returns how long the process took to exit (it is killed after {@code limit}). */
  public Duration terminate(Duration limit) throws InterruptedException {
    long started = System.nanoTime();
    process.toHandle().destroy();
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new AssertionError("the collector did not exit within " + limit + " of SIGTERM");
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  /** One value from {@code /metrics}. */
  public double metric(String name) throws IOException {
    for (String line : get("/metrics").split("\n")) {
      if (line.startsWith(name + " ")) {
        return Double.parseDouble(line.substring(name.length() + 1));
      }
    }
    throw new IllegalArgumentException("no metric " + name);
  }

  /** {@code /health} as JSON. */
  public JsonObject health() throws IOException {
    return JsonParser.parseString(get("/health")).getAsJsonObject();
  }

  /** Waits until the journal backlog has reached MariaDB, rollups included. */
  public void awaitBacklogDrained(Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (metric("linkscope_backlog_records") > 0
        || metric("linkscope_rollup_backlog_records") > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "backlog not drained: %.0f records to store, %.0f to add to the rollups"
                .formatted(
                    metric("linkscope_backlog_records"),
                    metric("linkscope_rollup_backlog_records")));
      }
      Thread.sleep(50);
    }
  }

  private String get(String path) throws IOException {
    try (Response response =
        http.newCall(new Request.Builder().url(baseUrl() + path).build()).execute()) {
      return response.body().string();
    }
  }

  /**
   * Kills a child that is still running; one with the embedded MariaDB gets SIGTERM first, so that
   * it stops its server rather than leave it running without an owner.
   */
  @Override
  public void close() throws InterruptedException {
    if (embedded && process.isAlive()) {
      process.toHandle().destroy();
      process.waitFor(60, TimeUnit.SECONDS);
    }
    if (process.isAlive()) {
      kill();
    }
  }
}
