package io.linkscope.collector.link;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.linkscope.collector.db.DatabaseUnavailableException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The redirect path's view of links: (domain, slug) to link, in memory, so that a redirect never
 * waits for MariaDB once a link has been seen. Entries are invalidated by the API on change and
 * refreshed after a while so that other collectors' changes show up too; during a database outage
 * the stale entry keeps answering.
 */
public final class LinkCache {
  private static final Logger log = LoggerFactory.getLogger(LinkCache.class);

  private final LinkRepository links;
  private final LoadingCache<Key, Optional<Entry>> cache;
  private final LoadingCache<String, Long> domainOwners;

  /** A cached link and the clicks tracked for it so far (for the click limit). */
  public record Entry(Link link, AtomicLong clicks) {}

  record Key(String domain, String slug) {}

  public LinkCache(LinkRepository links, int maximumSize, Duration refreshAfter) {
    this.links = links;
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(maximumSize)
            .refreshAfterWrite(refreshAfter)
            .build(this::load);
    this.domainOwners =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .refreshAfterWrite(refreshAfter)
            .build(this::loadOwner);
  }

  /** The workspace that owns unknown paths on {@code host}; 0 when there is no workspace yet. */
  public long domainOwner(String host) {
    if (!LinkRules.isAscii(host)) {
      return 0;
    }
    return domainOwners.get(host);
  }

  private long loadOwner(String host) {
    try {
      return links.domainOwner(host);
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  /** Fills the cache with the most recently changed links, so the first clicks are fast too. */
  public int warm(int limit) {
    try {
      List<Link> recent = links.recentLive(limit);
      for (Link link : recent) {
        cache.put(new Key(link.domain(), link.slug()), Optional.of(entry(link)));
      }
      return recent.size();
    } catch (SQLException e) {
      log.warn("Could not warm the link cache: {}", e.getMessage());
      return 0;
    }
  }

  /**
   * The live link for a host and slug: a link on that custom domain, else one on the default
   * domain.
   *
   * @throws DatabaseUnavailableException when the link is not cached and MariaDB is down
   */
  public Optional<Entry> find(String host, String slug) {
    if (!LinkRules.couldBeSlug(slug)) {
      return Optional.empty();
    }
    if (!host.isEmpty() && LinkRules.isAscii(host)) {
      Optional<Entry> onDomain = cache.get(new Key(host, slug));
      if (onDomain.isPresent()) {
        return onDomain;
      }
    }
    return cache.get(new Key("", slug));
  }

  /**
   * Like {@link #find}, but from memory only, so it never waits: null when the answer is not in
   * memory yet and {@link #find} would have to read MariaDB. An entry due for refresh is answered
   * as it is while MariaDB is read in the background.
   */
  public Optional<Entry> findInMemory(String host, String slug) {
    if (!LinkRules.couldBeSlug(slug)) {
      return Optional.empty();
    }
    if (!host.isEmpty() && LinkRules.isAscii(host)) {
      Optional<Entry> onDomain = cache.getIfPresent(new Key(host, slug));
      if (onDomain == null || onDomain.isPresent()) {
        return onDomain;
      }
    }
    return cache.getIfPresent(new Key("", slug));
  }

  /** Forgets a link after it changed, so the next redirect sees the change. */
  public void invalidate(String domain, String slug) {
    cache.invalidate(new Key(domain, slug));
  }

  private Optional<Entry> load(Key key) {
    try {
      return links.findLive(key.domain(), key.slug()).map(LinkCache::entry);
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  private static Entry entry(Link link) {
    return new Entry(link, new AtomicLong(link.totalClicks()));
  }
}
