package io.linkscope.desktop.pages;

import com.google.gson.JsonObject;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioTheme;
import io.linkscope.api.bio.BioThemes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jspecify.annotations.Nullable;

/**
 * The settings of the chosen page (title, description, avatar, search and preview fields, theme) as
 * edited: which of them changed, the collector's rules checked as the user types (the theme's
 * contrast verdict included), and problems shown next to their field.
 */
public final class PageSettingsViewModel {
  /** The page's fields by their collector name. */
  static final List<String> PAGE_FIELDS =
      List.of(
          "handle",
          "domain",
          "title",
          "description",
          "avatarUrl",
          "seoTitle",
          "seoDescription",
          "ogImageUrl");

  /** The theme's fields by their name in the collector's {@code theme} object. */
  static final List<String> THEME_FIELDS =
      List.of(
          "preset",
          "background",
          "backgroundEnd",
          "text",
          "button",
          "buttonText",
          "font",
          "buttonStyle");

  private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,29}");
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

  private static final List<String> COLOURS =
      List.of("background", "backgroundEnd", "text", "button", "buttonText");

  private final Map<String, StringProperty> fields = new LinkedHashMap<>();
  private final Map<String, ReadOnlyStringWrapper> errors = new LinkedHashMap<>();
  private final Map<String, String> saved = new LinkedHashMap<>();
  private final ReadOnlyStringWrapper contrast = new ReadOnlyStringWrapper(this, "contrast", "");
  private final ReadOnlyBooleanWrapper readable =
      new ReadOnlyBooleanWrapper(this, "readable", true);
  private final ReadOnlyBooleanWrapper changed = new ReadOnlyBooleanWrapper(this, "changed");
  private final StringBinding themeError;
  private boolean loading;

  public PageSettingsViewModel() {
    for (String name : PAGE_FIELDS) {
      add(name, "");
    }
    for (String name : THEME_FIELDS) {
      add("theme." + name, "");
    }
    List<ReadOnlyStringWrapper> themeErrors =
        THEME_FIELDS.stream().map(name -> errorOf("theme." + name)).toList();
    themeError =
        Bindings.createStringBinding(
            () ->
                themeErrors.stream()
                    .map(ReadOnlyStringWrapper::get)
                    .filter(error -> !error.isEmpty())
                    .findFirst()
                    .orElse(""),
            themeErrors.toArray(new Observable[0]));
    field("theme.preset").addListener((o, before, preset) -> applyPreset(preset));
  }

  private void add(String name, String initial) {
    StringProperty property = new SimpleStringProperty(this, name, initial);
    fields.put(name, property);
    errors.put(name, new ReadOnlyStringWrapper(this, name + "Error", ""));
    saved.put(name, initial);
    property.addListener(
        (o, a, b) -> {
          recheck(name);
          updateChanged();
        });
  }

  /** A field by its collector name: {@code title}, {@code seoTitle}, {@code theme.button}… */
  public StringProperty field(String name) {
    return Objects.requireNonNull(fields.get(name), name);
  }

  /** The problem of a field, shown next to it; empty when there is none. */
  public ReadOnlyStringProperty error(String name) {
    return Objects.requireNonNull(errors.get(name), name).getReadOnlyProperty();
  }

  /** A problem the collector found with the theme (the first one); empty when there is none. */
  public StringBinding themeErrorProperty() {
    return themeError;
  }

  /** The readability verdict of the theme's colours, as the collector will judge them. */
  public ReadOnlyStringProperty contrastProperty() {
    return contrast.getReadOnlyProperty();
  }

  /** Whether the colours pass the collector's contrast rule. */
  public ReadOnlyBooleanProperty readableProperty() {
    return readable.getReadOnlyProperty();
  }

  /** Whether any field differs from the saved page. */
  public ReadOnlyBooleanProperty changedProperty() {
    return changed.getReadOnlyProperty();
  }

  /** Shows {@code page}'s saved values, dropping edits and problems. */
  public void load(@Nullable BioPageView page) {
    loading = true;
    try {
      Map<String, String> values = page == null ? Map.of() : values(page);
      fields.forEach(
          (name, property) -> {
            String value = values.getOrDefault(name, "");
            saved.put(name, value);
            property.set(value);
          });
      errors.values().forEach(error -> error.set(""));
    } finally {
      loading = false;
    }
    updateContrast();
    updateChanged();
  }

  private static Map<String, String> values(BioPageView page) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("handle", orEmpty(page.handle()));
    values.put("domain", orEmpty(page.domain()));
    values.put("title", orEmpty(page.title()));
    values.put("description", orEmpty(page.description()));
    values.put("avatarUrl", orEmpty(page.avatarUrl()));
    values.put("seoTitle", orEmpty(page.seoTitle()));
    values.put("seoDescription", orEmpty(page.seoDescription()));
    values.put("ogImageUrl", orEmpty(page.ogImageUrl()));
    BioTheme theme =
        page.theme() == null
            ? Objects.requireNonNull(BioThemes.PRESETS.get("daylight"))
            : page.theme();
    values.put("theme.preset", orEmpty(theme.preset()));
    values.put("theme.background", orEmpty(theme.background()));
    values.put("theme.backgroundEnd", orEmpty(theme.backgroundEnd()));
    values.put("theme.text", orEmpty(theme.text()));
    values.put("theme.button", orEmpty(theme.button()));
    values.put("theme.buttonText", orEmpty(theme.buttonText()));
    values.put("theme.font", orEmpty(theme.font()));
    values.put("theme.buttonStyle", orEmpty(theme.buttonStyle()));
    return values;
  }

  /**
   * Choosing a preset shows its colours, font and buttons, which the user may then change; going
   * back to the saved preset shows the saved values again.
   */
  private void applyPreset(@Nullable String preset) {
    if (loading || preset == null) {
      return;
    }
    if (preset.equals(saved.get("theme.preset"))) {
      for (String name : THEME_FIELDS) {
        field("theme." + name).set(Objects.requireNonNullElse(saved.get("theme." + name), ""));
      }
      return;
    }
    BioTheme values = BioThemes.PRESETS.get(preset);
    if (values != null) {
      field("theme.background").set(values.background());
      field("theme.backgroundEnd").set(values.backgroundEnd());
      field("theme.text").set(values.text());
      field("theme.button").set(values.button());
      field("theme.buttonText").set(values.buttonText());
      field("theme.font").set(values.font());
      field("theme.buttonStyle").set(values.buttonStyle());
    }
  }

  /** Checks every field; problems are shown next to their field. */
  public boolean validate() {
    fields.keySet().forEach(name -> errorOf(name).set(problem(name)));
    updateContrast();
    return errors.values().stream().allMatch(error -> error.get().isEmpty()) && readable.get();
  }

  /** Shows a collector's problem next to its field; false when it concerns no field here. */
  public boolean show(FieldProblem problem) {
    ReadOnlyStringWrapper error = errors.get(problem.field());
    if (error == null) {
      return false;
    }
    error.set(problem.message());
    return true;
  }

  /**
   * A merge patch with only the fields that changed, so nothing else of the page is touched. A
   * theme with a new preset is sent whole (the collector replaces the theme then); otherwise only
   * the changed theme values are sent and the collector keeps the rest.
   */
  public JsonObject patch() {
    JsonObject patch = new JsonObject();
    for (String name : PAGE_FIELDS) {
      if (isChanged(name)) {
        patch.addProperty(name, field(name).get().strip());
      }
    }
    JsonObject theme = new JsonObject();
    boolean newPreset = isChanged("theme.preset");
    for (String name : THEME_FIELDS) {
      String key = "theme." + name;
      if (newPreset || (isChanged(key) && !name.equals("preset"))) {
        theme.addProperty(name, field(key).get().strip().toLowerCase(Locale.ROOT));
      }
    }
    if (theme.size() > 0) {
      patch.add("theme", theme);
    }
    return patch;
  }

  private boolean isChanged(String name) {
    return !field(name)
        .get()
        .strip()
        .equals(Objects.requireNonNullElse(saved.get(name), "").strip());
  }

  private void updateChanged() {
    changed.set(fields.keySet().stream().anyMatch(this::isChanged));
  }

  private void recheck(String name) {
    if (loading) {
      return;
    }
    ReadOnlyStringWrapper error = errorOf(name);
    if (!error.get().isEmpty() && problem(name).isEmpty()) {
      error.set("");
    }
    if (name.startsWith("theme.")) {
      String colour = name.substring("theme.".length());
      if (COLOURS.contains(colour)) {
        error.set(problem(name));
      }
      updateContrast();
    }
  }

  private String problem(String name) {
    String value = field(name).get().strip();
    return switch (name) {
      case "handle" ->
          HANDLE.matcher(value).matches()
              ? ""
              : "Use 1–30 letters, digits, '.', '_' or '-', starting with a letter or digit.";
      case "domain" ->
          value.isEmpty() || DOMAIN.matcher(value).matches()
              ? ""
              : "Enter a host name such as links.example.com (no https://, no path).";
      case "title" -> value.isEmpty() ? "Enter the page's title." : tooLong(value, 100);
      case "description" -> tooLong(value, 300);
      case "seoTitle" -> tooLong(value, 100);
      case "seoDescription" -> tooLong(value, 300);
      case "avatarUrl", "ogImageUrl" -> WidgetEditorViewModel.webUrlProblem(value, false);
      case "theme.background",
          "theme.backgroundEnd",
          "theme.text",
          "theme.button",
          "theme.buttonText" ->
          BioThemes.isColour(value) ? "" : "Use a colour like #1f2937.";
      default -> "";
    };
  }

  private static String tooLong(String value, int max) {
    if (value.indexOf('\n') >= 0 && max <= 100) {
      return "Keep it on one line.";
    }
    return value.length() > max
        ? "At most " + max + " characters (now " + value.length() + ")."
        : "";
  }

  private void updateContrast() {
    BioTheme theme = theme();
    if (theme == null) {
      contrast.set("Pick valid colours to see whether the page stays readable.");
      readable.set(false);
      return;
    }
    List<BioThemes.Problem> problems = BioThemes.problems(theme);
    readable.set(problems.isEmpty());
    if (problems.isEmpty()) {
      String buttons =
          "outline".equals(theme.buttonStyle())
              ? "outline buttons use the text colour"
              : String.format(
                  Locale.ROOT,
                  "button text %.1f:1",
                  BioThemes.contrast(colour("buttonText"), colour("button")));
      contrast.set(
          String.format(
              Locale.ROOT,
              "Readable: text %.1f:1 on the background, %s (at least %.1f:1 needed).",
              Math.min(
                  BioThemes.contrast(colour("text"), colour("background")),
                  BioThemes.contrast(colour("text"), colour("backgroundEnd"))),
              buttons,
              BioThemes.MIN_CONTRAST));
    } else {
      contrast.set(
          "Too hard to read, the collector will refuse it:\n"
              + String.join(
                  "\n",
                  problems.stream()
                      .map(p -> describe(p.field()) + " " + p.message())
                      .distinct()
                      .toList()));
    }
  }

  private String colour(String name) {
    return field("theme." + name).get().strip();
  }

  private static String describe(String field) {
    return field.equals("theme.text") ? "Text:" : "Button text:";
  }

  /** The theme as edited, or null while a colour is not a valid colour. */
  private @Nullable BioTheme theme() {
    for (String colour : COLOURS) {
      if (!BioThemes.isColour(field("theme." + colour).get())) {
        return null;
      }
    }
    return new BioTheme(
        field("theme.preset").get(),
        field("theme.background").get().strip(),
        field("theme.backgroundEnd").get().strip(),
        field("theme.text").get().strip(),
        field("theme.button").get().strip(),
        field("theme.buttonText").get().strip(),
        field("theme.font").get(),
        field("theme.buttonStyle").get());
  }

  private ReadOnlyStringWrapper errorOf(String name) {
    return Objects.requireNonNull(errors.get(name), name);
  }

  private static String orEmpty(@Nullable String value) {
    return value == null ? "" : value;
  }
}
