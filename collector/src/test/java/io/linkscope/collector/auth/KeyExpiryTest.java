package io.linkscope.collector.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.workspace.ApiKeyCreated;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key expiry and last use through the real collector, client and MariaDB, on a clock the test
 * moves: an expired key is a 401 that says so, and last use is written once a minute per key.
 */
class KeyExpiryTest {
  private static final Instant START = Instant.parse("2031-05-04T10:00:00Z");

  @TempDir static Path directory;
  static SettableClock clock;
  static TestCollector collector;
  static LinkscopeClient admin;

  @BeforeAll
  static void start() throws Exception {
    clock = new SettableClock(START);
    collector = TestCollector.start(directory, UnaryOperator.identity(), clock);
    admin = collector.client();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void anExpiredKeyGetsA401ThatSaysItExpired() {
    clock.set(START);
    Instant expiry = START.plus(Duration.ofHours(1));
    ApiKeyCreated created = admin.createKey(new ApiKeyInput("contractor", "viewer", expiry));
    assertThat(created.apiKey().expiresAt()).isEqualTo(expiry);
    LinkscopeClient contractor = collector.client(created.key());
    assertThat(contractor.workspace().slug()).isEqualTo("default");

    clock.set(expiry);
    assertThatThrownBy(contractor::workspace)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.error().error()).isEqualTo("key_expired");
              assertThat(e.error().message()).contains("expired at " + expiry);
            });
    ApiKeyView listed =
        admin.keys().stream().filter(k -> k.id() == created.apiKey().id()).findFirst().get();
    assertThat(listed.expiresAt()).isEqualTo(expiry);
    assertThat(listed.lastUsedAt()).isEqualTo(START);
  }

  @Test
  void anExpiryInThePastIsRefused() {
    clock.set(START);
    assertThatThrownBy(
            () -> admin.createKey(new ApiKeyInput("late", "viewer", START.minusSeconds(1))))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.error().message()).contains("expiresAt");
            });
  }

  @Test
  void lastUseIsWrittenAtMostOnceAMinutePerKey() throws Exception {
    Instant base = START.plus(Duration.ofDays(1));
    clock.set(base);
    ApiKeyCreated created = admin.createKey(new ApiKeyInput("busy", "viewer"));
    LinkscopeClient busy = collector.client(created.key());
    assertThat(storedLastUse(created.apiKey().id())).isNull();

    busy.workspace();
    assertThat(storedLastUse(created.apiKey().id())).isEqualTo(base);
    clock.set(base.plusSeconds(30));
    for (int i = 0; i < 20; i++) {
      busy.workspace();
    }
    // Twenty requests within the minute wrote nothing more.
    assertThat(storedLastUse(created.apiKey().id())).isEqualTo(base);

    clock.set(base.plusSeconds(61));
    busy.workspace();
    assertThat(storedLastUse(created.apiKey().id())).isEqualTo(base.plusSeconds(61));
    assertThat(
            admin.keys().stream()
                .filter(k -> k.id() == created.apiKey().id())
                .findFirst()
                .get()
                .lastUsedAt())
        .isEqualTo(base.plusSeconds(61));
  }

  private static Instant storedLastUse(long keyId) throws Exception {
    try (Connection c = collector.collector().database().dataSource().getConnection();
        PreparedStatement statement =
            c.prepareStatement("SELECT last_used_at FROM api_key WHERE id = ?")) {
      statement.setLong(1, keyId);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        java.sql.Timestamp value = row.getTimestamp(1);
        return value == null ? null : value.toInstant();
      }
    }
  }
}
