package io.linkscope.collector.conversion;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Click ids on destinations: the click's own id (its UUID, as stored in {@code click.click_id})
 * appended to the URL the visitor is sent to, under the query parameter the link names.
 */
public final class ClickIds {
  /** What a click id parameter name may be: letters, digits, '_', '-' and '.', 1 to 64. */
  public static final Pattern PARAMETER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  private ClickIds() {}

  /**
   * {@code url} with {@code name=id} in its query, before any fragment. An occurrence of the
   * parameter already there (a visitor's own, forwarded from the short URL) is removed, so the
   * destination sees only the id the collector gave.
   */
  public static String append(String url, String name, UUID id) {
    int hash = url.indexOf('#');
    String fragment = hash < 0 ? "" : url.substring(hash);
    String rest = hash < 0 ? url : url.substring(0, hash);
    int question = rest.indexOf('?');
    String base = question < 0 ? rest : rest.substring(0, question);
    StringBuilder query = new StringBuilder();
    if (question >= 0) {
      for (String pair : rest.substring(question + 1).split("&", -1)) {
        if (pair.isEmpty() || pair.equals(name) || pair.startsWith(name + "=")) {
          continue;
        }
        query.append(pair).append('&');
      }
    }
    query.append(name).append('=').append(id);
    return base + "?" + query + fragment;
  }

  /** The 16 bytes a click id is stored as. */
  static byte[] bytes(UUID id) {
    return ByteBuffer.allocate(16)
        .putLong(id.getMostSignificantBits())
        .putLong(id.getLeastSignificantBits())
        .array();
  }

  /** A click id as sent back by a shop: a UUID in its canonical text form. */
  static Optional<UUID> parse(String text) {
    if (!text.matches(
        "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
      return Optional.empty();
    }
    return Optional.of(UUID.fromString(text));
  }
}
