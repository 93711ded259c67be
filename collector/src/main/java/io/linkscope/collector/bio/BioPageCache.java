package io.linkscope.collector.bio;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.collector.db.Cached;
import io.linkscope.collector.db.DatabaseUnavailableException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
  private final LoadingCache<Key, Cached<Published>> cache;

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
    if (!host.isEmpty()
        && cache.get(new Key(host, handle)) instanceof Cached.Hit<Published>(var page)) {
      return Optional.of(page);
    }
    return cache.get(new Key("", handle)) instanceof Cached.Hit<Published>(var page)
        ? Optional.of(page)
        : Optional.empty();
  }

  /**
   * Like {@link #find}, but from memory only, so it never waits: {@link Cached.NotInMemory} when
   * {@link #find} would have to read MariaDB.
   */
  Cached<Published> findInMemory(String host, String handle) {
    if (!host.isEmpty()) {
      Cached<Published> onDomain = cache.getIfPresent(new Key(host, handle));
      if (onDomain == null || onDomain instanceof Cached.Hit<Published>) {
        return onDomain == null ? Cached.notInMemory() : onDomain;
      }
    }
    Cached<Published> onDefault = cache.getIfPresent(new Key("", handle));
    return onDefault == null ? Cached.notInMemory() : onDefault;
  }

  void invalidate(String domain, String handle) {
    cache.invalidate(new Key(domain, handle));
  }

  /**
   * Forgets pages changed through another collector (the change feed): every entry of those ids,
   * under whatever address it was cached, and the addresses they have now.
   */
  public void forgetPages(Collection<Long> ids) {
    Set<Long> changed = Set.copyOf(ids);
    cache
        .asMap()
        .values()
        .removeIf(
            cached ->
                cached instanceof Cached.Hit<Published>(Published page)
                    && changed.contains(page.pageId()));
    try {
      for (Key key : repository.addresses(changed)) {
        cache.invalidate(key);
      }
    } catch (SQLException e) {
      cache.asMap().values().removeIf(cached -> !(cached instanceof Cached.Hit<Published>));
    }
  }

  /** Forgets every page, when changes may have been missed. */
  public void forgetAll() {
    cache.invalidateAll();
  }

  private Cached<Published> load(Key key) {
    try {
      Optional<BioPage> page =
          repository.findByHandle(key.domain(), key.handle()).filter(BioPage::published);
      return page.isPresent() ? Cached.of(publish(page.get())) : Cached.absent();
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
