package io.linkscope.desktop.pages;

import com.google.gson.JsonObject;
import io.linkscope.api.Json;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.workspace.Workspace;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The add/edit form of one widget: the fields its type uses, checks with the collector's rules
 * before sending, and the collector's answer about a field shown next to that field. The form keeps
 * what was typed until the collector accepted it.
 */
public final class WidgetEditorViewModel {
  private final Workspace session;
  private final Notifier notifier;
  private final long pageId;
  private final @Nullable BioWidgetView original;
  private final StringProperty type = new SimpleStringProperty(this, "type", "link");
  private final StringProperty title = new SimpleStringProperty(this, "title", "");
  private final StringProperty url = new SimpleStringProperty(this, "url", "");
  private final StringProperty imageUrl = new SimpleStringProperty(this, "imageUrl", "");
  private final StringProperty text = new SimpleStringProperty(this, "text", "");
  private final ObservableList<IconRow> icons = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper titleError =
      new ReadOnlyStringWrapper(this, "titleError", "");
  private final ReadOnlyStringWrapper urlError = new ReadOnlyStringWrapper(this, "urlError", "");
  private final ReadOnlyStringWrapper imageUrlError =
      new ReadOnlyStringWrapper(this, "imageUrlError", "");
  private final ReadOnlyStringWrapper textError = new ReadOnlyStringWrapper(this, "textError", "");
  private final ReadOnlyStringWrapper iconsError =
      new ReadOnlyStringWrapper(this, "iconsError", "");
  private final ReadOnlyStringWrapper titleLabel = new ReadOnlyStringWrapper(this, "titleLabel");
  private final ReadOnlyStringWrapper urlLabel = new ReadOnlyStringWrapper(this, "urlLabel");
  private final ReadOnlyStringWrapper urlPrompt = new ReadOnlyStringWrapper(this, "urlPrompt");
  private final ReadOnlyStringWrapper imageLabel = new ReadOnlyStringWrapper(this, "imageLabel");
  private final ReadOnlyStringWrapper hint = new ReadOnlyStringWrapper(this, "hint");
  private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");

  /** One icon of a social row being edited. */
  public static final class IconRow {
    private final StringProperty platform = new SimpleStringProperty(this, "platform", "instagram");
    private final StringProperty url = new SimpleStringProperty(this, "url", "");

    public IconRow(String platform, String url) {
      this.platform.set(platform);
      this.url.set(url);
    }

    public StringProperty platformProperty() {
      return platform;
    }

    public StringProperty urlProperty() {
      return url;
    }
  }

  /** A form for a new widget ({@code original} null) or for changing {@code original}. */
  public WidgetEditorViewModel(
      Workspace session, Notifier notifier, long pageId, @Nullable BioWidgetView original) {
    this.session = session;
    this.notifier = notifier;
    this.pageId = pageId;
    this.original = original;
    if (original != null) {
      type.set(original.type());
      title.set(Objects.requireNonNullElse(original.title(), ""));
      url.set(Objects.requireNonNullElse(original.url(), ""));
      imageUrl.set(Objects.requireNonNullElse(original.imageUrl(), ""));
      text.set(Objects.requireNonNullElse(original.text(), ""));
      if (original.icons() != null) {
        original.icons().forEach(icon -> icons.add(new IconRow(icon.platform(), icon.url())));
      }
    }
    type.addListener((o, a, b) -> describeType());
    describeType();
    // An error stays until the field is fixed: each edit checks that field again.
    clearWhenFixed(title, titleError, this::titleProblem);
    clearWhenFixed(url, urlError, this::urlProblem);
    clearWhenFixed(imageUrl, imageUrlError, this::imageUrlProblem);
    clearWhenFixed(text, textError, this::textProblem);
    icons.addListener(
        (ListChangeListener<IconRow>)
            change -> {
              while (change.next()) {
                change.getAddedSubList().forEach(this::watch);
              }
              recheckIcons();
            });
    icons.forEach(this::watch);
  }

