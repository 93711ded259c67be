package io.linkscope.collector.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.collector.db.DatabaseUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
  // Saves a database round trip per API call; revocation in this process invalidates at once.
  private final Cache<String, Optional<Principal>> cache =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

  public ApiKeys(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A newly created key: its listing and the secret, which is never shown again. */
  public record Created(ApiKeyView view, String secret) {}

  public Created create(long workspaceId, String name, Role role) throws SQLException {
    String secret = "lsk_" + randomBase62(32);
    String prefix = secret.substring(0, 10);
    Instant now = Instant.now();
    try (Connection c = dataSource.getConnection();
        PreparedStatement insert =
            c.prepareStatement(
                """
                INSERT INTO api_key (workspace_id, name, prefix, key_hash, role, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
                Statement.RETURN_GENERATED_KEYS)) {
      insert.setLong(1, workspaceId);
      insert.setString(2, name);
      insert.setString(3, prefix);
      insert.setBytes(4, sha256(secret));
      insert.setString(5, role.wireName());
      insert.setTimestamp(6, Timestamp.from(now));
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return new Created(
            new ApiKeyView(keys.getLong(1), name, prefix, role.wireName(), now, null), secret);
      }
    }
  }

  /** The principal a presented secret stands for, if it is a live key. */
  public Optional<Principal> authenticate(String secret) {
    if (secret == null || !secret.startsWith("lsk_") || secret.length() > 100) {
      return Optional.empty();
    }
    return cache.get(secret, this::lookUp);
  }

  private Optional<Principal> lookUp(String secret) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                """
                SELECT id, workspace_id, role FROM api_key
                WHERE key_hash = ? AND revoked_at IS NULL
                """)) {
      select.setBytes(1, sha256(secret));
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Role.parse(row.getString("role")).map(role -> principal(row, role));
      }
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  private static Principal principal(ResultSet row, Role role) {
    try {
      return new Principal(row.getLong("workspace_id"), row.getLong("id"), role);
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  public List<ApiKeyView> list(long workspaceId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement select =
            c.prepareStatement(
                """
                SELECT id, name, prefix, role, created_at, revoked_at FROM api_key
                WHERE workspace_id = ? ORDER BY id
                """)) {
      select.setLong(1, workspaceId);
      List<ApiKeyView> keys = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          Timestamp revoked = row.getTimestamp("revoked_at");
          keys.add(
              new ApiKeyView(
                  row.getLong("id"),
                  row.getString("name"),
                  row.getString("prefix"),
                  row.getString("role"),
                  row.getTimestamp("created_at").toInstant(),
                  revoked == null ? null : revoked.toInstant()));
        }
      }
      return keys;
    }
  }

  /** Revokes a key of the workspace; false when the workspace has no such live key. */
  public boolean revoke(long workspaceId, long keyId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement update =
            c.prepareStatement(
                """
                UPDATE api_key SET revoked_at = ?
                WHERE id = ? AND workspace_id = ? AND revoked_at IS NULL
                """)) {
      update.setTimestamp(1, Timestamp.from(Instant.now()));
      update.setLong(2, keyId);
      update.setLong(3, workspaceId);
      boolean revoked = update.executeUpdate() == 1;
      cache.invalidateAll();
      return revoked;
    }
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
