package io.linkscope.collector.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.collector.db.ChangeLog;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Creates, checks and revokes API keys. A key is {@code lsk_} + 32 random base62 characters; only
 * its SHA-256 is stored (a key has far more entropy than a password, so a slow hash adds nothing).
 *
 * <p>A key may have an expiry time, checked against the clock on every request (also when the key
 * is cached). Its last use is written at most once a {@link #LAST_USE_PRECISION} per key and
 * process: the first request of a key in each minute writes it, on that request's worker thread,
 * the others of that minute write nothing; a listing is therefore up to a minute behind.
 */
public final class ApiKeys {
  private static final String ALPHABET =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DataSource dataSource;
  private final Clock clock;
  // Saves a database round trip per API call; a revocation through this collector forgets its key
  // at
  // once, one through another within a second (the change feed), and a key unknown is asked again
  // after 30 s.
  private final Cache<String, Optional<Live>> cache =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();
  // Per key, when this process last wrote its last use; bounded like the cache above.
  private final Cache<Long, Instant> lastUseWritten =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(LAST_USE_PRECISION).build();

  /** How stale a key's listed last use may be: it is written at most this often per key. */
  public static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

  /** A key found by its secret: who it stands for, and when it expires (null: never). */
  private record Live(Principal principal, @Nullable Instant expiresAt) {}

  /** Keys in {@code dataSource}, their creation and revocation timed by {@code clock}. */
  public ApiKeys(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** A newly created key: its listing and the secret, which is never shown again. */
  public record Created(ApiKeyView view, String secret) {}

  public Created create(long workspaceId, String name, Role role) throws SQLException {
    return create(workspaceId, name, role, null);
  }

  /** Creates a key that stops working at {@code expiresAt} (null: never). */
  public Created create(long workspaceId, String name, Role role, @Nullable Instant expiresAt)
      throws SQLException {
    String secret = "lsk_" + randomBase62(32);
    String prefix = secret.substring(0, 10);
    Instant now = clock.instant();
    Map<String, Object> values = new HashMap<>();
    values.put("workspace_id", workspaceId);
    values.put("name", name);
    values.put("prefix", prefix);
    values.put("key_hash", sha256(secret));
    values.put("role", role.wireName());
    values.put("now", now);
    values.put("expires_at", expiresAt);
    long id =
        Sql.named(
                """
                INSERT INTO api_key
                  (workspace_id, name, prefix, key_hash, role, created_at, expires_at)
                VALUES (:workspace_id, :name, :prefix, :key_hash, :role, :now, :expires_at)
                """,
                values)
            .insert(dataSource);
    return new Created(
        new ApiKeyView(id, name, prefix, role.wireName(), now, null, expiresAt, null), secret);
  }

  /**
   * The principal a presented secret stands for, if it is a live key.
   *
   * @throws KeyExpiredException when it is a key past its expiry time
   */
  public Optional<Principal> authenticate(String secret) {
    if (secret == null || !secret.startsWith("lsk_") || secret.length() > 100) {
      return Optional.empty();
    }
    Optional<Live> found = cache.get(secret, this::lookUp);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    Live live = found.get();
    if (live.expiresAt() != null && !now.isBefore(live.expiresAt())) {
      throw new KeyExpiredException(live.expiresAt());
    }
    recordUse(live.principal().keyId(), now);
    return Optional.of(live.principal());
  }

  /** Writes the key's last use unless this process wrote it less than a minute ago. */
  private void recordUse(long keyId, Instant now) {
    boolean[] due = {false};
    lastUseWritten
        .asMap()
        .compute(
            keyId,
            (id, written) -> {
              if (written == null || !now.isBefore(written.plus(LAST_USE_PRECISION))) {
                due[0] = true;
                return now;
              }
              return written;
            });
    if (!due[0]) {
      return;
    }
    try {
      Sql.of(
              """
              UPDATE api_key SET last_used_at = ?
              WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)
              """,
              now,
              keyId,
              now)
          .update(dataSource);
    } catch (SQLException e) {
      // Not worth failing the request for: the next minute writes it again.
      lastUseWritten.invalidate(keyId);
    }
  }

  private Optional<Live> lookUp(String secret) {
    try {
      return Sql.of(
              """
              SELECT id, workspace_id, role, expires_at FROM api_key
              WHERE key_hash = ? AND revoked_at IS NULL
              """,
              sha256(secret))
          .one(
              dataSource,
              row -> {
                long workspaceId = row.getLong("workspace_id");
                long keyId = row.getLong("id");
                @Nullable Instant expiresAt = Sql.nullableInstant(row, "expires_at");
                return Role.parse(row.getString("role"))
                    .map(role -> new Live(new Principal(workspaceId, keyId, role), expiresAt));
              })
          .flatMap(live -> live);
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  public List<ApiKeyView> list(long workspaceId) throws SQLException {
    return Sql.of(
            """
            SELECT id, name, prefix, role, created_at, revoked_at, expires_at, last_used_at
            FROM api_key
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
                    Sql.nullableInstant(row, "revoked_at"),
                    Sql.nullableInstant(row, "expires_at"),
                    Sql.nullableInstant(row, "last_used_at")));
  }

  /** Revokes a key of the workspace; false when the workspace has no such live key. */
  public boolean revoke(long workspaceId, long keyId) throws SQLException {
    Instant now = clock.instant();
    boolean revoked =
        Sql.transaction(
            dataSource,
            c -> {
              boolean done =
                  Sql.of(
                              """
                              UPDATE api_key SET revoked_at = ?
                              WHERE id = ? AND workspace_id = ? AND revoked_at IS NULL
                              """,
                              now,
                              keyId,
                              workspaceId)
                          .update(c)
                      == 1;
              if (done) {
                // Every other collector forgets the key within a second (decision 0024).
                ChangeLog.append(c, ChangeLog.Kind.KEY, workspaceId, keyId);
              }
              return done;
            });
    forget(List.of(keyId));
    return revoked;
  }

  /** Forgets the cached keys {@code keyIds}, revoked through any collector. */
  public void forget(Collection<Long> keyIds) {
    cache
        .asMap()
        .values()
        .removeIf(found -> found.isPresent() && keyIds.contains(found.get().principal().keyId()));
  }

  /** Forgets every cached key of the workspace, which is being deleted or changed. */
  public void forgetWorkspace(long workspaceId) {
    cache
        .asMap()
        .values()
        .removeIf(
            found -> found.isPresent() && found.get().principal().workspaceId() == workspaceId);
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
