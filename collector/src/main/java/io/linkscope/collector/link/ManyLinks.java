package io.linkscope.collector.link;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.linkscope.api.Json;
import io.linkscope.api.bulk.BulkLimits;
import io.linkscope.api.bulk.BulkPatch;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.routing.RoutingShape;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Many links at once (decision 0020): every item is checked before anything is written, and the
 * writes of one request are one transaction of a few statements, so a request changes all its links
 * or none. The import builds on the same reads and writes.
 */
public final class ManyLinks {
  private final Links links;
  private final LinkCache cache;
  private final DataSource dataSource;
  private final LinkBatch batch;
  private final Clock clock;

  public ManyLinks(Links links, LinkCache cache, DataSource dataSource, Clock clock) {
    this.links = links;
    this.cache = cache;
    this.dataSource = dataSource;
    this.batch = new LinkBatch(dataSource);
    this.clock = clock;
  }

  // --- the bulk API

  public List<LinkView> create(long workspaceId, List<LinkInput> inputs) throws SQLException {
    checkSize("links", inputs.size());
    List<Link> drafts = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      LinkInput input = inputs.get(i);
      if (input == null) {
        throw HttpError.badRequest("invalid_item", "links[" + i + "] is null.");
      }
      drafts.add(item("links", i, () -> draft(workspaceId, input, null, 0)));
    }
    drafts = withGeneratedSlugs(drafts);
    refuseTaken("links", drafts, Map.of());
    List<Long> ids = write(workspaceId, drafts, List.of()).stream().map(Created::id).toList();
    return views(workspaceId, ids);
  }

  public List<LinkView> update(long workspaceId, List<BulkPatch> items) throws SQLException {
    checkSize("items", items.size());
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      if (items.get(i) == null || items.get(i).patch() == null) {
        throw HttpError.badRequest(
            "invalid_item", "items[" + i + "] needs an 'id' and a 'patch' object.");
      }
      if (!seen.add(items.get(i).id())) {
        throw HttpError.badRequest(
            "duplicate_item", "items[" + i + "] changes link " + items.get(i).id() + " again.");
      }
    }
    Map<Long, Link> current =
        requireAll(workspaceId, "items", seen, items.stream().map(BulkPatch::id).toList());
    List<Link> changed = new ArrayList<>(items.size());
    Map<Long, Link> before = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      BulkPatch item = items.get(i);
      Link link = Objects.requireNonNull(current.get(item.id()));
      before.put(link.id(), link);
      changed.add(item("items", i, () -> patched(workspaceId, link, item.patch())));
    }
    refuseTaken("items", changed, before);
    Instant now = clock.instant();
    try {
      Sql.inTransaction(
          dataSource,
          c -> {
            claim(c, workspaceId, changed);
            LinkBatch.vacate(c, workspaceId, vacating(changed, before));
            LinkBatch.update(c, changed, now);
          });
    } catch (SQLIntegrityConstraintViolationException e) {
      throw slugRace();
    }
    for (Link link : changed) {
      Link old = Objects.requireNonNull(before.get(link.id()));
      cache.invalidate(old.domain(), old.slug());
      cache.invalidate(link.domain(), link.slug());
    }
    return views(workspaceId, changed.stream().map(Link::id).toList());
  }

  /**
   * The links of an update whose current address another item of the same update takes (A to B
   * while B moves on to C, or two links swapping slugs): they leave their address first, so the
   * batch never holds one address twice whatever the order of its items.
   */
  static List<Long> vacating(List<Link> changed, Map<Long, Link> before) {
    Map<LinkAddress, Long> holders = new HashMap<>();
    for (Link old : before.values()) {
      holders.put(LinkAddress.of(old), old.id());
    }
    Set<Long> vacating = new LinkedHashSet<>();
    for (Link link : changed) {
      Long holder = holders.get(LinkAddress.of(link));
      if (holder != null && holder != link.id()) {
        vacating.add(holder);
      }
    }
    return List.copyOf(vacating);
  }

  public int delete(long workspaceId, List<Long> ids) throws SQLException {
    checkSize("ids", ids.size());
    Set<Long> unique = new LinkedHashSet<>(ids);
    Map<Long, Link> current = requireAll(workspaceId, "ids", unique, ids);
    Instant now = clock.instant();
    int deleted =
        Sql.transaction(
            dataSource, c -> LinkBatch.delete(c, workspaceId, List.copyOf(unique), now));
    current.values().forEach(link -> cache.invalidate(link.domain(), link.slug()));
    return deleted;
  }

  public int tag(long workspaceId, List<Long> ids, List<String> tags) throws SQLException {
    checkSize("ids", ids.size());
    List<String> checked = checkedTags(tags);
    Set<Long> unique = new LinkedHashSet<>(ids);
    Map<Long, Link> current = requireAll(workspaceId, "ids", unique, ids);
    for (Link link : current.values()) {
      Set<String> all = new HashSet<>(link.tags());
      all.addAll(checked);
      if (all.size() > LinkRules.MAX_TAGS) {
        throw HttpError.invalidField(
            "tags",
            "link "
                + link.id()
                + " would have "
                + all.size()
                + " tags; at most "
                + LinkRules.MAX_TAGS
                + " per link.");
      }
    }
    Instant now = clock.instant();
    Sql.inTransaction(dataSource, c -> LinkBatch.tag(c, List.copyOf(unique), checked, now));
    current.values().forEach(link -> cache.invalidate(link.domain(), link.slug()));
    return unique.size();
  }

  public int untag(long workspaceId, List<Long> ids, List<String> tags) throws SQLException {
    checkSize("ids", ids.size());
    List<String> checked = checkedTags(tags);
    Set<Long> unique = new LinkedHashSet<>(ids);
    Map<Long, Link> current = requireAll(workspaceId, "ids", unique, ids);
    Instant now = clock.instant();
    Sql.inTransaction(dataSource, c -> LinkBatch.untag(c, List.copyOf(unique), checked, now));
    current.values().forEach(link -> cache.invalidate(link.domain(), link.slug()));
    return unique.size();
  }

  // --- what the import builds on

  /**
   * The link an input describes, every field checked as a create checks it, with the creation time
   * and click count of the shortener it comes from. Nothing is written, not even the claim of a
   * custom domain: {@link #domainOwners} tells whether the workspace may use it.
   *
   * @throws HttpError what the create would answer for the input
   */
  public Link draft(
      long workspaceId, LinkInput input, @Nullable Instant createdAt, long importedClicks)
      throws SQLException {
    String domain = LinkRules.domain(input.domain());
    Link checked = links.validate(workspaceId, 0, input.withDomain(null), null, null);
    return copy(
        checked,
        domain,
        checked.slug(),
        createdAt == null ? checked.createdAt() : createdAt,
        importedClicks);
  }

  /** The live links, of any workspace, at these (domain, slug) addresses. */
  public Map<LinkAddress, Link> live(Collection<LinkAddress> addresses) throws SQLException {
    return batch.findLive(addresses);
  }

  /** The workspace's live links on a domain that send visitors to one of these targets. */
  public List<Link> liveByTarget(long workspaceId, String domain, Collection<String> targets)
      throws SQLException {
    return batch.findByTargets(workspaceId, domain, targets);
  }

  /** Live links on a domain whose slug is the given one with a '-suffix', e.g. spring-2. */
  public List<Link> suffixed(String domain, String slug) throws SQLException {
    return batch.findSuffixed(domain, slug);
  }

  /** The workspace each claimed custom domain belongs to; unclaimed ones are absent. */
  public Map<String, Long> domainOwners(Collection<String> hosts) throws SQLException {
    return batch.domainOwners(hosts);
  }

  /**
   * An existing link with the imported one's target, title, tags, expiry and click count; the rest
   * (password, routing, deep links, click limit) stays as it is.
   */
  public static Link overwritten(Link current, Link imported) {
    return new Link(
        current.id(),
        current.workspaceId(),
        current.domain(),
        current.slug(),
        imported.targetUrl(),
        imported.title().isEmpty() ? current.title() : imported.title(),
        imported.notes().isEmpty() ? current.notes() : imported.notes(),
        imported.tags().isEmpty() ? current.tags() : imported.tags(),
        current.redirectType(),
        current.validFrom(),
        imported.validUntil() == null ? current.validUntil() : imported.validUntil(),
        current.maxClicks(),
        current.fallbackUrl(),
        current.forwardQuery(),
        current.totalClicks(),
        current.createdAt(),
        current.updatedAt(),
        current.passwordHash(),
        current.deepLinks(),
        current.clickIdParam(),
        current.routing(),
        imported.importedClicks());
  }

  /** The same link under another slug. */
  public static Link renamed(Link link, String slug) {
    return copy(link, link.domain(), slug, link.createdAt(), link.importedClicks());
  }

  /**
   * Creates and overwrites links in one transaction: new links without a slug get a generated one,
   * custom domains are claimed. Returns the created links' ids and addresses in their order.
   *
   * @throws HttpError 409 when a domain belongs to another workspace or a slug was taken since it
   *     was checked; nothing is written then
   */
  public List<Created> write(long workspaceId, List<Link> creates, List<Link> overwrites)
      throws SQLException {
    List<Link> named = withGeneratedSlugs(creates);
    Instant now = clock.instant();
    List<Long> ids;
    try {
      ids =
          Sql.transaction(
              dataSource,
              c -> {
                List<Link> all = new ArrayList<>(named);
                all.addAll(overwrites);
                claim(c, workspaceId, all);
                if (!overwrites.isEmpty()) {
                  LinkBatch.update(c, overwrites, now);
                }
                return named.isEmpty() ? List.<Long>of() : LinkBatch.insert(c, named, now);
              });
    } catch (SQLIntegrityConstraintViolationException e) {
      throw slugRace();
    }
    named.forEach(link -> cache.invalidate(link.domain(), link.slug()));
    overwrites.forEach(link -> cache.invalidate(link.domain(), link.slug()));
    List<Created> created = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      created.add(new Created(ids.get(i), LinkAddress.of(named.get(i))));
    }
    return created;
  }

  /** A link {@link #write} created: its id and where it answers. */
  public record Created(long id, LinkAddress address) {}

  // --- helpers

  /** Validation of one item, its error prefixed with where the item is in the request. */
  @FunctionalInterface
  private interface ItemCheck {
    Link run() throws SQLException;
  }

  private static Link item(String list, int index, ItemCheck check) throws SQLException {
    try {
      return check.run();
    } catch (HttpError e) {
      throw HttpError.badRequest(e.code(), list + "[" + index + "]: " + e.getMessage());
    } catch (Json.InvalidJsonException e) {
      throw HttpError.badRequest(e.code(), list + "[" + index + "]: " + e.getMessage());
    }
  }

  private Link patched(long workspaceId, Link current, JsonObject patch) throws SQLException {
    RoutingShape.check(patch);
    JsonObject merged = Json.gson().toJsonTree(Links.input(current)).getAsJsonObject();
    for (Map.Entry<String, JsonElement> field : patch.entrySet()) {
      merged.add(field.getKey(), field.getValue());
    }
    LinkInput input = Json.readStrict(merged, LinkInput.class);
    if (input.slug() == null || input.slug().isBlank()) {
      input = input.withSlug(current.slug());
    }
    String domain = LinkRules.domain(input.domain());
    // The password is write-only: a patch without it keeps the stored hash, JSON null removes it.
    String keptPassword = patch.has("password") ? null : current.passwordHash();
    Link checked =
        links.validate(workspaceId, current.id(), input.withDomain(null), current, keptPassword);
    return copy(checked, domain, checked.slug(), checked.createdAt(), current.importedClicks());
  }

  private Map<Long, Link> requireAll(
      long workspaceId, String list, Set<Long> unique, List<Long> inOrder) throws SQLException {
    for (int i = 0; i < inOrder.size(); i++) {
      if (inOrder.get(i) == null) {
        throw HttpError.badRequest("invalid_item", list + "[" + i + "] is null.");
      }
    }
    Map<Long, Link> found = batch.findByIds(workspaceId, unique);
    for (int i = 0; i < inOrder.size(); i++) {
      Long id = inOrder.get(i);
      if (!found.containsKey(id)) {
        throw new HttpError(
            404, "not_found", list + "[" + i + "]: the link " + id + " was not found.");
      }
    }
    return found;
  }

  /**
   * Refuses addresses used twice in the request or by another live link ({@code before} holds the
   * links an update changes, whose own addresses are theirs to keep).
   */
  private void refuseTaken(String list, List<Link> drafts, Map<Long, Link> before)
      throws SQLException {
    Map<LinkAddress, Integer> first = new HashMap<>();
    for (int i = 0; i < drafts.size(); i++) {
      Integer earlier = first.putIfAbsent(LinkAddress.of(drafts.get(i)), i);
      if (earlier != null) {
        throw HttpError.conflict(
            "slug_taken",
            "%s[%d]: the slug '%s' is also in %s[%d]."
                .formatted(list, i, drafts.get(i).slug(), list, earlier));
      }
    }
    Map<LinkAddress, Link> taken = batch.findLive(first.keySet());
    for (int i = 0; i < drafts.size(); i++) {
      Link existing = taken.get(LinkAddress.of(drafts.get(i)));
      if (existing != null && !before.containsKey(existing.id())) {
        Link draft = drafts.get(i);
        throw HttpError.conflict(
            "slug_taken",
            "%s[%d]: the slug '%s' is already used%s."
                .formatted(
                    list,
                    i,
                    draft.slug(),
                    draft.domain().isEmpty() ? "" : " on " + draft.domain()));
      }
    }
  }

  private static void claim(java.sql.Connection c, long workspaceId, List<Link> all)
      throws SQLException {
    Set<String> hosts = new LinkedHashSet<>();
    for (Link link : all) {
      if (!link.domain().isEmpty()) {
        hosts.add(link.domain());
      }
    }
    List<String> foreign = LinkBatch.claimDomains(c, workspaceId, hosts);
    if (!foreign.isEmpty()) {
      throw HttpError.conflict(
          "domain_taken", "The domain '" + foreign.get(0) + "' belongs to another workspace.");
    }
  }

  /** The drafts, those without a slug given a generated one that no live link has. */
  private List<Link> withGeneratedSlugs(List<Link> drafts) throws SQLException {
    List<Link> named = new ArrayList<>(drafts);
    Set<LinkAddress> used = new HashSet<>();
    List<Integer> pending = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      if (drafts.get(i).slug().isEmpty()) {
        pending.add(i);
      } else {
        used.add(LinkAddress.of(drafts.get(i)));
      }
    }
    for (int attempt = 0; attempt < 5 && !pending.isEmpty(); attempt++) {
      Map<Integer, Link> fresh = new HashMap<>();
      for (int i : pending) {
        Link candidate;
        do {
          candidate = renamed(drafts.get(i), links.generateCode());
        } while (!used.add(LinkAddress.of(candidate)));
        fresh.put(i, candidate);
      }
      Map<LinkAddress, Link> taken =
          batch.findLive(fresh.values().stream().map(LinkAddress::of).toList());
      pending = new ArrayList<>();
      for (Map.Entry<Integer, Link> entry : fresh.entrySet()) {
        if (taken.containsKey(LinkAddress.of(entry.getValue()))) {
          pending.add(entry.getKey());
        } else {
          named.set(entry.getKey(), entry.getValue());
        }
      }
    }
    if (!pending.isEmpty()) {
      throw new HttpError(503, "slug_space_busy", "No free short codes were found; try again.");
    }
    return named;
  }

  private List<LinkView> views(long workspaceId, List<Long> ids) throws SQLException {
    Map<Long, Link> found = batch.findByIds(workspaceId, ids);
    List<LinkView> views = new ArrayList<>(ids.size());
    for (long id : ids) {
      views.add(links.view(Optional.ofNullable(found.get(id)).orElseThrow()));
    }
    return views;
  }

  private static List<String> checkedTags(@Nullable List<String> tags) {
    if (tags == null || tags.isEmpty()) {
      throw HttpError.invalidField("tags", "name at least one tag.");
    }
    return LinkRules.tags(tags);
  }

  private static void checkSize(String list, int size) {
    if (size == 0) {
      throw HttpError.invalidField(list, "name at least one link.");
    }
    if (size > BulkLimits.MAX_ITEMS) {
      throw HttpError.invalidField(
          list,
          "at most "
              + BulkLimits.MAX_ITEMS
              + " links per request, got "
              + size
              + "; send them in several requests.");
    }
  }

  private static HttpError slugRace() {
    return HttpError.conflict(
        "slug_taken", "A slug was taken by another request meanwhile; nothing was written.");
  }

  private static Link copy(
      Link link, String domain, String slug, Instant createdAt, long importedClicks) {
    return new Link(
        link.id(),
        link.workspaceId(),
        domain,
        slug,
        link.targetUrl(),
        link.title(),
        link.notes(),
        link.tags(),
        link.redirectType(),
        link.validFrom(),
        link.validUntil(),
        link.maxClicks(),
        link.fallbackUrl(),
        link.forwardQuery(),
        link.totalClicks(),
        createdAt,
        link.updatedAt(),
        link.passwordHash(),
        link.deepLinks(),
        link.clickIdParam(),
        link.routing(),
        importedClicks);
  }
}
