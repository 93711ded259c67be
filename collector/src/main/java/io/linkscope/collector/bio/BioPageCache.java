package io.linkscope.collector.bio;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.collector.db.DatabaseUnavailableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Published bio pages, rendered once per version and kept in memory, so serving a page is a map
 * look-up and a buffer write. The API invalidates a page when it changes; entries are also
 * refreshed after a while so that changes made through another collector show up.
 */
public final class BioPageCache {
  /** A published page, ready to serve: its HTML and the widgets a tap can name. */
  record Published(
      long pageId, long workspaceId, ByteBuffer html, Map<Long, BioWidgetView> widgets) {}

  record Key(String domain, String handle) {}

  private final BioRepository repository;
  private final BioAddresses addresses;
  private final LoadingCache<Key, Optional<Published>> cache;

  public BioPageCache(
      BioRepository repository, BioAddresses addresses, int maximumSize, Duration refreshAfter) {
    this.repository = repository;
    this.addresses = addresses;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .refreshAfterWrite(refreshAfter)
            .build(this::load);
  }

  /**
   * The published page for a host and handle: a page on that custom domain, else one on the default
   * domain.
   *
   * @throws DatabaseUnavailableException when the page is not cached and MariaDB is down
   */
  Optional<Published> find(String host, String handle) {
    if (!host.isEmpty()) {
      Optional<Published> onDomain = cache.get(new Key(host, handle));
      if (onDomain.isPresent()) {
        return onDomain;
      }
    }
    return cache.get(new Key("", handle));
  }

  void invalidate(String domain, String handle) {
    cache.invalidate(new Key(domain, handle));
  }

  private Optional<Published> load(Key key) {
    try {
      return repository
          .findByHandle(key.domain(), key.handle())
          .filter(BioPage::published)
          .map(this::publish);
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  private Published publish(BioPage page) {
    byte[] html =
        BioRenderer.render(page, addresses.publicUrl(page), BioRenderer.Mode.PUBLIC)
            .getBytes(StandardCharsets.UTF_8);
    return new Published(
        page.id(),
        page.workspaceId(),
        ByteBuffer.wrap(html).asReadOnlyBuffer(),
        page.widgets().stream()
            .collect(Collectors.toUnmodifiableMap(BioWidgetView::id, widget -> widget)));
  }
}
