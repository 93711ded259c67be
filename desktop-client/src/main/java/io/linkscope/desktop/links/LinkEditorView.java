package io.linkscope.desktop.links;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Fxml;
import java.util.List;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.paint.Color;
import javafx.stage.Screen;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * The create/edit dialog of a link; binds {@link LinkEditorViewModel} to LinkEditorView.fxml. The
 * form scrolls inside the dialog, which grows with the errors shown up to the height of the window
 * it belongs to, so the buttons stay in view and no message is cut short.
 */
public final class LinkEditorView {
  /** Room left between the dialog and the edges of its window. */
  private static final double MARGIN = 24;

  /** The height the rules and A/B tabs want, whatever the first tab's form needs. */
  private static final double TABS_HEIGHT = 630;

  private final LinkEditorViewModel model;

  @FXML private Label offlineReason;
  @FXML private TextField target;
  @FXML private Label targetError;
  @FXML private TextField slug;
  @FXML private Label slugError;
  @FXML private TextField title;
  @FXML private Label titleError;
  @FXML private TextField tags;
  @FXML private Label tagsError;
  @FXML private ComboBox<Integer> redirectType;
  @FXML private DatePicker validFrom;
  @FXML private Label validFromError;
  @FXML private DatePicker expires;
  @FXML private Label expiresError;
  @FXML private TextField maxClicks;
  @FXML private Label maxClicksError;
  @FXML private TextField fallback;
  @FXML private Label fallbackError;
  @FXML private CheckBox forwardQuery;
  @FXML private TextArea notes;
  @FXML private Label notesError;
  @FXML private TextField utmSource;
  @FXML private TextField utmMedium;
  @FXML private TextField utmCampaign;
  @FXML private TextField utmTerm;
  @FXML private TextField utmContent;
  @FXML private Label shortUrl;
  @FXML private Canvas qr;
  @FXML private Button exportQr;
  @FXML private Button copyUrl;
  @FXML private Label qrHint;

  private @Nullable ScrollPane scroll;
  private @Nullable Parent form;
  private final TabPane tabs = new TabPane();
  private final Tab linkTab = new Tab("Link");
  private final Tab rulesTab = new Tab("Rules");
  private final Tab variantsTab = new Tab("A/B test");
  private final Tab appTab = new Tab("App & password");

  public LinkEditorView(LinkEditorViewModel model) {
    this.model = model;
  }

