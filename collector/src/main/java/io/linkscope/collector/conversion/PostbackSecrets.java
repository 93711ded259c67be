package io.linkscope.collector.conversion;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.linkscope.collector.db.ChangeLog;
import io.linkscope.collector.db.Sql;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

/**
 * The per-workspace keys that sign postbacks: HMAC-SHA256 over the postback's fields (see {@link
 * #message}), sent as {@code sig} in lower-case hex. Kept in memory for a minute, so a burst of
 * postbacks reads MariaDB once.
 */
final class PostbackSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DataSource dataSource;
  private final Clock clock;
  private final Cache<Long, Optional<String>> cache =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofMinutes(1)).build();

  PostbackSecrets(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /**
   * The workspace's secret, created now if it has none. A new secret is announced on the change
   * feed: another collector may remember that the workspace had none.
   */
  String secret(long workspaceId) throws SQLException {
    Sql.inTransaction(
        dataSource,
        c -> {
          if (Sql.of(
                      "INSERT IGNORE INTO postback_secret (workspace_id, secret, created_at)"
                          + " VALUES (?, ?, ?)",
                      workspaceId,
                      newSecret(),
                      clock.instant())
                  .update(c)
              == 1) {
            ChangeLog.append(c, ChangeLog.Kind.POSTBACK, workspaceId, workspaceId);
          }
        });
    cache.invalidate(workspaceId);
    return find(workspaceId).orElseThrow();
  }

  /**
   * Replaces the workspace's secret: postbacks signed with the old one are refused from now, by
   * every collector on the database once it has read the change feed.
   */
  String rotate(long workspaceId) throws SQLException {
    String secret = newSecret();
    Sql.inTransaction(
        dataSource,
        c -> {
          Sql.of(
                  """
                  INSERT INTO postback_secret (workspace_id, secret, created_at) VALUES (?, ?, ?)
                  ON DUPLICATE KEY UPDATE secret = VALUES(secret), created_at = VALUES(created_at)
                  """,
                  workspaceId,
                  secret,
                  clock.instant())
              .update(c);
          ChangeLog.append(c, ChangeLog.Kind.POSTBACK, workspaceId, workspaceId);
        });
    cache.invalidate(workspaceId);
    return secret;
  }

  /** Forgets the remembered secrets of these workspaces (changed through another collector). */
  void forget(Collection<Long> workspaceIds) {
    cache.invalidateAll(workspaceIds);
  }

  void forgetAll() {
    cache.invalidateAll();
  }

  /** Whether {@code signature} (hex) is the workspace's HMAC of {@code message}. */
  boolean verify(long workspaceId, String message, String signature) throws SQLException {
    Optional<String> secret = cache.getIfPresent(workspaceId);
    if (secret == null) {
      secret = find(workspaceId);
      cache.put(workspaceId, secret);
    }
    if (secret.isEmpty()) {
      return false;
    }
    byte[] expected = sign(secret.get(), message).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, given);
  }

  /**
   * What a postback signs: the workspace id, click id, event id, event, value and currency, each as
   * sent (empty when absent), joined by line feeds.
   */
  static String message(
      long workspaceId,
      String clickId,
      String eventId,
      String event,
      String value,
      String currency) {
    return String.join("\n", Long.toString(workspaceId), clickId, eventId, event, value, currency);
  }

  /** HMAC-SHA256 of {@code message} under the hex {@code secret}, as lower-case hex. */
  static String sign(String secret, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  private Optional<String> find(long workspaceId) throws SQLException {
    return Sql.of("SELECT secret FROM postback_secret WHERE workspace_id = ?", workspaceId)
        .one(dataSource, row -> row.getString(1));
  }

  private static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
