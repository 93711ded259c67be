package io.linkscope.collector.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.collector.db.DatabaseUnavailableException;
import io.linkscope.collector.db.Sql;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Creates, checks and revokes API keys. A key is {@code lsk_} + 32 random base62 characters; only
 * its SHA-256 is stored (a key has far more entropy than a password, so a slow hash adds nothing).
 */
public final class ApiKeys {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DataSource dataSource;
  private final Clock clock;
  // Saves a database round trip per API call; revocation in this process invalidates at once.
  private final Cache<String, Optional<Principal>> cache =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

  /** Keys in {@code dataSource}, their creation and revocation timed by {@code clock}. */
  public ApiKeys(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** A newly created key: its listing and the secret, which is never shown again. */
  public record Created(ApiKeyView view, String secret) {}

  public Created create(long workspaceId, String name, Role role) throws SQLException {
    String secret = "lsk_" + randomBase62(32);
    String prefix = secret.substring(0, 10);
    Instant now = clock.instant();
    long id =
        Sql.of(
                """
                INSERT INTO api_key (workspace_id, name, prefix, key_hash, role, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                workspaceId,
                name,
                prefix,
                sha256(secret),
                role.wireName(),
                now)
            .insert(dataSource);
    return new Created(new ApiKeyView(id, name, prefix, role.wireName(), now, null), secret);
  }

  /** The principal a presented secret stands for, if it is a live key. */
  public Optional<Principal> authenticate(String secret) {
    if (secret == null || !secret.startsWith("lsk_") || secret.length() > 100) {
      return Optional.empty();
    }
    return cache.get(secret, this::lookUp);
  }

  private Optional<Principal> lookUp(String secret) {
    try {
      return Sql.of(
              """
              SELECT id, workspace_id, role FROM api_key
              WHERE key_hash = ? AND revoked_at IS NULL
              """,
              sha256(secret))
          .one(
              dataSource,
              row -> {
                long workspaceId = row.getLong("workspace_id");
                long keyId = row.getLong("id");
                return Role.parse(row.getString("role"))
                    .map(role -> new Principal(workspaceId, keyId, role));
              })
          .flatMap(principal -> principal);
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  public List<ApiKeyView> list(long workspaceId) throws SQLException {
    return Sql.of(
            """
            SELECT id, name, prefix, role, created_at, revoked_at FROM api_key
            WHERE workspace_id = ? ORDER BY id
            """,
            workspaceId)
        .list(
            dataSource,
            row ->
                new ApiKeyView(
                    row.getLong("id"),
                    row.getString("name"),
                    row.getString("prefix"),
                    row.getString("role"),
                    Sql.instant(row, "created_at"),
                    Sql.nullableInstant(row, "revoked_at")));
  }

  /** Revokes a key of the workspace; false when the workspace has no such live key. */
  public boolean revoke(long workspaceId, long keyId) throws SQLException {
    boolean revoked =
        Sql.of(
                    """
                    UPDATE api_key SET revoked_at = ?
                    WHERE id = ? AND workspace_id = ? AND revoked_at IS NULL
                    """,
                    clock.instant(),
                    keyId,
                    workspaceId)
                .update(dataSource)
            == 1;
    cache.invalidateAll();
    return revoked;
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  static String randomBase62(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
