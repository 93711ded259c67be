package io.linkscope.collector.link;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.linkscope.api.Json;
import io.linkscope.api.gate.DeepLinks;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkPage;
import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.Variant;
import io.linkscope.collector.conversion.ClickIds;
import io.linkscope.collector.deeplink.DeepLinkRules;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.password.Passwords;
import io.linkscope.collector.routing.Routing;
import io.linkscope.collector.routing.RoutingShape;
import io.linkscope.collector.routing.RoutingValidation;
import java.net.URI;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The link feature's use cases: validate, store, keep the redirect cache in step, and present links
 * with their public short URL.
 */
public final class Links {
  private static final String CODE_ALPHABET =
      "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  private static final int CODE_LENGTH = 7;

  private final LinkRepository repository;
  private final LinkCache cache;
  private final LinkRules rules;
  private final URI baseUrl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public Links(
      LinkRepository repository, LinkCache cache, LinkRules rules, URI baseUrl, Clock clock) {
    this.repository = repository;
    this.cache = cache;
    this.rules = rules;
    this.baseUrl = baseUrl;
    this.clock = clock;
  }

  public LinkView create(long workspaceId, LinkInput input) throws SQLException {
    Link draft = validate(workspaceId, 0, input, null, null);
    boolean generated = input.slug() == null || input.slug().isBlank();
    for (int attempt = 0; ; attempt++) {
      Link candidate = generated ? withSlug(draft, generateCode()) : draft;
      try {
        long id = repository.insert(candidate);
        cache.invalidate(candidate.domain(), candidate.slug());
        return view(repository.find(workspaceId, id).orElseThrow());
      } catch (LinkRepository.SlugTakenException e) {
        if (!generated || attempt >= 5) {
          throw slugTaken(candidate);
        }
      }
    }
  }

  /** Applies a JSON merge patch: present fields change, JSON null clears an optional field. */
  public LinkView update(long workspaceId, long id, JsonObject patch) throws SQLException {
    Link current =
        repository.find(workspaceId, id).orElseThrow(() -> HttpError.notFound("The link"));
    RoutingShape.check(patch);
    JsonObject merged = Json.gson().toJsonTree(input(current)).getAsJsonObject();
    for (Map.Entry<String, JsonElement> field : patch.entrySet()) {
      merged.add(field.getKey(), field.getValue());
    }
    LinkInput input = Json.readStrict(merged, LinkInput.class);
    if (input.slug() == null || input.slug().isBlank()) {
      input = input.withSlug(current.slug());
    }
    // The password is write-only: a patch without it keeps the stored hash, JSON null removes it.
    String keptPassword = patch.has("password") ? null : current.passwordHash();
    Link changed = validate(workspaceId, id, input, current, keptPassword);
    return store(current, changed);
  }

  /** Saves a change of {@code current} and forgets both addresses in the redirect cache. */
  private LinkView store(Link current, Link changed) throws SQLException {
    try {
      if (!repository.update(changed)) {
        throw HttpError.notFound("The link");
      }
    } catch (LinkRepository.SlugTakenException e) {
      throw slugTaken(changed);
    }
    cache.invalidate(current.domain(), current.slug());
    cache.invalidate(changed.domain(), changed.slug());
    return view(repository.find(changed.workspaceId(), changed.id()).orElseThrow());
  }

  public void delete(long workspaceId, long id) throws SQLException {
    Link current =
        repository.find(workspaceId, id).orElseThrow(() -> HttpError.notFound("The link"));
    if (!repository.delete(workspaceId, id)) {
      throw HttpError.notFound("The link");
    }
    cache.invalidate(current.domain(), current.slug());
  }

