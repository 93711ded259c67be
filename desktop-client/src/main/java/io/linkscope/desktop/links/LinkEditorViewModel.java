package io.linkscope.desktop.links;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.linkscope.api.Json;
import io.linkscope.api.gate.AppTarget;
import io.linkscope.api.gate.DeepLinks;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.Variant;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.workspace.Workspace;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/**
 * The create/edit form of a link: fields, inline validation with the collector's rules (and the
 * collector's own answers placed next to the field they concern), UTM fields folded into the target
 * URL, a QR preview of the short URL, and the warning before a used slug changes.
 */
public final class LinkEditorViewModel {
  private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
  private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} _.:/-]{0,63}");

  /**
   * How the collector names the field of an {@code invalid_field} error: a name, or a path into a
   * list or object such as {@code rules[2].when.ipRanges[0]} or {@code deepLinks.ios.appUrl}.
   */
  private static final Pattern FIELD_ERROR =
      Pattern.compile("(?s)Field '(\\w+)(?:\\[(\\d+)\\])?((?:[.\\[][\\w.\\[\\]]*)?)': (.+)");

  private static final Pattern ANDROID_PACKAGE =
      Pattern.compile("[A-Za-z][A-Za-z0-9_]*(\\.[A-Za-z][A-Za-z0-9_]*)+");
  public static final int MIN_PASSWORD_LENGTH = 4;
  public static final int MAX_PASSWORD_LENGTH = 128;

  private static final List<String> UTM =
      List.of("utm_source", "utm_medium", "utm_campaign", "utm_term", "utm_content");
  public static final List<Integer> REDIRECT_TYPES = List.of(302, 301, 307, 308);
  public static final int MAX_TITLE_LENGTH = 200;
  public static final int MAX_NOTES_LENGTH = 10_000;
  public static final int MAX_URL_LENGTH = 2048;

  private final Workspace session;
  private final Notifier notifier;
  private final ZoneId zone;
  private final @Nullable LinkView original;
  private final StringProperty slug = new SimpleStringProperty(this, "slug", "");
  private final StringProperty target = new SimpleStringProperty(this, "target", "");
  private final StringProperty title = new SimpleStringProperty(this, "title", "");
  private final StringProperty notes = new SimpleStringProperty(this, "notes", "");
  private final StringProperty tags = new SimpleStringProperty(this, "tags", "");
  private final ObjectProperty<Integer> redirectType =
      new SimpleObjectProperty<>(this, "redirectType", 302);
  private final ObjectProperty<LocalDate> validFrom = new SimpleObjectProperty<>(this, "validFrom");
  private final ObjectProperty<LocalDate> expires = new SimpleObjectProperty<>(this, "expires");
  private final StringProperty maxClicks = new SimpleStringProperty(this, "maxClicks", "");
  private final StringProperty fallback = new SimpleStringProperty(this, "fallback", "");
  private final BooleanProperty forwardQuery =
      new SimpleBooleanProperty(this, "forwardQuery", true);
  private final Map<String, StringProperty> utm = new LinkedHashMap<>();
  private final RulesViewModel rules;
  private final VariantsViewModel variants;
  private final @Nullable SignificanceViewModel significance;
  private final StringProperty iosAppUrl = new SimpleStringProperty(this, "iosAppUrl", "");
  private final StringProperty iosStoreUrl = new SimpleStringProperty(this, "iosStoreUrl", "");
  private final StringProperty androidAppUrl = new SimpleStringProperty(this, "androidAppUrl", "");
  private final StringProperty androidStoreUrl =
      new SimpleStringProperty(this, "androidStoreUrl", "");
  private final StringProperty androidPackage =
      new SimpleStringProperty(this, "androidPackage", "");
  private final StringProperty password = new SimpleStringProperty(this, "password", "");
  private final BooleanProperty removePassword =
      new SimpleBooleanProperty(this, "removePassword", false);
  private final ReadOnlyStringWrapper iosError = error("iosError");
  private final ReadOnlyStringWrapper androidError = error("androidError");
  private final ReadOnlyStringWrapper passwordError = error("passwordError");
  private final ReadOnlyStringWrapper slugError = error("slugError");
  private final ReadOnlyStringWrapper targetError = error("targetError");
  private final ReadOnlyStringWrapper titleError = error("titleError");
  private final ReadOnlyStringWrapper notesError = error("notesError");
  private final ReadOnlyStringWrapper tagsError = error("tagsError");
  private final ReadOnlyStringWrapper validFromError = error("validFromError");
  private final ReadOnlyStringWrapper expiresError = error("expiresError");
  private final ReadOnlyStringWrapper maxClicksError = error("maxClicksError");
  private final ReadOnlyStringWrapper fallbackError = error("fallbackError");
  private final ReadOnlyStringWrapper shortUrl = new ReadOnlyStringWrapper(this, "shortUrl", "");
  private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");
  private final ReadOnlyBooleanWrapper exportable = new ReadOnlyBooleanWrapper(this, "exportable");
  private final BooleanBinding canSave;
  private final StringBinding offlineReason;

  /** One field's error and the client-side check that sets it. */
  private record Check(ReadOnlyStringWrapper error, Supplier<String> problem) {}

  private final List<Check> checks;

  /** A form for a new link ({@code original} null) or for changing {@code original}. */
  public LinkEditorViewModel(
      Workspace session, Notifier notifier, ZoneId zone, @Nullable LinkView original) {
    this.session = session;
    this.notifier = notifier;
    this.zone = zone;
    this.original = original;
    UTM.forEach(name -> utm.put(name, new SimpleStringProperty(this, name, "")));
    if (original != null) {
      slug.set(original.slug());
      title.set(Objects.requireNonNullElse(original.title(), ""));
      notes.set(Objects.requireNonNullElse(original.notes(), ""));
      tags.set(String.join(", ", original.tags()));
      redirectType.set(original.redirectType());
      validFrom.set(day(original.validFrom(), 0));
      // validUntil is the first instant the link no longer works: the day before is its last.
      expires.set(day(original.validUntil(), 1));
      maxClicks.set(original.maxClicks() == null ? "" : original.maxClicks().toString());
      fallback.set(Objects.requireNonNullElse(original.fallbackUrl(), ""));
      forwardQuery.set(original.forwardQuery());
      splitUtm(original.targetUrl());
      DeepLinks deepLinks = original.deepLinks();
      if (deepLinks != null && deepLinks.ios() != null) {
        iosAppUrl.set(Objects.requireNonNullElse(deepLinks.ios().appUrl(), ""));
        iosStoreUrl.set(Objects.requireNonNullElse(deepLinks.ios().storeUrl(), ""));
      }
      if (deepLinks != null && deepLinks.android() != null) {
        androidAppUrl.set(Objects.requireNonNullElse(deepLinks.android().appUrl(), ""));
        androidStoreUrl.set(Objects.requireNonNullElse(deepLinks.android().storeUrl(), ""));
        androidPackage.set(Objects.requireNonNullElse(deepLinks.android().androidPackage(), ""));
      }
    }
    // A link read from an older local copy may have no lists at all.
    List<RoutingRule> storedRules = original == null ? null : original.rules();
    List<Variant> storedVariants = original == null ? null : original.variants();
    rules = new RulesViewModel(storedRules == null ? List.of() : storedRules);
    variants =
        new VariantsViewModel(
            storedVariants == null ? List.of() : storedVariants,
            original == null ? null : original.clickIdParam(),
            original == null ? null : original.experimentEndsAt(),
            original == null ? null : original.promotedVariantId(),
            zone,
            session.clock());
    significance =
        original == null || storedVariants == null || storedVariants.isEmpty()
            ? null
            : new SignificanceViewModel(session, original, zone);
    if (significance != null) {
      significance.onPromoted(this::promoted);
    }
    checks =
        List.of(
            new Check(slugError, this::slugProblem),
            new Check(targetError, () -> urlProblem(target.get(), true)),
            new Check(titleError, () -> lengthProblem(title.get(), MAX_TITLE_LENGTH)),
            new Check(notesError, () -> lengthProblem(notes.get(), MAX_NOTES_LENGTH)),
            new Check(tagsError, this::tagsProblem),
            new Check(validFromError, () -> ""),
            new Check(expiresError, this::expiresProblem),
            new Check(maxClicksError, this::maxClicksProblem),
            new Check(fallbackError, () -> urlProblem(fallback.get(), false)),
            new Check(iosError, () -> appProblem(iosAppUrl, iosStoreUrl, null)),
            new Check(
                androidError, () -> appProblem(androidAppUrl, androidStoreUrl, androidPackage)),
            new Check(passwordError, this::passwordProblem));
    // A shown error is checked again as its field changes, and goes once the field is fixed.
    recheckOnChange(slugError, slug);
    recheckOnChange(targetError, target);
    recheckOnChange(titleError, title);
    recheckOnChange(notesError, notes);
    recheckOnChange(tagsError, tags);
    recheckOnChange(validFromError, validFrom, expires);
    recheckOnChange(expiresError, expires, validFrom);
    recheckOnChange(maxClicksError, maxClicks);
    recheckOnChange(fallbackError, fallback);
    recheckOnChange(iosError, iosAppUrl, iosStoreUrl);
    recheckOnChange(androidError, androidAppUrl, androidStoreUrl, androidPackage);
    recheckOnChange(passwordError, password, removePassword);
    // Typing a new password and removing the password exclude each other.
    password.addListener(
        (o, a, typed) -> {
          if (!typed.isEmpty()) {
            removePassword.set(false);
          }
        });
    removePassword.addListener(
        (o, a, remove) -> {
          if (remove) {
            password.set("");
          }
        });
    slug.addListener((o, a, b) -> updateShortUrl());
    updateShortUrl();
    canSave = session.writableProperty().and(saving.not());
    offlineReason =
        Bindings.createStringBinding(
            () ->
                session.writableProperty().get()
                    ? ""
                    : session.writeBlockedReasonProperty().get()
                        + " What you typed stays here until then.",
            session.writableProperty(),
            session.writeBlockedReasonProperty());
  }

  private ReadOnlyStringWrapper error(String name) {
    return new ReadOnlyStringWrapper(this, name, "");
  }

  private void recheckOnChange(ReadOnlyStringWrapper error, Observable... fields) {
    for (Observable field : fields) {
      field.addListener(
          changed -> {
            if (!error.get().isEmpty()) {
              error.set(check(error).problem().get());
            }
          });
    }
  }

  private Check check(ReadOnlyStringWrapper error) {
    return checks.stream().filter(c -> c.error() == error).findFirst().orElseThrow();
  }

  private @Nullable LocalDate day(@Nullable Instant instant, int daysBefore) {
    return instant == null ? null : instant.atZone(zone).toLocalDate().minusDays(daysBefore);
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

  /** Notes for the team; never shown to visitors. */
  public StringProperty notesProperty() {
    return notes;
  }

  /** Comma-separated tags. */
  public StringProperty tagsProperty() {
    return tags;
  }

  public ObjectProperty<Integer> redirectTypeProperty() {
    return redirectType;
  }

  /** The first day the link works (in the app's zone); empty for at once. */
  public ObjectProperty<LocalDate> validFromProperty() {
    return validFrom;
  }

  /** The last day the link works (in the app's zone); empty for no expiry. */
  public ObjectProperty<LocalDate> expiresProperty() {
    return expires;
  }

  public StringProperty maxClicksProperty() {
    return maxClicks;
  }

  /** Where visitors go before the start, after the expiry or past the click limit. */
  public StringProperty fallbackProperty() {
    return fallback;
  }

  /** Whether the visitor's own query parameters are passed on to the target. */
  public BooleanProperty forwardQueryProperty() {
    return forwardQuery;
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

  public ReadOnlyStringProperty titleErrorProperty() {
    return titleError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty notesErrorProperty() {
    return notesError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty tagsErrorProperty() {
    return tagsError.getReadOnlyProperty();
  }

  /**
   * A text typed into the valid-from picker that is no date: explained next to the field, the day
   * chosen before stays. The message goes once another day is chosen.
   */
  public void rejectValidFrom(String text) {
    validFromError.set(Formats.notADate(text, today()) + " The start date is unchanged.");
  }

  /** As {@link #rejectValidFrom}, for the expiry picker. */
  public void rejectExpires(String text) {
    expiresError.set(Formats.notADate(text, today()) + " The expiry date is unchanged.");
  }

  private LocalDate today() {
    return session.clock().instant().atZone(zone).toLocalDate();
  }

  public ReadOnlyStringProperty validFromErrorProperty() {
    return validFromError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty expiresErrorProperty() {
    return expiresError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty maxClicksErrorProperty() {
    return maxClicksError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty fallbackErrorProperty() {
    return fallbackError.getReadOnlyProperty();
  }

  /** The ordered routing rules. */
  public RulesViewModel rules() {
    return rules;
  }

  /** The A/B split and the click-id parameter. */
  public VariantsViewModel variants() {
    return variants;
  }

  /** The live test of a saved link with variants; null for a new link or one without a split. */
  public @Nullable SignificanceViewModel significance() {
    return significance;
  }

  public StringProperty iosAppUrlProperty() {
    return iosAppUrl;
  }

  public StringProperty iosStoreUrlProperty() {
    return iosStoreUrl;
  }

  public StringProperty androidAppUrlProperty() {
    return androidAppUrl;
  }

  public StringProperty androidStoreUrlProperty() {
    return androidStoreUrl;
  }

  public StringProperty androidPackageProperty() {
    return androidPackage;
  }

  public ReadOnlyStringProperty iosErrorProperty() {
    return iosError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty androidErrorProperty() {
    return androidError.getReadOnlyProperty();
  }

  /** A new password to set; empty keeps the present one (or none). Never the stored one. */
  public StringProperty passwordProperty() {
    return password;
  }

  /** Whether the password is removed on save; only offered while the link has one. */
  public BooleanProperty removePasswordProperty() {
    return removePassword;
  }

  public ReadOnlyStringProperty passwordErrorProperty() {
    return passwordError.getReadOnlyProperty();
  }

  /** Whether the saved link asks visitors for a password (the collector never tells which). */
  public boolean isPasswordProtected() {
    return original != null && original.passwordProtected();
  }

  /** The password's state in words, for above the field. */
  public String passwordState() {
    return isPasswordProtected()
        ? "Protected: visitors must type a password. It is stored only as a hash and never shown;"
            + " type a new one to replace it, or remove it."
        : "Not protected: anyone with the short URL is sent on. Type a password to ask visitors"
            + " for it first.";
  }

  /** The short URL the QR preview encodes (the one the link will have once saved). */
  public ReadOnlyStringProperty shortUrlProperty() {
    return shortUrl.getReadOnlyProperty();
  }

  /** Whether the QR code can be exported: only of a saved link whose slug is unchanged. */
  public ReadOnlyBooleanProperty exportableProperty() {
    return exportable.getReadOnlyProperty();
  }

  /** The QR export of the saved link; only while {@link #exportableProperty()} holds. */
  public QrExportViewModel qrExport() {
    if (original == null || !exportable.get()) {
      throw new IllegalStateException("Only a saved link's QR code is exported");
    }
    return new QrExportViewModel(original, session.background(), notifier);
  }

  /** Confirms that the short URL was put on the clipboard. */
  public void copiedShortUrl() {
    notifier.info("Copied " + shortUrl.get());
  }

  public ReadOnlyBooleanProperty savingProperty() {
    return saving.getReadOnlyProperty();
  }

  /** Whether Save can be pressed: online and not already saving. */
  public BooleanBinding canSaveProperty() {
    return canSave;
  }

  /** Why Save is disabled while offline; empty while online. */
  public StringBinding offlineReasonProperty() {
    return offlineReason;
  }

  /** Checks every field, shows the problems inline and says whether the form can be sent. */
  public boolean validate() {
    boolean valid = true;
    for (Check check : checks) {
      String problem = check.problem().get();
      check.error().set(problem);
      valid &= problem.isEmpty();
    }
    valid &= rules.validate();
    valid &= variants.validate();
    return valid;
  }

  private String slugProblem() {
    String slugText = slug.get().strip();
    return slugText.isEmpty() || SLUG.matcher(slugText).matches()
        ? ""
        : "Use 1–64 letters, digits, - or _, starting with a letter or digit.";
  }

  private String tagsProblem() {
    List<String> tagList = tagList();
    String badTag =
        tagList.stream().filter(t -> !TAG.matcher(t).matches()).findFirst().orElse(null);
    return badTag != null
        ? "'" + badTag + "' is not a valid tag: letters, digits, spaces and . _ : / - only."
        : tagList.size() > 20 ? "At most 20 tags per link." : "";
  }

  private String expiresProblem() {
    LocalDate expiry = expires.get();
    LocalDate from = validFrom.get();
    if (expiry == null) {
      return "";
    }
    boolean unchanged = original != null && expiry.equals(day(original.validUntil(), 1));
    // An expired link keeps its day while other fields change; only a new day must lie ahead.
    if (!unchanged && expiry.isBefore(session.clock().instant().atZone(zone).toLocalDate())) {
      return "The expiry date is in the past.";
    }
    if (from != null && expiry.isBefore(from)) {
      return "The link would end before it starts (" + Formats.date(from) + ").";
    }
    return "";
  }

  private String maxClicksProblem() {
    String max = maxClicks.get().strip();
    return max.isEmpty() || max.matches("[1-9]\\d{0,17}") ? "" : "Enter a whole number above 0.";
  }

  private static String lengthProblem(String text, int max) {
    int length = text.strip().length();
    return length <= max ? "" : "At most %,d characters; this has %,d.".formatted(max, length);
  }

  /**
   * The warning to confirm before saving, when the slug of a link that has clicks changes: its old
   * short URL stops working. Empty when there is nothing to warn about.
   */
  public Optional<String> slugChangeWarning() {
    String newSlug = slug.get().strip();
    if (original == null
        || original.totalClicks() == 0
        || newSlug.isEmpty()
        || newSlug.equals(original.slug())) {
      return Optional.empty();
    }
    String clicks =
        original.totalClicks() == 1 ? "1 click" : "%,d clicks".formatted(original.totalClicks());
    return Optional.of(
        "The old short URL "
            + original.shortUrl()
            + " has "
            + clicks
            + " and stops working once you save: anyone who follows it, from a post, an e-mail or"
            + " a printed QR code, gets a not-found page. The new short URL is "
            + shortUrl.get()
            + ". The clicks so far stay in this link's analytics.");
  }

  /**
   * Validates and sends the link; {@code onSaved} gets the stored link. Field problems, also the
   * collector's, are shown next to their field; anything else as an error dialog. The fields keep
   * what the user typed either way.
   */
  public void save(Consumer<LinkView> onSaved) {
    if (!validate()) {
      return;
    }
    String action = isNew() ? "Cannot create the link" : "Cannot save the link";
    if (!session.writableProperty().get()) {
      notifier.error(action, session.writeBlockedReasonProperty().get());
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
                  : session.client().updateLink(original.id(), toPatch());
          session.store().upsertLinks(List.of(saved), List.of());
          return saved;
        },
        saved -> {
          saving.set(false);
          notifier.info((isNew() ? "Created " : "Saved ") + saved.shortUrl());
          onSaved.accept(saved);
        },
        problem -> {
          saving.set(false);
          showCollectorProblem(action, problem);
        });
  }

  /**
   * After a promotion: the promoted variant's URL is the target now and the split has ended, as the
   * collector stored them; a later save keeps both.
   */
  private void promoted(LinkView link) {
    utm.values().forEach(field -> field.set(""));
    splitUtm(link.targetUrl());
    variants.showEnd(link.experimentEndsAt(), link.promotedVariantId());
    notifier.info(
        "Promoted "
            + (link.promotedVariantId() == null
                ? "the variant"
                : variants.variantName(link.promotedVariantId()))
            + ": "
            + link.shortUrl()
            + " now sends every visit to "
            + link.targetUrl());
  }

  /** Puts a refusal of the collector next to the field it names, or shows it as a dialog. */
  private void showCollectorProblem(String action, String problem) {
    Matcher field = FIELD_ERROR.matcher(problem);
    if (field.matches()) {
      String name = field.group(1);
      Integer index = field.group(2) == null ? null : Integer.valueOf(field.group(2));
      String rest = field.group(3).replaceFirst("^\\.", "");
      String message = capitalize(field.group(4));
      // Inside a rule or variant, the part it concerns: "ipRanges[0]: '10.0.0.0/33' has ...".
      String within = rest.isEmpty() ? message : rest.replaceFirst("^when\\.", "") + ": " + message;
      switch (name) {
        case "rules" -> {
          rules.showCollectorError(index, within);
          return;
        }
        case "variants" -> {
          variants.showCollectorError(
              index == null ? within : "Variant " + (index + 1) + ": " + within);
          return;
        }
        case "clickIdParam" -> {
          variants.showClickIdError(message);
          return;
        }
        case "experimentEndsAt" -> {
          variants.showEndError(message + " The end date you chose is still there.");
          return;
        }
        case "deepLinks" -> {
          (rest.startsWith("android") ? androidError : iosError).set(within);
          return;
        }
        default -> {
          ReadOnlyStringWrapper error = index == null && rest.isEmpty() ? errorOfField(name) : null;
          if (error != null) {
            error.set(message);
            return;
          }
        }
      }
    } else if (problem.startsWith("The slug ")) {
      // slug_taken and reserved_slug: "The slug 'api' is reserved by the collector."
      slugError.set(problem);
      return;
    }
    notifier.error(action, problem);
  }

  private @Nullable ReadOnlyStringWrapper errorOfField(String name) {
    return switch (name) {
      case "slug" -> slugError;
      case "targetUrl" -> targetError;
      case "title" -> titleError;
      case "notes" -> notesError;
      case "tags" -> tagsError;
      case "validFrom" -> validFromError;
      case "validUntil" -> expiresError;
      case "maxClicks" -> maxClicksError;
      case "fallbackUrl" -> fallbackError;
      case "password" -> passwordError;
      default -> null;
    };
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  LinkInput toInput() {
    String slugText = slug.get().strip();
    String max = maxClicks.get().strip();
    LocalDate from = validFrom.get();
    LocalDate until = expires.get();
    return new LinkInput(
        slugText.isEmpty() ? null : slugText,
        null,
        targetWithUtm(),
        title.get().strip().isEmpty() ? null : title.get().strip(),
        notes.get().strip().isEmpty() ? null : notes.get().strip(),
        tagList(),
        redirectType.get(),
        from == null ? null : from.atStartOfDay(zone).toInstant(),
        until == null ? null : until.plusDays(1).atStartOfDay(zone).toInstant(),
        max.isEmpty() ? null : Long.parseLong(max),
        fallback.get().strip().isEmpty() ? null : fallback.get().strip(),
        forwardQuery.get(),
        password.get().isEmpty() ? null : password.get(),
        deepLinks(),
        variants.toClickIdParam(),
        rules.toRules(),
        variants.toVariants(),
        variants.toEnd());
  }

  private @Nullable DeepLinks deepLinks() {
    AppTarget ios =
        iosAppUrl.get().isBlank() && iosStoreUrl.get().isBlank()
            ? null
            : new AppTarget(blankToNull(iosAppUrl), blankToNull(iosStoreUrl), null);
    AppTarget android =
        androidAppUrl.get().isBlank()
                && androidStoreUrl.get().isBlank()
                && androidPackage.get().isBlank()
            ? null
            : new AppTarget(
                blankToNull(androidAppUrl),
                blankToNull(androidStoreUrl),
                blankToNull(androidPackage));
    return ios == null && android == null ? null : new DeepLinks(ios, android);
  }

  private static @Nullable String blankToNull(StringProperty text) {
    return text.get().isBlank() ? null : text.get().strip();
  }

  /**
   * What to send on update: {@link #toPatch(LinkInput)}, and the password as JSON null when it is
   * to be removed (absent, it stays as it is).
   */
  JsonObject toPatch() {
    JsonObject patch = toPatch(toInput());
    if (removePassword.get()) {
      patch.add("password", JsonNull.INSTANCE);
    }
    // The end date only when it changed, as a merge patch keeps it otherwise; JSON null clears it.
    patch.remove("experimentEndsAt");
    if (variants.endChanged()) {
      Instant end = variants.toEnd();
      patch.add("experimentEndsAt", end == null ? JsonNull.INSTANCE : Json.gson().toJsonTree(end));
    }
    return patch;
  }

  /**
   * The dialog's fields as a merge patch. Gson leaves nulls out, which would keep the old value, so
   * a cleared optional field is sent as an explicit JSON null, which clears it.
   */
  static JsonObject toPatch(LinkInput input) {
    JsonObject patch = Json.gson().toJsonTree(input).getAsJsonObject();
    for (String optional :
        List.of(
            "title",
            "notes",
            "validFrom",
            "validUntil",
            "maxClicks",
            "fallbackUrl",
            "deepLinks",
            "clickIdParam")) {
      if (!patch.has(optional)) {
        patch.add(optional, JsonNull.INSTANCE);
      }
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

  private String passwordProblem() {
    String typed = password.get();
    if (typed.isEmpty()) {
      return "";
    }
    if (typed.length() < MIN_PASSWORD_LENGTH || typed.length() > MAX_PASSWORD_LENGTH) {
      return "Use " + MIN_PASSWORD_LENGTH + " to " + MAX_PASSWORD_LENGTH + " characters.";
    }
    return typed.chars().anyMatch(Character::isISOControl)
        ? "The password must not contain control characters."
        : "";
  }

  /** The problem of one platform's app fields, or "". */
  private static String appProblem(
      StringProperty appUrl, StringProperty storeUrl, @Nullable StringProperty packageName) {
    String app = appUrl.get().strip();
    String store = storeUrl.get().strip();
    String pkg = packageName == null ? "" : packageName.get().strip();
    if (app.isEmpty() && store.isEmpty() && pkg.isEmpty()) {
      return "";
    }
    if (app.isEmpty()) {
      return "Enter the app URL (https://… or myapp://…), or clear the other fields.";
    }
    String scheme = app.contains("://") ? app.substring(0, app.indexOf("://")) : "";
    if (!scheme.matches("[A-Za-z][A-Za-z0-9+.-]*")) {
      return "The app URL needs a scheme: https://app.example.com/p/42 or myapp://p/42.";
    }
    if (List.of("javascript", "data", "file", "intent", "http")
        .contains(scheme.toLowerCase(Locale.ROOT))) {
      return "An app URL cannot start with "
          + scheme
          + "://; use https:// or the app's own scheme.";
    }
    if (!store.isEmpty()) {
      String storeProblem = urlProblem(store, false);
      if (!storeProblem.isEmpty()) {
        return "Store URL: " + storeProblem;
      }
    }
    return pkg.isEmpty() || ANDROID_PACKAGE.matcher(pkg).matches()
        ? ""
        : "'" + pkg + "' is no Android package name (e.g. com.example.shop).";
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

  /** The target (required) or fallback (optional) URL's problem, or "". */
  static String urlProblem(String text, boolean required) {
    String url = text.strip();
    if (url.isEmpty()) {
      return required ? "Enter the URL visitors should go to." : "";
    }
    if (url.length() > MAX_URL_LENGTH) {
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
    boolean saved = original != null && (slugText.isEmpty() || slugText.equals(original.slug()));
    exportable.set(saved);
    if (original != null && saved) {
      shortUrl.set(original.shortUrl());
    } else {
      String base = session.collectorUrl().replaceFirst("/+$", "");
      // No QR code for a slug the collector would refuse: it could be printed by mistake.
      shortUrl.set(
          slugText.isEmpty() || !SLUG.matcher(slugText).matches() ? "" : base + "/" + slugText);
    }
  }
}