  /** Builds the dialog (also used by tests and screenshots, which show it without waiting). */
  public Dialog<LinkView> dialog(@Nullable Window owner) {
    Parent loaded = Fxml.load(this);
    form = loaded;
    ScrollPane scrollPane = scrolling(loaded, "link-editor-scroll");
    scroll = scrollPane;
    VariantsEditorView variantsView =
        new VariantsEditorView(model.variants(), model.significance());
    tabs.getTabs()
        .setAll(
            tab(linkTab, "tab-link", scrollPane),
            tab(
                rulesTab,
                "tab-rules",
                scrolling(new RulesEditorView(model.rules()).load(), "rules-scroll")),
            tab(variantsTab, "tab-variants", scrolling(variantsView.load(), "variants-scroll")),
            tab(appTab, "tab-app", scrolling(new AppAccessView(model).load(), "app-scroll")));
    tabs.setId("link-editor-tabs");
    tabs.getStyleClass().add("link-editor-tabs");
    tabs.getStylesheets()
        .add(
            java.util.Objects.requireNonNull(getClass().getResource("links.css")).toExternalForm());
    tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
    rulesTab
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.rules().rules().isEmpty()
                        ? "Rules"
                        : "Rules (%d)".formatted(model.rules().rules().size()),
                model.rules().rules()));
    variantsTab
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.variants().rows().isEmpty()
                        ? "A/B test"
                        : "A/B test (%d)".formatted(model.variants().rows().size()),
                model.variants().rows()));
    markErrors(rulesTab, model.rules().errorProperty());
    markErrors(
        variantsTab,
        model.variants().errorProperty(),
        model.variants().clickIdErrorProperty(),
        model.variants().endErrorProperty());
    markErrors(
        appTab,
        model.iosErrorProperty(),
        model.androidErrorProperty(),
        model.passwordErrorProperty());
    Dialog<LinkView> dialog = new Dialog<>();
    if (owner != null) {
      dialog.initOwner(owner);
    }
    dialog.setTitle(model.isNew() ? "New link" : "Edit link");
    dialog.getDialogPane().setContent(tabs);
    dialog.getDialogPane().setId("link-editor");
    dialog.getDialogPane().setPrefWidth(980);
    dialog.setResizable(true);
    ButtonType save =
        new ButtonType(model.isNew() ? "Create" : "Save", ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, save);
    Node saveButton = dialog.getDialogPane().lookupButton(save);
    saveButton.setId("link-save");
    saveButton.disableProperty().bind(model.canSaveProperty().not());
    // Keep the dialog open until the collector accepted the link; errors show inline.
    saveButton.addEventFilter(
        ActionEvent.ACTION,
        event -> {
          event.consume();
          if (!model.validate()) {
            selectFirstTabWithError();
            revealFirstError();
            return;
          }
          Optional<String> warning = model.slugChangeWarning();
          if (warning.isPresent() && !confirmSlugChange(dialog, warning.get())) {
            return;
          }
          model.save(
              saved -> {
                dialog.setResult(saved);
                dialog.close();
              });
        });
    dialog.setResultConverter(button -> null);
    dialog.setOnShown(
        event -> {
          // showAndWait() tells "shown" just before its window shows: sized once it does.
          fit(dialog, owner, true);
          Platform.runLater(() -> fit(dialog, owner, true));
          variantsView.start();
        });
    dialog.setOnHidden(event -> variantsView.stop());
    for (Label error : errorLabels()) {
      // After the layout pass that gave the message its lines. A new error (the collector's
      // answer, say) is scrolled into view; fixing a field never makes the form jump.
      error
          .textProperty()
          .addListener(
              (o, before, after) ->
                  Platform.runLater(
                      () -> {
                        fit(dialog, owner, false);
                        if (before.isEmpty() && !after.isEmpty()) {
                          tabs.getSelectionModel().select(linkTab);
                          revealFirstError();
                        }
                      }));
    }
    offlineReason
        .textProperty()
        .addListener((o, a, b) -> Platform.runLater(() -> fit(dialog, owner, false)));
    return dialog;
  }

  private static Tab tab(Tab tab, String id, Node content) {
    tab.setId(id);
    tab.setContent(content);
    return tab;
  }

  private static ScrollPane scrolling(Parent content, String id) {
    ScrollPane scrollPane = new ScrollPane(content);
    scrollPane.setId(id);
    scrollPane.setFitToWidth(true);
    scrollPane.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
    scrollPane.getStyleClass().add("edge-to-edge");
    return scrollPane;
  }

  /**
   * Marks the tab while one of its parts shows an error, and brings it to the front when one
   * appears (the collector's answer to a save, say), so that no refusal goes unseen.
   */
  private void markErrors(Tab tab, ReadOnlyStringProperty... errors) {
    for (ReadOnlyStringProperty error : errors) {
      error.addListener(
          (o, before, after) -> {
            boolean any = java.util.Arrays.stream(errors).anyMatch(e -> !e.get().isEmpty());
            tab.getStyleClass().remove("tab-error");
            if (any) {
              tab.getStyleClass().add("tab-error");
            }
            if (before.isEmpty() && !after.isEmpty() && !linkTabHasError()) {
              tabs.getSelectionModel().select(tab);
            }
          });
    }
  }

  private boolean linkTabHasError() {
    return errorLabels().stream().anyMatch(label -> !label.getText().isEmpty());
  }

  /** After a failed check: the first tab, from the left, that shows an error. */
  private void selectFirstTabWithError() {
    if (linkTabHasError()) {
      tabs.getSelectionModel().select(linkTab);
      return;
    }
    for (Tab tab : List.of(rulesTab, variantsTab, appTab)) {
      if (tab.getStyleClass().contains("tab-error")) {
        tabs.getSelectionModel().select(tab);
        return;
      }
    }
  }

  public Optional<LinkView> showAndWait(@Nullable Window owner) {
    return dialog(owner).showAndWait();
  }

  private List<Label> errorLabels() {
    return List.of(
        targetError,
        slugError,
        titleError,
        tagsError,
        validFromError,
        expiresError,
        maxClicksError,
        fallbackError,
        notesError);
  }

  /**
   * Sizes the dialog to its content, but no taller than the window it belongs to (or the screen):
   * beyond that the form scrolls and the buttons stay where they are.
   */
  private void fit(Dialog<LinkView> dialog, @Nullable Window owner, boolean centre) {
    DialogPane pane = dialog.getDialogPane();
    // Also called after a layout pass that may come once the dialog is closed.
    Window window = pane.getScene() == null ? null : pane.getScene().getWindow();
    ScrollPane scrollPane = scroll;
    Parent content = form;
    if (window == null || !window.isShowing() || scrollPane == null || content == null) {
      return;
    }
    Rectangle2D area = area(owner, window);
    // What the window puts around the pane; never less than nothing, also when the pane has not
    // been laid out to the window yet (its width is then its own preferred one).
    double chromeWidth = Math.max(0, window.getWidth() - pane.getWidth());
    double chromeHeight = Math.max(0, window.getHeight() - pane.getHeight());
    double paneWidth = Math.min(pane.prefWidth(-1), area.getWidth() - 2 * MARGIN - chromeWidth);
    // What the pane puts around the form: its padding, header and buttons, the scroll bar.
    double besideForm = pane.getWidth() - scrollPane.getViewportBounds().getWidth();
    double aroundForm = pane.getHeight() - scrollPane.getViewportBounds().getHeight();
    double formHeight =
        Math.max(
            TABS_HEIGHT,
            content.prefHeight(Math.max(content.minWidth(-1), paneWidth - besideForm)));
    double paneHeight =
        Math.min(formHeight + aroundForm + 2, area.getHeight() - 2 * MARGIN - chromeHeight);
    double width = paneWidth + chromeWidth;
    double height = paneHeight + chromeHeight;
    window.setWidth(width);
    window.setHeight(height);
    // Centred over the window it belongs to, and kept inside it, moving up as it grows.
    double x = area.getMinX() + (area.getWidth() - width) / 2;
    double y = centre ? area.getMinY() + (area.getHeight() - height) / 2 : window.getY();
    window.setX(clamp(x, area.getMinX() + MARGIN, area.getMaxX() - MARGIN - width));
    window.setY(clamp(y, area.getMinY() + MARGIN, area.getMaxY() - MARGIN - height));
  }

  private static Rectangle2D area(@Nullable Window owner, Window window) {
    if (owner != null && owner.getWidth() > 0 && owner.getHeight() > 0) {
      return new Rectangle2D(owner.getX(), owner.getY(), owner.getWidth(), owner.getHeight());
    }
    return Screen.getScreensForRectangle(
            window.getX(), window.getY(), window.getWidth(), window.getHeight())
        .stream()
        .findFirst()
        .orElse(Screen.getPrimary())
        .getVisualBounds();
  }

  private static double clamp(double value, double min, double max) {
    return max < min ? min : Math.max(min, Math.min(max, value));
  }

  /** Scrolls the form so that the first field with an error is in view. */
  private void revealFirstError() {
    ScrollPane scrollPane = scroll;
    Parent content = form;
    if (scrollPane == null || content == null) {
      return;
    }
    content.applyCss();
    content.layout();
    errorLabels().stream()
        .filter(Node::isVisible)
        .findFirst()
        .ifPresent(
            error -> {
              Bounds bounds = content.sceneToLocal(error.localToScene(error.getBoundsInLocal()));
              double hidden =
                  content.getBoundsInLocal().getHeight()
                      - scrollPane.getViewportBounds().getHeight();
              if (hidden > 0) {
                // Show the field's label and input above the message too.
                double top = Math.max(0, bounds.getMinY() - 60);
                scrollPane.setVvalue(Math.min(1, top / hidden));
              }
            });
  }

  private boolean confirmSlugChange(Dialog<LinkView> dialog, String warning) {
    ButtonType change = new ButtonType("Change slug", ButtonBar.ButtonData.OK_DONE);
    Alert confirm = new Alert(Alert.AlertType.WARNING, warning, ButtonType.CANCEL, change);
    confirm.initOwner(dialog.getDialogPane().getScene().getWindow());
    confirm.setTitle("Change the slug");
    confirm.setHeaderText("Change the slug of a link that has clicks?");
    confirm.getDialogPane().setId("slug-change-warning");
    confirm.getDialogPane().setPrefWidth(520);
    ((Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
    ((Button) confirm.getDialogPane().lookupButton(change)).setDefaultButton(false);
    return confirm.showAndWait().filter(answer -> answer == change).isPresent();
  }

  @FXML
  private void initialize() {
    target.textProperty().bindBidirectional(model.targetProperty());
    slug.textProperty().bindBidirectional(model.slugProperty());
    title.textProperty().bindBidirectional(model.titleProperty());
    notes.textProperty().bindBidirectional(model.notesProperty());
    tags.textProperty().bindBidirectional(model.tagsProperty());
    redirectType.getItems().setAll(LinkEditorViewModel.REDIRECT_TYPES);
    redirectType.valueProperty().bindBidirectional(model.redirectTypeProperty());
    validFrom.setConverter(
        Formats.datePickerConverter(validFrom::getValue, model::rejectValidFrom));
    expires.setConverter(Formats.datePickerConverter(expires::getValue, model::rejectExpires));
    validFrom.valueProperty().bindBidirectional(model.validFromProperty());
    expires.valueProperty().bindBidirectional(model.expiresProperty());
    maxClicks.textProperty().bindBidirectional(model.maxClicksProperty());
    fallback.textProperty().bindBidirectional(model.fallbackProperty());
    forwardQuery.selectedProperty().bindBidirectional(model.forwardQueryProperty());
    utmSource.textProperty().bindBidirectional(model.utmProperty("utm_source"));
    utmMedium.textProperty().bindBidirectional(model.utmProperty("utm_medium"));
    utmCampaign.textProperty().bindBidirectional(model.utmProperty("utm_campaign"));
    utmTerm.textProperty().bindBidirectional(model.utmProperty("utm_term"));
    utmContent.textProperty().bindBidirectional(model.utmProperty("utm_content"));
    bindError(targetError, model.targetErrorProperty());
    bindError(slugError, model.slugErrorProperty());
    bindError(titleError, model.titleErrorProperty());
    bindError(tagsError, model.tagsErrorProperty());
    bindError(validFromError, model.validFromErrorProperty());
    bindError(expiresError, model.expiresErrorProperty());
    bindError(maxClicksError, model.maxClicksErrorProperty());
    bindError(fallbackError, model.fallbackErrorProperty());
    bindError(notesError, model.notesErrorProperty());
    bindError(offlineReason, model.offlineReasonProperty());
    shortUrl
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    !model.shortUrlProperty().get().isEmpty()
                        ? model.shortUrlProperty().get()
                        : model.slugProperty().get().isBlank()
                            ? "Chosen by the collector when you save"
                            : "Fix the slug to see its QR code",
                model.shortUrlProperty(),
                model.slugProperty()));
    var notSaved = model.exportableProperty().not();
    exportQr.disableProperty().bind(notSaved);
    copyUrl.disableProperty().bind(notSaved);
    qrHint.visibleProperty().bind(notSaved);
    qrHint.managedProperty().bind(notSaved);
    model.shortUrlProperty().addListener((o, a, b) -> drawQr());
    drawQr();
  }

  static void bindError(Label label, ObservableStringValue error) {
    label.textProperty().bind(error);
    label.visibleProperty().bind(Bindings.isNotEmpty(error));
    label.managedProperty().bind(label.visibleProperty());
  }

  private void drawQr() {
    String url = model.shortUrlProperty().get();
    if (url.isEmpty()) {
      GraphicsContext g = qr.getGraphicsContext2D();
      g.setFill(Color.WHITE);
      g.fillRect(0, 0, qr.getWidth(), qr.getHeight());
      g.setFill(Color.web("#9ca3af"));
      g.fillText("QR code appears\nonce the slug is set", 14, qr.getHeight() / 2 - 8);
      return;
    }
    QrExportView.draw(qr, QrCodes.modules(url));
  }

  @FXML
  private void exportQr() {
    new QrExportView(model.qrExport()).show(qr.getScene().getWindow());
  }

  @FXML
  private void copyShortUrl() {
    ClipboardContent content = new ClipboardContent();
    content.putString(model.shortUrlProperty().get());
    Clipboard.getSystemClipboard().setContent(content);
    model.copiedShortUrl();
  }
}
