package io.linkscope.collector.bio;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.linkscope.api.Json;
import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.api.bio.BioWidgetOrder;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.link.LinkRules;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The bio page feature's use cases: validate, store, keep the rendered-page cache in step, and
 * present pages with their public URL.
 */
public final class BioPages {
  private final BioRepository repository;
  private final BioPageCache cache;
  private final DomainClaims domains;
  private final BioAddresses addresses;
  private final Clock clock;

  public BioPages(
      BioRepository repository,
      BioPageCache cache,
      DomainClaims domains,
      BioAddresses addresses,
      Clock clock) {
    this.repository = repository;
    this.cache = cache;
    this.domains = domains;
    this.addresses = addresses;
    this.clock = clock;
  }

  public BioPageView create(long workspaceId, BioPageInput input) throws SQLException {
    BioPage page = validate(workspaceId, 0, input, null);
    try {
      long id = repository.insert(page);
      cache.invalidate(page.domain(), page.handle());
      return get(workspaceId, id);
    } catch (BioRepository.HandleTakenException e) {
      throw handleTaken(page);
    }
  }

  public BioPageView get(long workspaceId, long id) throws SQLException {
    return view(find(workspaceId, id));
  }

  public List<BioPageView> list(long workspaceId) throws SQLException {
    return repository.list(workspaceId).stream().map(this::view).toList();
  }

  /**
   * Applies a JSON merge patch. A {@code theme} object with a {@code preset} replaces the theme;
   * one without changes only the values it names.
   */
  public BioPageView update(long workspaceId, long id, JsonObject patch) throws SQLException {
    BioPage current = find(workspaceId, id);
    JsonObject merged = Json.gson().toJsonTree(input(current)).getAsJsonObject();
    for (Map.Entry<String, JsonElement> field : patch.entrySet()) {
      if (field.getKey().equals("theme")
          && field.getValue().isJsonObject()
          && !field.getValue().getAsJsonObject().has("preset")) {
        JsonObject theme = merged.getAsJsonObject("theme");
        field
            .getValue()
            .getAsJsonObject()
            .entrySet()
            .forEach(e -> theme.add(e.getKey(), e.getValue()));
      } else {
        merged.add(field.getKey(), field.getValue());
      }
    }
    return save(
        current, validate(workspaceId, id, Json.readStrict(merged, BioPageInput.class), current));
  }

  BioPageView setPublished(long workspaceId, long id, boolean published) throws SQLException {
    JsonObject patch = new JsonObject();
    patch.addProperty("published", published);
    return update(workspaceId, id, patch);
  }

  public void delete(long workspaceId, long id) throws SQLException {
    BioPage current = find(workspaceId, id);
    if (!repository.delete(workspaceId, id)) {
      throw HttpError.notFound("The page");
    }
    cache.invalidate(current.domain(), current.handle());
  }

  /** The page as visitors would see it, published or not, with taps going straight out. */
  public String preview(long workspaceId, long id) throws SQLException {
    BioPage page = find(workspaceId, id);
    return BioRenderer.render(page, addresses.publicUrl(page), BioRenderer.Mode.PREVIEW);
  }

  public BioWidgetView addWidget(long workspaceId, long pageId, BioWidgetInput input)
      throws SQLException {
    BioPage page = find(workspaceId, pageId);
    if (page.widgets().size() >= BioRules.MAX_WIDGETS) {
      throw HttpError.conflict(
          "too_many_widgets", "A page holds at most " + BioRules.MAX_WIDGETS + " widgets.");
    }
    BioWidgetView widget = BioRules.widget(0, page.widgets().size(), input);
    long id = repository.insertWidget(pageId, widget);
    return changed(page, id);
  }

  /** Applies a JSON merge patch to a widget; its type cannot change. */
  public BioWidgetView updateWidget(long workspaceId, long pageId, long widgetId, JsonObject patch)
      throws SQLException {
    BioPage page = find(workspaceId, pageId);
    BioWidgetView current = widget(page, widgetId);
    JsonObject merged =
        Json.gson()
            .toJsonTree(
                new BioWidgetInput(
                    current.type(),
                    current.title(),
                    current.url(),
                    current.imageUrl(),
                    current.text(),
                    current.icons()))
            .getAsJsonObject();
    patch.entrySet().forEach(field -> merged.add(field.getKey(), field.getValue()));
    BioWidgetInput input = Json.readStrict(merged, BioWidgetInput.class);
    if (input.type() == null || !input.type().strip().equalsIgnoreCase(current.type())) {
      throw HttpError.invalidField(
          "type", "cannot change; delete the widget and add one of the new type.");
    }
    BioWidgetView changed = BioRules.widget(widgetId, current.position(), input);
    if (!repository.updateWidget(pageId, changed)) {
      throw HttpError.notFound("The widget");
    }
    return changed(page, widgetId);
  }

