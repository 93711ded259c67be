package io.linkscope.desktop.links;

import com.google.gson.JsonObject;
import io.linkscope.api.Json;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.workspace.Workspace;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/**
 * The create/edit form of a link: fields, inline validation with the collector's rules, UTM fields
 * folded into the target URL, and a QR preview of the short URL.
 */
public final class LinkEditorViewModel {
  private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.:/-]{0,63}");
  private static final List<String> UTM =
      List.of("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content");
  public static final List<Integer> REDIRECT_TYPES = List.of(302, 301, 307, 308);

  private final Workspace session;
  private final ZoneId zone;
  private final @Nullable LinkView original;
  private final StringProperty slug = new SimpleStringProperty(this, "slug", "");
  private final StringProperty target = new SimpleStringProperty(this, "target", "");
  private final StringProperty title = new SimpleStringProperty(this, "title", "");
  private final StringProperty tags = new SimpleStringProperty(this, "tags", "");
  private final ObjectProperty<Integer> redirectType =
      new SimpleObjectProperty<>(this, "redirectType", 302);
  private final ObjectProperty<LocalDate> expires = new SimpleObjectProperty<>(this, "expires");
  private final StringProperty maxClicks = new SimpleStringProperty(this, "maxClicks", "");
  private final Map<String, StringProperty> utm = new LinkedHashMap<>();
  private final ReadOnlyStringWrapper slugError = new ReadOnlyStringWrapper(this, "slugError", "");
  private final ReadOnlyStringWrapper targetError =
      new ReadOnlyStringWrapper(this, "targetError", "");
  private final ReadOnlyStringWrapper tagsError = new ReadOnlyStringWrapper(this, "tagsError", "");
  private final ReadOnlyStringWrapper expiresError =
      new ReadOnlyStringWrapper(this, "expiresError", "");
  private final ReadOnlyStringWrapper maxClicksError =
      new ReadOnlyStringWrapper(this, "maxClicksError", "");
  private final ReadOnlyStringWrapper formError = new ReadOnlyStringWrapper(this, "formError", "");
  private final ReadOnlyStringWrapper shortUrl = new ReadOnlyStringWrapper(this, "shortUrl", "");
  private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");

  /** A form for a new link ({@code original} null) or for changing {@code original}. */
  public LinkEditorViewModel(Workspace session, ZoneId zone, @Nullable LinkView original) {
    this.session = session;
    this.zone = zone;
    this.original = original;
    UTM.forEach(name -> utm.put(name, new SimpleStringProperty(this, name, "")));
    if (original != null) {
      slug.set(original.slug());
      title.set(Optional.ofNullable(original.title()).orElse(""));
      tags.set(String.join(", ", original.tags()));
      redirectType.set(original.redirectType());
      expires.set(
          original.validUntil() == null
              ? null
              : original.validUntil().atZone(zone).toLocalDate().minusDays(1));
      maxClicks.set(original.maxClicks() == null ? "" : original.maxClicks().toString());
      splitUtm(original.targetUrl());
    }
    slug.addListener((o, a, b) -> updateShortUrl());
    updateShortUrl();
  }

  public boolean isNew() {
    return original == null;
  }

  public StringProperty slugProperty() {
    return slug;
  }

  public StringProperty targetProperty() {
    return target;
  }

  public StringProperty titleProperty() {
    return title;
  }

  /** Comma-separated tags. */
  public StringProperty tagsProperty() {
    return tags;
  }

  public ObjectProperty<Integer> redirectTypeProperty() {
    return redirectType;
  }

  /** The last day the link works (in the app's zone); empty for no expiry. */
  public ObjectProperty<LocalDate> expiresProperty() {
    return expires;
  }

  public StringProperty maxClicksProperty() {
    return maxClicks;
  }

  /** The UTM field with this parameter name, e.g. "utm_source". */
  public StringProperty utmProperty(String name) {
    return Objects.requireNonNull(utm.get(name), name);
  }

  public List<String> utmNames() {
    return UTM;
  }

  public ReadOnlyStringProperty slugErrorProperty() {
    return slugError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty targetErrorProperty() {
    return targetError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty tagsErrorProperty() {
    return tagsError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty expiresErrorProperty() {
    return expiresError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty maxClicksErrorProperty() {
    return maxClicksError.getReadOnlyProperty();
  }

  /** A problem not tied to one field, e.g. being offline. */
  public ReadOnlyStringProperty formErrorProperty() {
    return formError.getReadOnlyProperty();
  }

  /** The short URL the QR code encodes. */
  public ReadOnlyStringProperty shortUrlProperty() {
    return shortUrl.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty savingProperty() {
    return saving.getReadOnlyProperty();
  }

  /** Checks every field, shows the problems inline and says whether the form can be sent. */
  public boolean validate() {
    String slugText = slug.get().strip();
    slugError.set(
        slugText.isEmpty() || SLUG.matcher(slugText).matches()
            ? ""
            : "Use 1–64 letters, digits, - or _, starting with a letter or digit.");
    targetError.set(targetProblem(target.get().strip()));
    List<String> tagList = tagList();
    String badTag =
        tagList.stream().filter(t -> !TAG.matcher(t).matches()).findFirst().orElse(null);
    tagsError.set(
        badTag != null
            ? "'" + badTag + "' is not a valid tag: letters, digits, spaces and . _ : / - only."
            : tagList.size() > 20 ? "At most 20 tags per link." : "");
    LocalDate expiry = expires.get();
    expiresError.set(
        expiry != null && expiry.isBefore(session.clock().instant().atZone(zone).toLocalDate())
            ? "The expiry date is in the past."
            : "");
    String max = maxClicks.get().strip();
    maxClicksError.set(
        max.isEmpty() || max.matches("[1-9]\\d{0,17}") ? "" : "Enter a whole number above 0.");
    formError.set("");
    return slugError.get().isEmpty()
        && targetError.get().isEmpty()
        && tagsError.get().isEmpty()
        && expiresError.get().isEmpty()
        && maxClicksError.get().isEmpty();
  }

  /** Validates and sends the link; {@code onSaved} gets the stored link. */
  public void save(Consumer<LinkView> onSaved) {
    if (!validate()) {
      return;
    }
    LinkInput input = toInput();
    saving.set(true);
    session.change(
        isNew() ? "Create link" : "Save link",
        () -> {
          LinkView saved =
              original == null
                  ? session.client().createLink(input)
                  : session.client().updateLink(original.id(), toPatch(input));
          session.store().upsertLinks(List.of(saved), List.of());
          return saved;
        },
        saved -> {
          saving.set(false);
          onSaved.accept(saved);
        },
        problem -> {
          saving.set(false);
          if (problem.toLowerCase(Locale.ROOT).contains("slug")) {
            slugError.set(problem);
          } else if (problem.toLowerCase(Locale.ROOT).contains("target")) {
            targetError.set(problem);
          } else {
            formError.set(problem);
          }
        });
  }

  LinkInput toInput() {
    String slugText = slug.get().strip();
    String max = maxClicks.get().strip();
    return new LinkInput(
        slugText.isEmpty() ? null : slugText,
        null,
        targetWithUtm(),
        title.get().strip().isEmpty() ? null : title.get().strip(),
        null,
        tagList(),
        redirectType.get(),
        null,
        expires.get() == null ? null : expires.get().plusDays(1).atStartOfDay(zone).toInstant(),
        max.isEmpty() ? null : Long.parseLong(max),
        null,
        null);
  }

  /**
   * The dialog's fields as a merge patch. Gson leaves nulls out, which would keep the old value, so
   * a cleared expiry or click limit is sent as an explicit JSON null, which clears it.
   */
  static JsonObject toPatch(LinkInput input) {
    JsonObject patch = Json.gson().toJsonTree(input).getAsJsonObject();
    if (input.validUntil() == null) {
      patch.add("validUntil", com.google.gson.JsonNull.INSTANCE);
    }
    if (input.maxClicks() == null) {
      patch.add("maxClicks", com.google.gson.JsonNull.INSTANCE);
    }
    return patch;
  }

  private List<String> tagList() {
    List<String> list = new ArrayList<>();
    for (String part : tags.get().split(",")) {
      if (!part.isBlank() && !list.contains(part.strip())) {
        list.add(part.strip());
      }
    }
    return list;
  }

  /** The target URL with the UTM fields set as query parameters (replacing ones already there). */
  public String targetWithUtm() {
    String base = target.get().strip();
    int hashAt = base.indexOf('#');
    String fragment = hashAt < 0 ? "" : base.substring(hashAt);
    String withoutFragment = hashAt < 0 ? base : base.substring(0, hashAt);
    int queryAt = withoutFragment.indexOf('?');
    String path = queryAt < 0 ? withoutFragment : withoutFragment.substring(0, queryAt);
    List<String> params = new ArrayList<>();
    if (queryAt >= 0) {
      for (String pair : withoutFragment.substring(queryAt + 1).split("&")) {
        String name = pair.split("=", 2)[0];
        if (!pair.isEmpty() && !UTM.contains(name)) {
          params.add(pair);
        }
      }
    }
    utm.forEach(
        (name, value) -> {
          if (!value.get().isBlank()) {
            params.add(name + "=" + URLEncoder.encode(value.get().strip(), StandardCharsets.UTF_8));
          }
        });
    return path + (params.isEmpty() ? "" : "?" + String.join("&", params)) + fragment;
  }

  private void splitUtm(String url) {
    target.set(url);
    int queryAt = url.indexOf('?');
    if (queryAt < 0) {
      return;
    }
    String query = url.substring(queryAt + 1).split("#", 2)[0];
    for (String pair : query.split("&")) {
      String[] parts = pair.split("=", 2);
      if (UTM.contains(parts[0]) && parts.length == 2) {
        utmProperty(parts[0]).set(URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
      }
    }
  }

  private static String targetProblem(String url) {
    if (url.isEmpty()) {
      return "Enter the URL visitors should go to.";
    }
    if (url.length() > 2048) {
      return "The URL is longer than 2048 characters.";
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return "Start the URL with https:// or http://.";
      }
      if (uri.getHost() == null || uri.getHost().isBlank()) {
        return "The URL needs a host name, e.g. https://example.com/page.";
      }
      return "";
    } catch (URISyntaxException e) {
      return "This is not a valid URL: " + e.getReason() + ".";
    }
  }

  private void updateShortUrl() {
    String slugText = slug.get().strip();
    if (original != null && slugText.equals(original.slug())) {
      shortUrl.set(original.shortUrl());
    } else {
      String base = session.collectorUrl().replaceFirst("/+$", "");
      // No QR code for a slug the collector would refuse: it could be printed by mistake.
      shortUrl.set(
          slugText.isEmpty() || !SLUG.matcher(slugText).matches() ? "" : base + "/" + slugText);
    }
  }

  public byte[] qrPng() {
    return QrCodes.png(shortUrl.get(), 10);
  }

  public String qrSvg() {
    return QrCodes.svg(shortUrl.get());
  }
}