  public boolean isNew() {
    return original == null;
  }

  /** The widget's type; fixed once the widget exists. */
  public StringProperty typeProperty() {
    return type;
  }

  public StringProperty titleProperty() {
    return title;
  }

  public StringProperty urlProperty() {
    return url;
  }

  public StringProperty imageUrlProperty() {
    return imageUrl;
  }

  public StringProperty textProperty() {
    return text;
  }

  /** The icons of a social row, in order. */
  public ObservableList<IconRow> icons() {
    return icons;
  }

  public void addIcon() {
    List<String> used = icons.stream().map(row -> row.platformProperty().get()).toList();
    String next =
        WidgetLabels.PLATFORM_ORDER.stream()
            .filter(platform -> !used.contains(platform))
            .findFirst()
            .orElse("website");
    icons.add(new IconRow(next, next.equals("email") ? "mailto:" : "https://"));
  }

  public ReadOnlyStringProperty titleErrorProperty() {
    return titleError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty urlErrorProperty() {
    return urlError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty imageUrlErrorProperty() {
    return imageUrlError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty textErrorProperty() {
    return textError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty iconsErrorProperty() {
    return iconsError.getReadOnlyProperty();
  }

  /** The label of the title field for this type ("Button label", "Alternative text"…). */
  public ReadOnlyStringProperty titleLabelProperty() {
    return titleLabel.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty urlLabelProperty() {
    return urlLabel.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty urlPromptProperty() {
    return urlPrompt.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty imageLabelProperty() {
    return imageLabel.getReadOnlyProperty();
  }

  /** What this kind of widget is, in a sentence. */
  public ReadOnlyStringProperty hintProperty() {
    return hint.getReadOnlyProperty();
  }

  public BooleanBinding usesTitle() {
    return uses("link", "heading", "image", "video", "email");
  }

  public BooleanBinding usesUrl() {
    return uses("link", "image", "video", "email");
  }

  public BooleanBinding usesImage() {
    return uses("link", "image");
  }

  public BooleanBinding usesText() {
    return uses("text");
  }

  public BooleanBinding usesIcons() {
    return uses("social");
  }

  private BooleanBinding uses(String... types) {
    List<String> list = List.of(types);
    return Bindings.createBooleanBinding(() -> list.contains(type.get()), type);
  }

  public ReadOnlyBooleanProperty savingProperty() {
    return saving.getReadOnlyProperty();
  }

  private void describeType() {
    String kind = type.get();
    titleLabel.set(
        switch (kind) {
          case "image" -> "Alternative text (read aloud to blind visitors)";
          case "video" -> "Title (optional)";
          case "email" -> "Button label (optional, default \"Email me\")";
          case "heading" -> "Heading";
          default -> "Title";
        });
    urlLabel.set(
        switch (kind) {
          case "image" -> "Opens when tapped (optional)";
          case "video" -> "YouTube or Vimeo video URL";
          case "email" -> "Email address (mailto:)";
          default -> "URL";
        });
    urlPrompt.set(
        switch (kind) {
          case "video" -> "https://youtu.be/…";
          case "email" -> "mailto:hello@example.com";
          default -> "https://…";
        });
    imageLabel.set(kind.equals("image") ? "Image URL" : "Thumbnail image URL (optional)");
    hint.set(
        switch (kind) {
          case "link" -> "A button that opens a URL; taps are counted.";
          case "social" -> "A row of icons linking to the client's profiles.";
          case "heading" -> "A title between groups of widgets.";
          case "text" -> "A paragraph of plain text.";
          case "image" -> "A picture, optionally opening a URL.";
          case "video" -> "An embedded YouTube or Vimeo video (privacy-friendly player).";
          case "divider" -> "A line between widgets; it has no settings.";
          case "email" -> "A button that opens the visitor's email program.";
          default -> "";
        });
    if (kind.equals("social") && icons.isEmpty()) {
      addIcon();
    }
  }

  /** Checks the fields this type uses and shows problems next to them. */
  public boolean validate() {
    titleError.set(titleProblem());
    urlError.set(urlProblem());
    imageUrlError.set(imageUrlProblem());
    textError.set(textProblem());
    iconsError.set(iconsProblem());
    return titleError.get().isEmpty()
        && urlError.get().isEmpty()
        && imageUrlError.get().isEmpty()
        && textError.get().isEmpty()
        && iconsError.get().isEmpty();
  }

  /** Sends the widget; the form stays as it is when the collector refuses it. */
  public void save(Consumer<BioPageView> onSaved) {
    if (!validate()) {
      return;
    }
    BioWidgetInput input = toInput();
    saving.set(true);
    BioWidgetView changing = original;
    session.change(
        changing == null ? "Add widget" : "Save widget",
        () -> {
          if (changing == null) {
            session.client().addWidget(pageId, input);
          } else {
            JsonObject patch = Json.gson().toJsonTree(input).getAsJsonObject();
            patch.remove("type");
            for (String field : List.of("title", "url", "imageUrl", "text")) {
              if (!patch.has(field)) {
                // Gson leaves nulls out, which would keep the old value: clear it explicitly.
                patch.addProperty(field, "");
              }
            }
            session.client().updateWidget(pageId, changing.id(), patch);
          }
          BioPageView page = session.client().page(pageId);
          session.store().upsertPage(page);
          return page;
        },
        page -> {
          saving.set(false);
          notifier.info(
              (changing == null ? "Added the " : "Saved the ")
                  + WidgetLabels.kind(type.get()).toLowerCase(Locale.ROOT)
                  + " widget.");
          onSaved.accept(page);
        },
        problem -> {
          saving.set(false);
          showProblem(problem);
        });
  }

  private void showProblem(String problem) {
    FieldProblem field = FieldProblem.parse(problem).orElse(null);
    ReadOnlyStringWrapper target =
        field == null
            ? null
            : switch (field.field()) {
              case "title" -> titleError;
              case "url" -> urlError;
              case "imageUrl" -> imageUrlError;
              case "text" -> textError;
              case "icons", "icons.url", "icons.platform" -> iconsError;
              default -> null;
            };
    if (field != null && target != null) {
      target.set(field.message());
    } else {
      notifier.error(isNew() ? "Cannot add the widget" : "Cannot save the widget", problem);
    }
  }

  BioWidgetInput toInput() {
    String kind = type.get();
    return switch (kind) {
      case "social" ->
          BioWidgetInput.social(
              icons.stream()
                  .map(
                      row ->
                          new BioSocialIcon(
                              row.platformProperty().get(), row.urlProperty().get().strip()))
                  .toList());
      case "text" -> BioWidgetInput.text(text.get().strip());
      case "divider" -> BioWidgetInput.divider();
      case "heading" -> BioWidgetInput.heading(title.get().strip());
      default ->
          new BioWidgetInput(
              kind,
              blankToNull(title.get()),
              blankToNull(url.get()),
              usesImage().get() ? blankToNull(imageUrl.get()) : null,
              null,
              null);
    };
  }

  private static @Nullable String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private void clearWhenFixed(
      StringProperty field, ReadOnlyStringWrapper error, Supplier<String> problem) {
    field.addListener(
        (o, a, b) -> {
          if (!error.get().isEmpty() && problem.get().isEmpty()) {
            error.set("");
          }
        });
  }

  private void watch(IconRow row) {
    row.platformProperty().addListener((o, a, b) -> recheckIcons());
    row.urlProperty().addListener((o, a, b) -> recheckIcons());
  }

  private void recheckIcons() {
    if (!iconsError.get().isEmpty() && iconsProblem().isEmpty()) {
      iconsError.set("");
    }
  }

  private String titleProblem() {
    String kind = type.get();
    String value = title.get().strip();
    if ((kind.equals("link") || kind.equals("heading")) && value.isEmpty()) {
      return kind.equals("heading") ? "Enter the heading." : "Enter the button's title.";
    }
    if (!usesTitle().get()) {
      return "";
    }
    if (value.length() > 200) {
      return "At most 200 characters (now " + value.length() + ").";
    }
    return value.contains("\n") ? "Keep the title on one line." : "";
  }

  private String urlProblem() {
    return switch (type.get()) {
      case "link" -> webUrlProblem(url.get(), true);
      case "video" -> videoProblem(url.get());
      case "image" -> webUrlProblem(url.get(), false);
      case "email" -> mailtoProblem(url.get());
      default -> "";
    };
  }

  private String imageUrlProblem() {
    return switch (type.get()) {
      case "image" -> webUrlProblem(imageUrl.get(), true);
      case "link" -> webUrlProblem(imageUrl.get(), false);
      default -> "";
    };
  }

  private String textProblem() {
    if (!type.get().equals("text")) {
      return "";
    }
    String value = text.get().strip();
    if (value.isEmpty()) {
      return "Enter the text.";
    }
    return value.length() > 2000 ? "At most 2000 characters (now " + value.length() + ")." : "";
  }

  private String iconsProblem() {
    if (!type.get().equals("social")) {
      return "";
    }
    if (icons.isEmpty()) {
      return "Add at least one icon.";
    }
    if (icons.size() > 12) {
      return "At most 12 icons per row.";
    }
    List<String> problems = new ArrayList<>();
    for (IconRow row : icons) {
      String platform = row.platformProperty().get();
      String problem =
          "email".equals(platform)
              ? mailtoProblem(row.urlProperty().get())
              : webUrlProblem(row.urlProperty().get(), true);
      if (!problem.isEmpty()) {
        problems.add(WidgetLabels.platform(platform) + ": " + problem);
      }
    }
    return String.join("\n", problems);
  }

  /** The collector's URL rule: http(s) with a host. */
  static String webUrlProblem(String value, boolean required) {
    String trimmed = value == null ? "" : value.strip();
    if (trimmed.isEmpty() || trimmed.equals("https://") || trimmed.equals("http://")) {
      return required ? "Enter a URL starting with https://." : "";
    }
    try {
      URI uri = new URI(trimmed);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return "Start the URL with https:// or http://.";
      }
      if (uri.getHost() == null || uri.getHost().isBlank()) {
        return "The URL needs a host name, e.g. https://example.com/page.";
      }
      return trimmed.length() > 2048 ? "The URL is longer than 2048 characters." : "";
    } catch (URISyntaxException e) {
      return "This is not a valid URL: " + e.getReason() + ".";
    }
  }

  /** Only YouTube and Vimeo videos can be embedded (the collector checks the video id too). */
  private static String videoProblem(String value) {
    String problem = webUrlProblem(value, true);
    if (!problem.isEmpty()) {
      return problem;
    }
    String host = URI.create(value.strip()).getHost().toLowerCase(Locale.ROOT);
    boolean known =
        host.equals("youtu.be")
            || host.equals("youtube.com")
            || host.endsWith(".youtube.com")
            || host.equals("vimeo.com")
            || host.equals("www.vimeo.com");
    return known ? "" : "Use a YouTube or Vimeo video URL, e.g. https://youtu.be/<id>.";
  }

  private static String mailtoProblem(String value) {
    String trimmed = value == null ? "" : value.strip();
    if (trimmed.isEmpty() || trimmed.equalsIgnoreCase("mailto:")) {
      return "Enter an address as mailto:hello@example.com.";
    }
    return trimmed.matches(
            "mailto:[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}(\\?[A-Za-z0-9=&%._~+-]*)?")
        ? ""
        : "Write the address as mailto:hello@example.com.";
  }
}