  public void deleteWidget(long workspaceId, long pageId, long widgetId) throws SQLException {
    BioPage page = find(workspaceId, pageId);
    widget(page, widgetId);
    if (!repository.deleteWidget(pageId, widgetId)) {
      throw HttpError.notFound("The widget");
    }
    cache.invalidate(page.domain(), page.handle());
  }

  public BioPageView reorder(long workspaceId, long pageId, BioWidgetOrder order)
      throws SQLException {
    BioPage page = find(workspaceId, pageId);
    List<Long> ids = order.widgetIds() == null ? List.of() : order.widgetIds();
    Set<Long> existing = new HashSet<>(page.widgets().stream().map(BioWidgetView::id).toList());
    if (ids.size() != existing.size()
        || ids.stream().anyMatch(id -> id == null)
        || !existing.equals(new HashSet<>(ids))) {
      throw HttpError.invalidField(
          "widgetIds", "must list every widget id of the page exactly once.");
    }
    repository.reorder(pageId, ids);
    cache.invalidate(page.domain(), page.handle());
    return get(workspaceId, pageId);
  }

  private BioWidgetView changed(BioPage page, long widgetId) throws SQLException {
    cache.invalidate(page.domain(), page.handle());
    return widget(find(page.workspaceId(), page.id()), widgetId);
  }

  private BioPage find(long workspaceId, long id) throws SQLException {
    return repository.find(workspaceId, id).orElseThrow(() -> HttpError.notFound("The page"));
  }

  private static BioWidgetView widget(BioPage page, long widgetId) {
    return page.widgets().stream()
        .filter(widget -> widget.id() == widgetId)
        .findFirst()
        .orElseThrow(() -> HttpError.notFound("The widget"));
  }

  private BioPageView save(BioPage current, BioPage changed) throws SQLException {
    try {
      if (!repository.update(changed)) {
        throw HttpError.notFound("The page");
      }
    } catch (BioRepository.HandleTakenException e) {
      throw handleTaken(changed);
    }
    cache.invalidate(current.domain(), current.handle());
    cache.invalidate(changed.domain(), changed.handle());
    return get(changed.workspaceId(), changed.id());
  }

  private BioPage validate(long workspaceId, long id, BioPageInput input, @Nullable BioPage current)
      throws SQLException {
    String domain = LinkRules.domain(input.domain());
    if (!domain.isEmpty() && !domains.claim(domain, workspaceId)) {
      throw HttpError.conflict(
          "domain_taken", "The domain '" + domain + "' belongs to another workspace.");
    }
    Instant now = clock.instant();
    return new BioPage(
        id,
        workspaceId,
        domain,
        BioRules.handle(input.handle()),
        BioRules.title("title", input.title(), BioRules.MAX_TITLE),
        BioRules.line("description", input.description(), BioRules.MAX_DESCRIPTION),
        BioRules.optionalUrl("avatarUrl", input.avatarUrl()),
        Themes.resolve(input.theme()),
        BioRules.line("seoTitle", input.seoTitle(), BioRules.MAX_TITLE),
        BioRules.line("seoDescription", input.seoDescription(), BioRules.MAX_DESCRIPTION),
        BioRules.optionalUrl("ogImageUrl", input.ogImageUrl()),
        input.published() == null ? current != null && current.published() : input.published(),
        current == null ? List.of() : current.widgets(),
        current == null ? now : current.createdAt(),
        now);
  }

  private static BioPageInput input(BioPage page) {
    return new BioPageInput(
        page.handle(),
        page.domain(),
        page.title(),
        page.description(),
        page.avatarUrl(),
        page.theme().view(),
        page.seoTitle(),
        page.seoDescription(),
        page.ogImageUrl(),
        page.published());
  }

  private BioPageView view(BioPage page) {
    return new BioPageView(
        page.id(),
        page.handle(),
        page.domain(),
        addresses.publicUrl(page),
        page.title(),
        page.description(),
        page.avatarUrl(),
        page.theme().view(),
        page.seoTitle(),
        page.seoDescription(),
        page.ogImageUrl(),
        page.published(),
        page.widgets(),
        page.createdAt(),
        page.updatedAt());
  }

  private static HttpError handleTaken(BioPage page) {
    return HttpError.conflict(
        "handle_taken",
        "The handle '@"
            + page.handle()
            + "' is already used on "
            + (page.domain().isEmpty() ? "the default domain" : page.domain())
            + ".");
  }
}
