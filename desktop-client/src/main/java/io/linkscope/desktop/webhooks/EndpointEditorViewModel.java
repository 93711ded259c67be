package io.linkscope.desktop.webhooks;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.linkscope.api.webhook.WebhookEndpointCreated;
import io.linkscope.api.webhook.WebhookEndpointInput;
import io.linkscope.api.webhook.WebhookEndpointView;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.ui.Problem;
import io.linkscope.desktop.workspace.Workspace;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/**
 * The form of a new endpoint or of changes to one: URL, description, events, the optional filter by
 * links (typed as slugs, sent as ids) or tags, enabled and batch. It is checked before sending; a
 * field the collector refuses shows its reason under that field, any other refusal is a dialog, and
 * the form keeps what was typed either way.
 */
public final class EndpointEditorViewModel {
  /** The collector's answer: the endpoint, and its signing secret when it was just created. */
  public record Saved(WebhookEndpointView endpoint, @Nullable String secret) {}

  private final Workspace session;
  private final Notifier notifier;
  private final @Nullable WebhookEndpointView original;
  private final Map<Long, String> slugsById;
  private final StringProperty url = new SimpleStringProperty(this, "url", "");
  private final StringProperty description = new SimpleStringProperty(this, "description", "");
  private final Map<String, BooleanProperty> events = new LinkedHashMap<>();
  private final StringProperty links = new SimpleStringProperty(this, "links", "");
  private final StringProperty tags = new SimpleStringProperty(this, "tags", "");
  private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled", true);
  private final BooleanProperty batch = new SimpleBooleanProperty(this, "batch", false);
  private final Map<String, ReadOnlyStringWrapper> errors = new LinkedHashMap<>();
  private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");

  /**
   * A form for {@code original} (null: a new endpoint); {@code slugsById} are the workspace's links
   * as the local copy knows them, to write the link filter as slugs.
   */
  EndpointEditorViewModel(
      Workspace session,
      Notifier notifier,
      @Nullable WebhookEndpointView original,
      Map<Long, String> slugsById) {
    this.session = session;
    this.notifier = notifier;
    this.original = original;
    this.slugsById = Map.copyOf(slugsById);
    for (String type : WebhookEvents.ALL) {
      events.put(type, new SimpleBooleanProperty(this, type, false));
    }
    for (String field : List.of("url", "description", "events", "links", "tags")) {
      errors.put(field, new ReadOnlyStringWrapper(this, field + "Error", ""));
    }
    if (original == null) {
      Objects.requireNonNull(events.get(WebhookEvents.LINK_CLICKED)).set(true);
    } else {
      url.set(original.url());
      description.set(Objects.requireNonNullElse(original.description(), ""));
      for (String type : original.events()) {
        events.computeIfAbsent(type, t -> new SimpleBooleanProperty(this, t)).set(true);
      }
      links.set(String.join(", ", original.linkIds().stream().map(this::slug).toList()));
      tags.set(String.join(", ", original.tags()));
      enabled.set(original.enabled());
      batch.set(original.batch());
    }
    // An error goes as soon as its field is fixed.
    url.addListener((o, a, b) -> recheck("url", urlProblem()));
    description.addListener((o, a, b) -> recheck("description", descriptionProblem()));
    links.addListener((o, a, b) -> recheck("links", linksProblem()));
    tags.addListener((o, a, b) -> recheck("tags", ""));
    events.values().forEach(e -> e.addListener((o, a, b) -> recheck("events", eventsProblem())));
  }

  /** True for a new endpoint, false for changes to one. */
  public boolean creating() {
    return original == null;
  }

  public StringProperty urlProperty() {
    return url;
  }

  public StringProperty descriptionProperty() {
    return description;
  }

  /** The event types in the API's order, each with whether the endpoint receives it. */
  public Map<String, BooleanProperty> events() {
    return events;
  }

  /** Only events of these links: slugs separated by commas; empty for every link. */
  public StringProperty linksProperty() {
    return links;
  }

  /** Only events of links with one of these tags, separated by commas; empty for every tag. */
  public StringProperty tagsProperty() {
    return tags;
  }

  public BooleanProperty enabledProperty() {
    return enabled;
  }

  public BooleanProperty batchProperty() {
    return batch;
  }

  /** The problem with {@code field} (url, description, events, links, tags); "" when none. */
  public ReadOnlyStringProperty error(String field) {
    return err(field).getReadOnlyProperty();
  }

  private ReadOnlyStringWrapper err(String field) {
    return Objects.requireNonNull(errors.get(field), field);
  }

  public ReadOnlyBooleanProperty savingProperty() {
    return saving.getReadOnlyProperty();
  }

  /** Checks every field and shows what is wrong; true when the form can be sent. */
  public boolean validate() {
    err("url").set(urlProblem());
    err("description").set(descriptionProblem());
    err("events").set(eventsProblem());
    err("links").set(linksProblem());
    return errors.values().stream().allMatch(e -> e.get().isEmpty());
  }