  /**
   * Makes a variant the link's target and ends its split (decision 0019). The variants stay, so
   * their statistics keep their names; an end date already passed stays the end of the test, else
   * the test ends now.
   */
  public LinkView promote(long workspaceId, long id, @Nullable Long variantId) throws SQLException {
    Link current = find(workspaceId, id);
    Routing routing = current.routing();
    if (routing.variants().isEmpty()) {
      throw HttpError.badRequest(
          "no_variants",
          "The link has no variants to promote: it splits no visits. Add variants first.");
    }
    if (variantId == null) {
      throw HttpError.invalidField(
          "variantId", "is required: the id of the variant that becomes the link's target.");
    }
    Variant variant =
        routing
            .variant(variantId)
            .orElseThrow(
                () ->
                    HttpError.invalidField(
                        "variantId",
                        "this link has no variant "
                            + variantId
                            + "; its variants are "
                            + routing.variants().stream()
                                .map(v -> String.valueOf(v.id()))
                                .collect(Collectors.joining(", "))
                            + "."));
    Instant now = clock.instant();
    Instant endsAt = routing.endsAt();
    Instant end = endsAt != null && !endsAt.isAfter(now) ? endsAt : now;
    return save(current, Objects.requireNonNull(variant.targetUrl()), variantId, end, now);
  }

  /** Picks the variant a split that reached its end date is promoted to. */
  @FunctionalInterface
  public interface Outcome {
    long variantId(long workspaceId, long linkId, Routing routing) throws SQLException;
  }

  /**
   * Ends the split of a link whose end date has passed by promoting the variant {@code outcome}
   * picks; false when there is nothing to end (the link changed or was ended meanwhile).
   */
  boolean endExperiment(long workspaceId, long id, Outcome outcome) throws SQLException {
    Link current = repository.find(workspaceId, id).orElse(null);
    Instant now = clock.instant();
    Instant due = current == null ? null : current.routing().pendingEnd();
    if (current == null || due == null || due.isAfter(now)) {
      return false;
    }
    long variantId = outcome.variantId(workspaceId, id, current.routing());
    Variant variant =
        current.routing().variant(variantId).orElse(current.routing().variants().getFirst());
    save(
        current,
        Objects.requireNonNull(variant.targetUrl()),
        Objects.requireNonNull(variant.id()),
        due,
        now);
    return true;
  }

  /** Saves a promotion: the variant's URL the target, the split ended at {@code end}. */
  private LinkView save(Link current, String target, long variantId, Instant end, Instant now)
      throws SQLException {
    Link changed =
        new Link(
            current.id(),
            current.workspaceId(),
            current.domain(),
            current.slug(),
            target,
            current.title(),
            current.notes(),
            current.tags(),
            current.redirectType(),
            current.validFrom(),
            current.validUntil(),
            current.maxClicks(),
            current.fallbackUrl(),
            current.forwardQuery(),
            current.totalClicks(),
            current.createdAt(),
            now,
            current.passwordHash(),
            current.deepLinks(),
            current.clickIdParam(),
            // Stored to the millisecond, as an end date a client sends is: a later save that keeps
            // it must find it unchanged.
            current.routing().withEnd(end.truncatedTo(ChronoUnit.MILLIS), variantId),
            current.importedClicks());
    return store(current, changed);
  }

  public LinkView get(long workspaceId, long id) throws SQLException {
    return view(find(workspaceId, id));
  }

  public Link find(long workspaceId, long id) throws SQLException {
    return repository.find(workspaceId, id).orElseThrow(() -> HttpError.notFound("The link"));
  }

  public LinkPage list(long workspaceId, LinkQuery query) throws SQLException {
    if (query.sort() != null && !LinkRepository.isKnownSort(query.sort())) {
      throw HttpError.invalidParameter(
          "sort", "must be one of created, slug, title, clicks, optionally prefixed with '-'.");
    }
    LinkRepository.Page page = repository.list(workspaceId, query);
    return new LinkPage(
        page.links().stream().map(this::view).toList(),
        page.total(),
        query.offset(),
        query.limit());
  }

  public LinkView view(Link link) {
    return new LinkView(
        link.id(),
        link.slug(),
        link.domain(),
        shortUrl(link),
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
        link.createdAt(),
        link.updatedAt(),
        link.passwordHash() != null,
        link.deepLinks(),
        link.clickIdParam(),
        link.routing().rules(),
        link.routing().variants(),
        link.routing().endsAt(),
        link.routing().promotedVariantId(),
        link.importedClicks());
  }

  String shortUrl(Link link) {
    String base = baseUrl.toString().replaceAll("/+$", "");
    if (link.domain().isEmpty()) {
      return base + "/" + link.slug();
    }
    return baseUrl.getScheme() + "://" + link.domain() + "/" + link.slug();
  }

