package io.linkscope.desktop.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.collector.app.CollectorConfig;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestDatabase;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.connection.Reach;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.ui.Background;
import io.linkscope.desktop.ui.Notice;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The window's state without a screen, against real collectors: online, offline and key-rejected
 * sessions, a new key, rename, remove, duplicates told apart, the last workspace reopened.
 */
class MainViewModelTest {
  @TempDir Path home;
  private final List<Notice> notices = new ArrayList<>();

  private MainViewModel model() {
    return new MainViewModel(
        new ConnectionStore(home.resolve("app")),
        Background.inline(),
        Clock.systemUTC(),
        notices::add);
  }

  private static void connect(MainViewModel model, String url, String key, String label) {
    List<String> errors = new ArrayList<>();
    model.connect(url, key, label, () -> {}, errors::add);
    assertThat(errors).isEmpty();
  }

  private static Session session(MainViewModel model) {
    return Objects.requireNonNull(model.sessionProperty().get());
  }

  @Test
  void aStoppedCollectorTurnsTheSessionOfflineAtTheFirstFailedCallAndAnsweringCallsBringItBack()
      throws Exception {
    try (TestDatabase database = TestDatabase.create()) {
      Path collectorHome = home.resolve("collector");
      TestCollector first =
          TestCollector.startOn(database, null, collectorHome, c -> c, Clock.systemUTC());
      String key = first.adminKey();
      String url = first.baseUrl();
      MainViewModel model = model();
      connect(model, url, key, "");
      Session session = session(model);
      assertThat(session.reachProperty().get()).isEqualTo(Reach.ONLINE);
      assertThat(session.statusProperty().get()).startsWith("Online · synced");
      assertThat(session.writableProperty().get()).isTrue();
      assertThat(session.writeBlockedReasonProperty().get()).isEmpty();

      first.close();
      List<String> errors = new ArrayList<>();
      List<LinkView> created = new ArrayList<>();
      session.change(
          "Create link",
          () -> session.client().createLink(LinkInput.to("https://shop.example.com/a")),
          created::add,
          errors::add);

      assertThat(session.reachProperty().get()).isEqualTo(Reach.OFFLINE);
      assertThat(session.statusProperty().get()).startsWith("Offline — data as of ");
      assertThat(session.writableProperty().get()).isFalse();
      assertThat(session.writeBlockedReasonProperty().get())
          .startsWith("You are offline: " + URI.create(url).getAuthority() + " cannot be reached");
      assertThat(errors).singleElement().asString().startsWith("You are offline");
      assertThat(created).isEmpty();

      int port = URI.create(url).getPort();
      try (TestCollector again =
          TestCollector.startOn(
              database,
              key,
              collectorHome,
              c ->
                  c.withServer(
                      new CollectorConfig.Server(
                          c.server().host(),
                          port,
                          c.server().baseUrl(),
                          c.server().notFoundRedirect(),
                          c.server().requestBodyTimeout())),
              Clock.systemUTC())) {
        assertThat(again.baseUrl()).isEqualTo(url);
        // Any call through the session's client that gets an answer: here a screen's read.
        session.client().workspace();
        assertThat(session.reachProperty().get()).isEqualTo(Reach.ONLINE);
        assertThat(session.writableProperty().get()).isTrue();
        session.change(
            "Create link",
            () -> session.client().createLink(LinkInput.to("https://shop.example.com/b")),
            created::add,
            errors::add);
        assertThat(created).extracting(LinkView::targetUrl).contains("https://shop.example.com/b");
      }
      model.close();
    }
    assertThat(notices).isEmpty();
  }

  @Test
  void aRevokedKeyIsShownAsRejectedAndANewKeyOfTheSameWorkspaceKeepsLabelAndLocalCopy()
      throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      LinkscopeClient admin = collector.client();
      LinkView spring =
          admin.createLink(LinkInput.to("https://shop.example.com/spring").withSlug("spring"));
      String deskKey = admin.createKey(new ApiKeyInput("desk", "admin")).key();
      MainViewModel model = model();
      connect(model, collector.baseUrl(), deskKey, "Acme main");
      Connection connected = Objects.requireNonNull(model.selectedProperty().get());
      // The local copy holds the link (as after a save from the link editor).
      session(model).store().upsertLinks(List.of(spring), List.of());

      long deskId =
          admin.keys().stream()
              .filter(k -> k.name().equals("desk"))
              .mapToLong(ApiKeyView::id)
              .findFirst()
              .orElseThrow();
      admin.revokeKey(deskId);
      session(model).sync();

      Session rejected = session(model);
      assertThat(rejected.reachProperty().get()).isEqualTo(Reach.KEY_REJECTED);
      assertThat(rejected.statusProperty().get()).startsWith("Key rejected — data as of ");
      assertThat(rejected.writableProperty().get()).isFalse();
      assertThat(rejected.writeBlockedReasonProperty().get())
          .contains("no longer accepts this workspace's API key");
      List<String> refused = new ArrayList<>();
      rejected.change("Create", () -> "sent", sent -> refused.add(sent), refused::add);
      assertThat(refused).singleElement().asString().contains("enter a new key");

