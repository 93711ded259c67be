package io.linkscope.collector.link;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.linkscope.collector.db.Cached;
import io.linkscope.collector.db.DatabaseUnavailableException;
import io.linkscope.collector.routing.Route;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The redirect path's view of links: (domain, slug) to link, in memory, so that a redirect never
 * waits for MariaDB once a link has been seen. Entries are invalidated by the API on change and
 * refreshed after a while so that other collectors' changes show up too; during a database outage
 * the stale entry keeps answering.
 *
 * <p>Links are kept under the domain they are stored with, empty for the default domain. A request
 * is mapped to those keys by {@link #candidates}, through the set of claimed custom domains: any
 * other host is the default domain. That set is read whole when the cache is warmed, so that a
 * collector restarted just before an outage still answers the links it warmed, whatever name the
 * visitor used for the default domain.
 */
public final class LinkCache {
  private static final Logger log = LoggerFactory.getLogger(LinkCache.class);

  private final LinkRepository links;
  private final LoadingCache<Key, Cached<Entry>> cache;
  private final LoadingCache<String, Long> domainOwners;
  private final LoadingCache<String, Boolean> customDomains;

  /** The claimed custom domains as read at warm-up, for hosts looked up while MariaDB is down. */
  private volatile @Nullable Set<String> claimedAtWarmUp;

  /**
   * A cached link, its target taken apart for redirects, and, for its click limit, the human clicks
   * it has let through as last seen here: a lower bound of the count in MariaDB, which alone
   * decides.
   */
  public record Entry(
      Link link,
      AtomicLong clicks,
      TargetUrl target,
      Route route,
      Map<String, TargetUrl> destinations) {

    /** An entry of a link without routing. */
    public Entry(Link link, AtomicLong clicks, TargetUrl target) {
      this(link, clicks, target, Route.NONE, Map.of());
    }

    /** A URL a rule or variant of this link sends to, taken apart for redirects. */
    public TargetUrl destination(String url) {
      TargetUrl known = destinations.get(url);
      return known == null ? TargetUrl.of(url) : known;
    }
  }

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
    this.customDomains =
        Caffeine.newBuilder()
            .maximumSize(10_000)
            .refreshAfterWrite(refreshAfter)
            .build(this::loadCustomDomain);
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

  /**
   * Whether {@code host} is a claimed custom domain. While MariaDB is down, the answer of the
   * warm-up's full list (kept apart from this bounded cache, so that a flood of made-up hosts
   * cannot push real domains out of it); a domain claimed since shows up at the next refresh.
   */
  private boolean loadCustomDomain(String host) {
    try {
      return links.isClaimedDomain(host);
    } catch (SQLException e) {
      Set<String> claimed = claimedAtWarmUp;
      if (claimed != null) {
        return claimed.contains(host);
      }
      throw new DatabaseUnavailableException(e);
    }
  }

  /**
   * Fills the cache with the claimed custom domains and the most recently changed links, so the
   * first clicks are fast too and are answered while MariaDB is away.
   */
  public int warm(int limit) {
    try {
      Set<String> claimed = Set.copyOf(links.claimedDomains());
      for (String host : claimed) {
        customDomains.put(host, true);
      }
      claimedAtWarmUp = claimed;
      List<Link> recent = links.recentLive(limit);
      for (Link link : recent) {
        cache.put(new Key(link.domain(), link.slug()), Cached.of(entry(link)));
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
    for (Key key : candidates(host, slug, isCustomDomain(host))) {
      if (cache.get(key) instanceof Cached.Hit<Entry>(Entry entry)) {
        return Optional.of(entry);
      }
    }
    return Optional.empty();
  }

  /**
   * Like {@link #find}, but from memory only, so it never waits: {@link Cached.NotInMemory} when
   * {@link #find} would have to read MariaDB. An entry due for refresh is answered as it is while
   * MariaDB is read in the background. Allocates nothing beyond the keys.
   */
  public Cached<Entry> findInMemory(String host, String slug) {
    if (!LinkRules.couldBeSlug(slug)) {
      return Cached.absent();
    }
    // A host that is no domain name (non-ASCII) is the default domain, as it is in find.
    Boolean custom =
        (host.isEmpty() || !LinkRules.isAscii(host))
            ? Boolean.FALSE
            : customDomains.getIfPresent(host);
    if (custom == null) {
      return Cached.notInMemory();
    }
    for (Key key : candidates(host, slug, custom)) {
      Cached<Entry> found = cache.getIfPresent(key);
      if (found == null) {
        return Cached.notInMemory();
      }
      if (found instanceof Cached.Hit<Entry>) {
        return found;
      }
    }
    return Cached.absent();
  }

  /** Whether {@code host} is a claimed custom domain; a host that is no domain name never is. */
  private boolean isCustomDomain(String host) {
    return !host.isEmpty() && LinkRules.isAscii(host) && customDomains.get(host);
  }

  /**
   * The keys a request for {@code slug} on {@code host} may be stored under, in the order they
   * answer: the custom domain's own link, then the default domain's. Every other host is the
   * default domain, whichever name the visitor used for it.
   */
  private static List<Key> candidates(String host, String slug, boolean customDomain) {
    Key onDefaultDomain = new Key("", slug);
    return customDomain ? List.of(new Key(host, slug), onDefaultDomain) : List.of(onDefaultDomain);
  }

  /**
   * Counts one human click against the entry's click limit in MariaDB: false when the limit is
   * reached. A database round trip, exact across restarts and collectors.
   *
   * @throws DatabaseUnavailableException when MariaDB is down
   */
  public boolean admitClick(Entry entry) {
    boolean admitted;
    try {
      admitted = links.admitClick(entry.link().id());
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
    if (admitted) {
      entry.clicks().incrementAndGet();
    } else if (entry.link().maxClicks() != null) {
      entry.clicks().accumulateAndGet(entry.link().maxClicks(), Math::max);
    }
    return admitted;
  }

  /** Forgets a link after it changed, so the next redirect sees the change. */
  void invalidate(String domain, String slug) {
    cache.invalidate(new Key(domain, slug));
    if (!domain.isEmpty()) {
      // The link may have claimed the domain just now.
      customDomains.invalidate(domain);
    }
  }

  /**
   * Takes up links changed through any collector (the change feed): entries of those ids under an
   * address they no longer answer to go; their current addresses, which may be cached as answering
   * nothing, are read again in the background, the known answer served until the new one is read.
   * So a change is seen at once, and an outage that starts just after a change does not turn a link
   * this collector knew into a 503. Costs one pass over the cache and one query, whatever the
   * number of ids.
   */
  public void forgetLinks(Collection<Long> ids) {
    Set<Long> changed = Set.copyOf(ids);
    Set<Key> current = new HashSet<>();
    try {
      for (LinkAddress address : links.addresses(changed)) {
        current.add(new Key(address.domain(), address.slug()));
      }
    } catch (SQLException e) {
      // Nothing can be read again now: keep serving the links known, and forget only what is
      // cached as absent (one of these links may have been created under that address).
      log.debug(
          "Addresses of changed links unreadable, forgetting absent ones: {}", e.getMessage());
      cache.asMap().values().removeIf(cached -> !(cached instanceof Cached.Hit<Entry>));
      return;
    }
    cache
        .asMap()
        .entrySet()
        .removeIf(
            cached ->
                cached.getValue() instanceof Cached.Hit<Entry>(Entry entry)
                    && changed.contains(entry.link().id())
                    && !current.contains(cached.getKey()));
    for (Key key : current) {
      var _ = cache.refresh(key);
      if (!key.domain().isEmpty()) {
        // The link may have claimed the domain just now.
        customDomains.invalidate(key.domain());
      }
    }
  }

  /** Forgets what is known of a host, claimed as a custom domain through another collector. */
  public void forgetDomain(String host) {
    customDomains.invalidate(host);
    domainOwners.invalidate(host);
  }

  /** Forgets everything, when changes may have been missed (the feed was unreadable for long). */
  public void forgetAll() {
    cache.invalidateAll();
    customDomains.invalidateAll();
    domainOwners.invalidateAll();
  }

  private Cached<Entry> load(Key key) {
    try {
      Optional<Link> live = links.findLive(key.domain(), key.slug());
      return live.isPresent() ? Cached.of(entry(live.get())) : Cached.absent();
    } catch (SQLException e) {
      throw new DatabaseUnavailableException(e);
    }
  }

  /** The cache's entry of a link: its routing compiled here, once per load, never per request. */
  private static Entry entry(Link link) {
    Route route = Route.compile(link.routing());
    Map<String, TargetUrl> destinations = new HashMap<>();
    for (String url : route.destinations()) {
      destinations.put(url, TargetUrl.of(url));
    }
    return new Entry(
        link,
        new AtomicLong(link.totalClicks()),
        TargetUrl.of(link.targetUrl()),
        route,
        Map.copyOf(destinations));
  }
}
