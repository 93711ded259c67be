package io.linkscope.desktop.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Notice;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys tab's logic against the real collector: expiry and last use as the collector records
 * them, shown relative and in the window's zone; a key that really expired; creating a key with a
 * last day, refusals at their fields; revoking; a viewer's key and an unreachable collector.
 */
class KeysViewModelTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

  @TempDir static Path home;
  private static TestCollector collector;
  private static LinkscopeClient admin;
  private static int sessions;
  private final List<Notice> notices = new ArrayList<>();
  private Session session;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(home.resolve("collector"));
    admin = collector.client();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @AfterEach
  void close() {
    if (session != null) {
      session.close();
    }
  }

  private KeysViewModel keys(String url, String key) throws Exception {
    session = Sessions.open(home.resolve("session-" + ++sessions), url, key);
    KeysViewModel model = new KeysViewModel(session, ZONE, notices::add);
    model.reload();
    return model;
  }

  private static ApiKeyView listed(KeysViewModel model, String name) {
    return model.keys().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
  }

  private List<Notice> errors() {
    return notices.stream().filter(n -> n.level() == Notice.Level.ERROR).toList();
  }

  @Test
  void showsExpiryAndLastUseRelativeAndInTheWindowsZoneAndMarksAnExpiredKey() throws Exception {
    Instant contractorEnds = Instant.now().plus(Duration.ofDays(30)).plus(Duration.ofHours(2));
    admin.createKey(new ApiKeyInput("contractor", "editor", contractorEnds));
    String laptop = admin.createKey(new ApiKeyInput("laptop", "viewer")).key();
    collector.client(laptop).workspace();
    String shortLived =
        admin
            .createKey(
                new ApiKeyInput("trial", "viewer", Instant.now().plus(Duration.ofSeconds(2))))
            .key();
    collector.client(shortLived).workspace();
    Thread.sleep(2_500);

    KeysViewModel model = keys(collector.baseUrl(), collector.adminKey());

    assertThat(model.statusProperty().get()).isEmpty();
    ApiKeyView contractor = listed(model, "contractor");
    assertThat(model.state(contractor)).isEqualTo("Active");
    assertThat(model.expiry(contractor))
        .isEqualTo("Expires in 30 days (" + Formats.dateTime(contractor.expiresAt(), ZONE) + ")");
    assertThat(model.lastUse(contractor)).isEqualTo("Never used");
    ApiKeyView used = listed(model, "laptop");
    assertThat(used.lastUsedAt()).isNotNull();
    assertThat(model.expiry(used)).isEqualTo("Never expires");
    assertThat(model.lastUse(used))
        .matches("Used (just now|1 minute ago) \\(.+\\)")
        .endsWith("(" + Formats.dateTime(used.lastUsedAt(), ZONE) + ")");
    ApiKeyView trial = listed(model, "trial");
    assertThat(model.expired(trial)).isTrue();
    assertThat(model.state(trial)).isEqualTo("Expired");
    assertThat(model.expiry(trial)).startsWith("Expired just now (");
    // The collector agrees: the key no longer works.
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.linkscope.api.ApiException.class,
                    () -> collector.client(shortLived).workspace())
                .status())
        .isEqualTo(401);
    // Working keys first: the expired one comes after every active one.
    int trialAt = model.keys().indexOf(trial);
    assertThat(model.keys().subList(0, trialAt)).allMatch(k -> model.state(k).equals("Active"));
  }

  @Test
  void createsAKeyThatEndsAfterItsLastDayInTheWindowsZoneAndShowsItsSecretOnce() throws Exception {
    KeysViewModel model = keys(collector.baseUrl(), collector.adminKey());
    LocalDate lastDay = Instant.now().atZone(ZONE).toLocalDate().plusDays(7);
    model.nameProperty().set("  Agency intern  ");
    model.roleProperty().set("editor");
    model.expiryProperty().set(lastDay);

    model.create();

    assertThat(errors()).isEmpty();
    KeysViewModel.NewKey created = model.createdProperty().get();
    assertThat(created).isNotNull();
    assertThat(created.name()).isEqualTo("Agency intern");
    assertThat(created.secret()).startsWith("lsk_");
    ApiKeyView stored =
        admin.keys().stream().filter(k -> k.name().equals("Agency intern")).findFirst().get();
    assertThat(stored.role()).isEqualTo("editor");
    assertThat(stored.expiresAt()).isEqualTo(lastDay.plusDays(1).atStartOfDay(ZONE).toInstant());
    assertThat(model.keys()).contains(stored);
    assertThat(model.expiry(stored)).startsWith("Expires in 7 days (");
    assertThat(collector.client(created.secret()).workspace().slug()).isEqualTo("default");
    // The form is cleared for the next key; the secret goes once seen.
    assertThat(model.nameProperty().get()).isEmpty();
    assertThat(model.expiryProperty().get()).isNull();
    model.createdSeen();
    assertThat(model.createdProperty().get()).isNull();
  }

  @Test
  void refusesAnEmptyNameAndAPastLastDayAtTheirFields() throws Exception {
    KeysViewModel model = keys(collector.baseUrl(), collector.adminKey());
    int before = admin.keys().size();
    model.nameProperty().set("   ");
    model.expiryProperty().set(Instant.now().atZone(ZONE).toLocalDate().minusDays(1));

    model.create();

    assertThat(model.nameErrorProperty().get())
        .isEqualTo("Give the key a name that says who or what uses it.");
    assertThat(model.expiryErrorProperty().get()).isEqualTo("The last day must be today or later.");
    assertThat(admin.keys()).hasSize(before);
    model.nameProperty().set("x".repeat(101));
    assertThat(model.nameErrorProperty().get()).isEmpty();
    model.notADate("2026-13-01");
    assertThat(model.expiryErrorProperty().get()).contains("2026-13-01");
  }

  @Test
  void revokesAKeySoThatTheCollectorRefusesIt() throws Exception {
    String desk = admin.createKey(new ApiKeyInput("old desk", "viewer")).key();
    KeysViewModel model = keys(collector.baseUrl(), collector.adminKey());

    model.revoke(listed(model, "old desk"));

    assertThat(errors()).isEmpty();
    assertThat(notices).contains(Notice.info("Revoked the key old desk."));
    assertThat(model.state(listed(model, "old desk"))).isEqualTo("Revoked");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.linkscope.api.ApiException.class, () -> collector.client(desk).workspace())
                .status())
        .isEqualTo(401);
  }

  @Test
  void aViewersKeyIsToldThatKeysAreAnAdminsAndChangesStayOff() throws Exception {
    String viewer = admin.createKey(new ApiKeyInput("reader", "viewer")).key();
    KeysViewModel model = keys(collector.baseUrl(), viewer);

    assertThat(model.loadedProperty().get()).isFalse();
    assertThat(model.statusProperty().get()).startsWith("Only an admin key can see and change");
    assertThat(model.changesDisabled().get()).isTrue();
    assertThat(model.keys()).isEmpty();
  }

  @Test
  void anUnreachableCollectorIsSaidAndNothingIsSent() throws Exception {
    KeysViewModel model = keys(io.linkscope.desktop.testsupport.Sessions.UNREACHABLE, "lsk_unused");

    assertThat(model.statusProperty().get())
        .startsWith("Offline: the collector cannot be reached, so the keys cannot be shown");
    assertThat(model.changesDisabled().get()).isTrue();
    assertThat(model.readOnlyReasonProperty().get()).startsWith("You are offline");
    model.nameProperty().set("laptop");
    model.create();
    assertThat(errors())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).startsWith("You are offline"));
  }
}