      List<String> errors = new ArrayList<>();
      model.rekey(connected, "lsk_not_a_key", () -> errors.add("done"), errors::add);
      assertThat(errors).singleElement().asString().startsWith("The collector did not accept");
      errors.clear();
      String otherWorkspace = collector.createWorkspaceKey("other-client");
      model.rekey(connected, otherWorkspace, () -> errors.add("done"), errors::add);
      assertThat(errors).singleElement().asString().contains("belongs to the workspace");
      errors.clear();
      model.rekey(connected, "  ", () -> errors.add("done"), errors::add);
      assertThat(errors).singleElement().asString().startsWith("Enter the new API key");
      errors.clear();

      String newKey = admin.createKey(new ApiKeyInput("desk 2", "admin")).key();
      model.rekey(connected, newKey, () -> errors.add("done"), errors::add);

      assertThat(errors).containsExactly("done");
      Connection rekeyed = Objects.requireNonNull(model.selectedProperty().get());
      assertThat(rekeyed.id()).isEqualTo(connected.id());
      assertThat(rekeyed.apiKey()).isEqualTo(newKey);
      assertThat(rekeyed.label()).isEqualTo("Acme main");
      assertThat(model.connections()).containsExactly(rekeyed);
      Session reopened = session(model);
      assertThat(reopened).isNotSameAs(rejected);
      assertThat(reopened.reachProperty().get()).isEqualTo(Reach.ONLINE);
      assertThat(reopened.store().file()).isEqualTo(rejected.store().file());
      assertThat(reopened.store().links()).extracting(LinkView::slug).contains("spring");
      assertThat(new ConnectionStore(home.resolve("app")).load()).containsExactly(rekeyed);
      model.close();
    }
    assertThat(notices).isEmpty();
  }

  @Test
  void duplicatesAreToldApartRenamedRemovedAndTheLastWorkspaceUsedOpensAtStart() throws Exception {
    try (TestCollector collector = TestCollector.start(home.resolve("collector"))) {
      String second = collector.client().createKey(new ApiKeyInput("laptop", "admin")).key();
      String other = collector.createWorkspaceKey("bakery");
      MainViewModel model = model();
      connect(model, collector.baseUrl(), collector.adminKey(), "");
      connect(model, collector.baseUrl(), second, "");
      connect(model, collector.baseUrl(), other, "");
      String host = URI.create(collector.baseUrl()).getAuthority();
      List<Connection> saved = List.copyOf(model.connections());

      assertThat(saved)
          .extracting(model::displayName)
          .containsExactly(
              "Default workspace — " + host + " (1)",
              "Default workspace — " + host + " (2)",
              "bakery — " + host);

      model.rename(saved.get(1), "  Acme staging ");
      assertThat(model.connections())
          .extracting(model::displayName)
          .containsExactly(
              "Default workspace — " + host,
              "Acme staging — Default workspace · " + host,
              "bakery — " + host);
      Connection staging = model.connections().get(1);
      // Renaming the open connection keeps its session.
      Session open = session(model);
      model.selectedProperty().set(staging);
      Session stagingSession = session(model);
      model.rename(staging, "Acme staging (laptop)");
      assertThat(session(model)).isSameAs(stagingSession);
      assertThat(open).isNotSameAs(stagingSession);
      model.close();

      MainViewModel restarted = model();
      restarted.start();
      assertThat(Objects.requireNonNull(restarted.selectedProperty().get()).id())
          .isEqualTo(staging.id());
      assertThat(restarted.connections())
          .extracting(Connection::label)
          .containsExactly(null, "Acme staging (laptop)", null);

      Path stagingStore = new ConnectionStore(home.resolve("app")).storeFile(staging);
      assertThat(stagingStore).exists();
      restarted.remove(restarted.connections().get(1));
      assertThat(stagingStore).doesNotExist();
      assertThat(Files.exists(stagingStore.resolveSibling(stagingStore.getFileName() + "-wal")))
          .isFalse();
      assertThat(restarted.connections()).hasSize(2);
      assertThat(new ConnectionStore(home.resolve("app")).load())
          .extracting(Connection::id)
          .doesNotContain(staging.id());
      // The open workspace was removed: the first one left opens instead.
      assertThat(Objects.requireNonNull(restarted.selectedProperty().get()).id())
          .isEqualTo(saved.getFirst().id());
      assertThat(session(restarted).connection().id()).isEqualTo(saved.getFirst().id());
      restarted.close();
    }
    assertThat(notices).isEmpty();
  }

  @Test
  void aLocalCopyThatCannotBeOpenedIsReportedAsAnErrorInWords() throws Exception {
    ConnectionStore connections = new ConnectionStore(home.resolve("app"));
    Connection broken = new Connection("broken", "http://127.0.0.1:9", "lsk_x", "Acme Coffee");
    connections.save(List.of(broken));
    // A directory where the store file should be: SQLite cannot open it.
    Files.createDirectories(connections.storeFile(broken));
    MainViewModel model = model();
    model.start();

    assertThat(model.sessionProperty().get()).isNull();
    assertThat(notices)
        .singleElement()
        .satisfies(
            notice -> {
              assertThat(notice.level()).isEqualTo(Notice.Level.ERROR);
              assertThat(notice.title()).isEqualTo("Cannot open Acme Coffee — 127.0.0.1:9");
              assertThat(notice.message())
                  .contains(connections.storeFile(broken).toString())
                  .contains("Free disk space");
            });
  }
}