  /**
   * Sends the form; {@code done} gets the collector's answer. Nothing is sent while changes are not
   * possible (offline, a read-only key): the reason is shown as a dialog and the form stays.
   */
  public void save(Consumer<Saved> done) {
    if (!validate()) {
      return;
    }
    if (!session.writableProperty().get()) {
      notifier.error(title(), session.writeBlockedReasonProperty().get());
      return;
    }
    saving.set(true);
    WebhookEndpointView before = original;
    WebhookEndpointInput input = input();
    JsonObject patch = before == null ? new JsonObject() : patch(before, input);
    session
        .background()
        .run(
            title(),
            () -> {
              if (before == null) {
                WebhookEndpointCreated created = session.client().createWebhookEndpoint(input);
                return new Saved(created.endpoint(), created.secret());
              }
              return new Saved(
                  patch.size() == 0
                      ? before
                      : session.client().updateWebhookEndpoint(before.id(), patch),
                  null);
            },
            saved -> {
              saving.set(false);
              done.accept(saved);
            },
            failure -> {
              saving.set(false);
              show(Problem.of(failure));
            });
  }

  /** Shows a refusal under its field, else as a dialog; the form keeps what was typed. */
  void show(Problem problem) {
    String field = problem.field() == null ? "" : problem.field();
    String formField = field.equals("linkIds") ? "links" : field;
    ReadOnlyStringWrapper error = errors.get(formField);
    if (error != null) {
      error.set(problem.message());
    } else {
      notifier.error(title(), problem.message());
    }
  }

  private String title() {
    return original == null ? "Cannot create the endpoint" : "Cannot save the endpoint";
  }

  private WebhookEndpointInput input() {
    String text = description.get().strip();
    return new WebhookEndpointInput(
        url.get().strip(),
        text.isEmpty() ? null : text,
        chosenEvents(),
        linkIds(),
        splitList(tags.get()),
        enabled.get(),
        batch.get());
  }

  /** The fields that differ from {@code before}, as a JSON merge patch. */
  private static JsonObject patch(WebhookEndpointView before, WebhookEndpointInput input) {
    JsonObject patch = new JsonObject();
    if (!Objects.equals(input.url(), before.url())) {
      patch.addProperty("url", input.url());
    }
    if (!Objects.equals(input.description(), before.description())) {
      patch.addProperty("description", input.description());
    }
    if (!Objects.equals(input.events(), before.events())) {
      patch.add("events", strings(Objects.requireNonNull(input.events())));
    }
    if (!Objects.equals(input.linkIds(), before.linkIds())) {
      JsonArray ids = new JsonArray();
      Objects.requireNonNull(input.linkIds()).forEach(ids::add);
      patch.add("linkIds", ids);
    }
    if (!Objects.equals(input.tags(), before.tags())) {
      patch.add("tags", strings(Objects.requireNonNull(input.tags())));
    }
    if (!Objects.equals(input.enabled(), before.enabled())) {
      patch.addProperty("enabled", input.enabled());
    }
    if (!Objects.equals(input.batch(), before.batch())) {
      patch.addProperty("batch", input.batch());
    }
    return patch;
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    values.forEach(array::add);
    return array;
  }

  private List<String> chosenEvents() {
    return events.entrySet().stream()
        .filter(e -> e.getValue().get())
        .map(Map.Entry::getKey)
        .toList();
  }

  private List<Long> linkIds() {
    List<Long> ids = new ArrayList<>();
    for (String slug : splitList(links.get())) {
      Long id = idOf(slug);
      if (id != null) {
        ids.add(id);
      }
    }
    return ids;
  }

  private @Nullable Long idOf(String slug) {
    if (slug.matches("#\\d{1,18}")) {
      return Long.parseLong(slug.substring(1));
    }
    for (Map.Entry<Long, String> link : slugsById.entrySet()) {
      if (link.getValue().equalsIgnoreCase(slug)) {
        return link.getKey();
      }
    }
    return null;
  }

  /** A link of the filter as the user knows it: its slug, or "#12" for one not in the copy. */
  private String slug(long id) {
    return slugsById.getOrDefault(id, "#" + id);
  }

  private static List<String> splitList(String text) {
    return List.copyOf(
        new LinkedHashSet<>(
            Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()));
  }

  private void recheck(String field, String problem) {
    ReadOnlyStringWrapper error = err(field);
    if (!error.get().isEmpty() && problem.isEmpty()) {
      error.set("");
    }
  }

  private String urlProblem() {
    String value = url.get().strip();
    if (value.isEmpty()) {
      return "Enter the address events are sent to, e.g. https://hooks.example.com/linkscope.";
    }
    try {
      URI uri = new URI(value);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        return "The URL must start with https:// (or http://).";
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        return "The URL needs a host name, e.g. https://hooks.example.com/linkscope.";
      }
    } catch (URISyntaxException e) {
      return "This is not a URL ("
          + e.getReason().toLowerCase(Locale.ROOT)
          + "): write it like https://hooks.example.com/linkscope.";
    }
    return value.length() > 2000 ? "At most 2,000 characters (now " + value.length() + ")." : "";
  }

  private String descriptionProblem() {
    int length = description.get().strip().length();
    return length > 500 ? "At most 500 characters (now " + length + ")." : "";
  }

  private String eventsProblem() {
    return chosenEvents().isEmpty() ? "Choose at least one event." : "";
  }

  private String linksProblem() {
    List<String> unknown =
        splitList(links.get()).stream().filter(slug -> idOf(slug) == null).toList();
    if (unknown.isEmpty()) {
      return "";
    }
    return (unknown.size() == 1 ? "No link " : "No links ")
        + String.join(", ", unknown.stream().map(s -> "“" + s + "”").toList())
        + " in this workspace (as of the last sync): write the slugs as in Links, separated by"
        + " commas.";
  }
}