  /**
   * The link an input describes, every field checked; a custom domain is claimed for the workspace
   * (a bulk change passes none and claims its domains in its own transaction).
   */
  Link validate(
      long workspaceId,
      long id,
      LinkInput input,
      @Nullable Link current,
      @Nullable String keptPasswordHash)
      throws SQLException {
    String domain = LinkRules.domain(input.domain());
    if (!domain.isEmpty() && !repository.claimDomain(domain, workspaceId)) {
      throw HttpError.conflict(
          "domain_taken", "The domain '" + domain + "' belongs to another workspace.");
    }
    String slug =
        input.slug() == null || input.slug().isBlank() ? "" : rules.slug(input.slug().strip());
    String target = LinkRules.url("targetUrl", input.targetUrl());
    String fallback =
        input.fallbackUrl() == null || input.fallbackUrl().isBlank()
            ? null
            : LinkRules.url("fallbackUrl", input.fallbackUrl());
    Instant from = input.validFrom();
    Instant until = input.validUntil();
    if (from != null && until != null && !from.isBefore(until)) {
      throw HttpError.invalidField("validUntil", "must be after validFrom.");
    }
    if (input.maxClicks() != null && input.maxClicks() < 1) {
      throw HttpError.invalidField("maxClicks", "must be at least 1 when set.");
    }
    DeepLinks deepLinks = DeepLinkRules.validate(input.deepLinks());
    String passwordHash = keptPasswordHash;
    if (input.password() != null) {
      passwordHash = Passwords.hash(Passwords.acceptable(input.password()));
    }
    Routing routing =
        RoutingValidation.validate(
            input.rules(),
            input.variants(),
            current == null ? Routing.NONE : current.routing(),
            LinkRules::url);
    Instant now = clock.instant();
    routing =
        RoutingValidation.experimentEnd(
            routing,
            current == null ? Routing.NONE : current.routing(),
            input.experimentEndsAt(),
            now);
    return new Link(
        id,
        workspaceId,
        domain,
        slug,
        target,
        LinkRules.text("title", input.title(), LinkRules.MAX_TITLE_LENGTH),
        LinkRules.text("notes", input.notes(), LinkRules.MAX_NOTES_LENGTH),
        LinkRules.tags(input.tags()),
        LinkRules.redirectType(input.redirectType()),
        from,
        until,
        input.maxClicks(),
        fallback,
        input.forwardQuery() == null || input.forwardQuery(),
        current == null ? 0 : current.totalClicks(),
        current == null ? now : current.createdAt(),
        now,
        passwordHash,
        deepLinks,
        clickIdParam(input.clickIdParam()),
        routing,
        current == null ? 0 : current.importedClicks());
  }

  /** The click id parameter of a link: null (none) when absent or empty. */
  private static @Nullable String clickIdParam(@Nullable String name) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    if (!ClickIds.PARAMETER.matcher(name).matches()) {
      throw HttpError.invalidField(
          "clickIdParam", "must be 1 to 64 letters, digits, '_', '-' or '.', e.g. lsclid.");
    }
    return name;
  }

  static LinkInput input(Link link) {
    return new LinkInput(
        link.slug(),
        link.domain(),
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
        null,
        link.deepLinks(),
        link.clickIdParam(),
        link.routing().rules(),
        link.routing().variants(),
        link.routing().endsAt());
  }

  private static Link withSlug(Link link, String slug) {
    return new Link(
        link.id(),
        link.workspaceId(),
        link.domain(),
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
        link.createdAt(),
        link.updatedAt(),
        link.passwordHash(),
        link.deepLinks(),
        link.clickIdParam(),
        link.routing(),
        link.importedClicks());
  }

  String generateCode() {
    StringBuilder code = new StringBuilder(CODE_LENGTH);
    for (int i = 0; i < CODE_LENGTH; i++) {
      code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
    }
    return code.toString();
  }

  private static HttpError slugTaken(Link link) {
    return HttpError.conflict(
        "slug_taken",
        "The slug '"
            + link.slug()
            + "' is already used"
            + (link.domain().isEmpty() ? "" : " on " + link.domain())
            + ".");
  }
}
