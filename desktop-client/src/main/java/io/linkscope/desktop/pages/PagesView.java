package io.linkscope.desktop.pages;

import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioThemes;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.desktop.ui.Cells;
import io.linkscope.desktop.ui.Charts;
import io.linkscope.desktop.ui.Fxml;
import io.linkscope.desktop.ui.Notifier;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ColorPicker;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.scene.web.WebView;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/** The bio pages screen; binds {@link PagesViewModel} to PagesView.fxml. */
public final class PagesView {
  private final PagesViewModel model;
  private final Consumer<String> openInBrowser;
  private final Notifier notifier;

  @FXML private ListView<BioPageView> pageList;
  @FXML private Button newPageButton;
  @FXML private SplitPane editor;
  @FXML private VBox empty;
  @FXML private Label pageTitle;
  @FXML private Label publicUrl;
  @FXML private Label state;
  @FXML private Button publishButton;
  @FXML private Button deleteButton;
  @FXML private Label offlineReason;
  @FXML private TextField handle;
  @FXML private Label handleError;
  @FXML private TextField domain;
  @FXML private Label domainError;
  @FXML private TextField title;
  @FXML private Label titleError;
  @FXML private TextArea description;
  @FXML private Label descriptionError;
  @FXML private TextField avatarUrl;
  @FXML private Label avatarUrlError;
  @FXML private TextField seoTitle;
  @FXML private Label seoTitleError;
  @FXML private TextArea seoDescription;
  @FXML private Label seoDescriptionError;
  @FXML private TextField ogImageUrl;
  @FXML private Label ogImageUrlError;
  @FXML private ComboBox<String> preset;
  @FXML private ColorPicker background;
  @FXML private ColorPicker backgroundEnd;
  @FXML private ColorPicker textColour;
  @FXML private ColorPicker button;
  @FXML private ColorPicker buttonText;
  @FXML private ComboBox<String> font;
  @FXML private ComboBox<String> buttonStyle;
  @FXML private Label contrast;
  @FXML private Label themeError;
  @FXML private Button saveButton;
  @FXML private ListView<BioWidgetView> widgetList;
  @FXML private Button addWidgetButton;
  @FXML private Button editWidgetButton;
  @FXML private Button removeWidgetButton;
  @FXML private Label views;
  @FXML private BarChart<Number, String> tapChart;
  @FXML private TableView<PagesViewModel.WidgetTaps> tapTable;
  @FXML private TableColumn<PagesViewModel.WidgetTaps, String> tapWidget;
  @FXML private TableColumn<PagesViewModel.WidgetTaps, Number> tapCount;
  @FXML private TableColumn<PagesViewModel.WidgetTaps, Number> tapRate;
  @FXML private Label previewStatus;
  @FXML private WebView preview;

  private static final String PREVIEW_STYLE =
      "data:text/css;charset=utf-8;base64,"
          + java.util.Base64.getEncoder()
              .encodeToString(
                  ".w-video iframe,.w-image img{background:rgba(128,128,128,.35);min-height:120px}"
                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));

  /** {@code notifier} confirms what the view does itself ("Copied …"). */
  public PagesView(PagesViewModel model, Consumer<String> openInBrowser, Notifier notifier) {
    this.model = model;
    this.openInBrowser = openInBrowser;
    this.notifier = notifier;
  }

  public Parent load() {
    return Fxml.load(this);
  }

  @FXML
  private void initialize() {
    pageList.setItems(model.pages());
    pageList.setCellFactory(list -> new PageCell());
    pageList
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, chosen) -> {
              if (chosen != null
                  && (model.pageProperty().get() == null
                      || chosen.id() != model.pageProperty().get().id())) {
                model.select(chosen);
              }
            });
    PageSettingsViewModel settings = model.settings();
    bindText(handle, handleError, settings, "handle");
    bindText(domain, domainError, settings, "domain");
    bindText(title, titleError, settings, "title");
    bindText(description, descriptionError, settings, "description");
    bindText(avatarUrl, avatarUrlError, settings, "avatarUrl");
    bindText(seoTitle, seoTitleError, settings, "seoTitle");
    bindText(seoDescription, seoDescriptionError, settings, "seoDescription");
    bindText(ogImageUrl, ogImageUrlError, settings, "ogImageUrl");
    preset.getItems().setAll(BioThemes.PRESET_NAMES);
    preset.valueProperty().bindBidirectional(settings.field("theme.preset"));
    font.getItems().setAll(BioThemes.FONTS);
    font.valueProperty().bindBidirectional(settings.field("theme.font"));
    buttonStyle.getItems().setAll(List.of("pill", "rounded", "square", "outline"));
    buttonStyle.valueProperty().bindBidirectional(settings.field("theme.buttonStyle"));
    bindColour(background, settings.field("theme.background"));
    bindColour(backgroundEnd, settings.field("theme.backgroundEnd"));
    bindColour(textColour, settings.field("theme.text"));
    bindColour(button, settings.field("theme.button"));
    bindColour(buttonText, settings.field("theme.buttonText"));
    contrast.textProperty().bind(settings.contrastProperty());
    bindError(themeError, settings.themeErrorProperty());
    settings.readableProperty().addListener((o, a, readable) -> styleContrast(readable));
    styleContrast(settings.readableProperty().get());

    var offline = model.changesDisabled();
    offlineReason.textProperty().bind(model.offlineReasonProperty());
    offlineReason.visibleProperty().bind(offline);
    offlineReason.managedProperty().bind(offline);
    Tooltip why = new Tooltip();
    why.textProperty().bind(model.offlineReasonProperty());
    for (Button change :
        List.of(newPageButton, publishButton, deleteButton, saveButton, addWidgetButton)) {
      change.setTooltip(why);
    }
    newPageButton.disableProperty().bind(offline);
    publishButton.disableProperty().bind(offline);
    deleteButton.disableProperty().bind(offline);
    addWidgetButton.disableProperty().bind(offline);
    // Save and Discard stay enabled with nothing changed: a button disabled under the pointer
    // hands the focus on, and the editor would scroll away to the next focusable control.
    saveButton.disableProperty().bind(offline);
    var noWidget = widgetList.getSelectionModel().selectedItemProperty().isNull();
    editWidgetButton.disableProperty().bind(noWidget.or(offline));
    removeWidgetButton.disableProperty().bind(noWidget.or(offline));
    editWidgetButton.setTooltip(why);
    removeWidgetButton.setTooltip(why);

    widgetList.setItems(model.widgets());
    widgetList.setCellFactory(list -> new WidgetCell());
    widgetList.setOnMouseClicked(
        event -> {
          if (event.getClickCount() == 2 && !editWidgetButton.isDisabled()) {
            editWidget();
          }
        });
    views.textProperty().bind(model.viewsProperty());
    tapTable.setItems(model.taps());
    tapWidget.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().label()));
    tapCount.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().taps()));
    tapCount.setCellFactory(Cells.counts());
    tapRate.setCellValueFactory(
        cell ->
            new ReadOnlyObjectWrapper<>(
                cell.getValue().rate() == null ? -1 : cell.getValue().rate()));
    tapRate.setCellFactory(
        Cells.formatted(
            rate ->
                rate.doubleValue() < 0
                    ? "–"
                    : String.format(Locale.US, "%.1f %%", rate.doubleValue())));
    model.taps().addListener((ListChangeListener<PagesViewModel.WidgetTaps>) change -> drawTaps());

    previewStatus.textProperty().bind(model.previewStatusProperty());
    previewStatus.visibleProperty().bind(model.previewStatusProperty().isNotEmpty());
    previewStatus.managedProperty().bind(previewStatus.visibleProperty());
    // Bio pages are laid out for phones: a slightly smaller zoom shows a phone's width.
    preview.setZoom(0.8);
    preview.setContextMenuEnabled(false);
    // The page has no script (the collector's policy forbids it), and none runs here either.
    preview.getEngine().setJavaScriptEnabled(false);
    // An embedded video or an image that cannot be fetched would leave an invisible hole: the
    // preview shows where it sits.
    preview.getEngine().setUserStyleSheetLocation(PREVIEW_STYLE);
    // A tap in the preview opens the address in the browser; the preview stays the page.
    preview
        .getEngine()
        .locationProperty()
        .addListener(
            (o, before, location) -> {
              if (location != null && location.matches("(?i)(https?|mailto):.*")) {
                openInBrowser.accept(location);
                javafx.application.Platform.runLater(
                    () -> showPreview(model.previewProperty().get()));
              }
            });
    model.previewProperty().addListener((o, a, html) -> showPreview(html));
    SplitPane.setResizableWithParent(editor.getItems().get(1), false);

    model.pageProperty().addListener((o, a, page) -> show(page));
    show(model.pageProperty().get());
    model.reload();
  }

  private static void bindText(
      TextInputControl field, Label error, PageSettingsViewModel settings, String name) {
    field.textProperty().bindBidirectional(settings.field(name));
    bindError(error, settings.error(name));
  }

  static void bindError(Label label, ObservableStringValue error) {
    label.textProperty().bind(error);
    label.visibleProperty().bind(Bindings.isNotEmpty(error));
    label.managedProperty().bind(label.visibleProperty());
  }

  /** A colour picker showing a "#rrggbb" property and writing the picked colour back to it. */
  private static void bindColour(ColorPicker picker, StringProperty colour) {
    Runnable show =
        () -> {
          if (BioThemes.isColour(colour.get())) {
            Color value = Color.web(colour.get().strip());
            if (!value.equals(picker.getValue())) {
              picker.setValue(value);
            }
          }
        };
    colour.addListener((o, a, b) -> show.run());
    show.run();
    picker
        .valueProperty()
        .addListener(
            (o, a, value) -> {
              if (value != null) {
                String hex = hex(value);
                if (!hex.equalsIgnoreCase(colour.get().strip())) {
                  colour.set(hex);
                }
              }
            });
  }

  static String hex(Color colour) {
    return String.format(
        Locale.ROOT,
        "#%02x%02x%02x",
        Math.round(colour.getRed() * 255),
        Math.round(colour.getGreen() * 255),
        Math.round(colour.getBlue() * 255));
  }

  private void styleContrast(boolean readable) {
    contrast.getStyleClass().removeAll("field-error", "success-text");
    contrast.getStyleClass().add(readable ? "success-text" : "field-error");
  }

  private void show(@Nullable BioPageView page) {
    editor.setVisible(page != null);
    empty.setVisible(page == null);
    if (page == null) {
      return;
    }
    BioPageView selected = pageList.getSelectionModel().getSelectedItem();
    if (selected == null || selected.id() != page.id()) {
      model.pages().stream()
          .filter(p -> p.id() == page.id())
          .findFirst()
          .ifPresent(p -> pageList.getSelectionModel().select(p));
    }
    pageTitle.setText(page.title());
    publicUrl.setText(page.publicUrl());
    state.setText(page.published() ? "Published" : "Draft");
    state
        .getStyleClass()
        .setAll("label", "status", page.published() ? "status-online" : "status-offline");
    state.setTooltip(
        new Tooltip(
            page.published()
                ? "Visitors can open the page."
                : "Visitors get “not found” until you publish the page."));
    publishButton.setText(page.published() ? "Unpublish" : "Publish");
  }

  private void showPreview(String html) {
    if (html.isEmpty()) {
      preview.getEngine().loadContent("<html><body></body></html>");
    } else {
      preview.getEngine().loadContent(html);
    }
  }

  private void drawTaps() {
    XYChart.Series<Number, String> series = new XYChart.Series<>();
    var list = model.taps();
    for (int i = list.size() - 1; i >= 0; i--) {
      series
          .getData()
          .add(new XYChart.Data<>(list.get(i).taps(), Charts.shorten(list.get(i).label())));
    }
    tapChart.getData().setAll(List.of(series));
  }

  private Window window() {
    return pageList.getScene().getWindow();
  }

  @FXML
  private void newPage() {
    new NewPageView(model.newPage()).showAndWait(window()).ifPresent(model::showSaved);
  }

  @FXML
  private void save() {
    model.saveSettings();
  }

  @FXML
  private void revert() {
    model.settings().load(model.pageProperty().get());
  }

  @FXML
  private void togglePublished() {
    model.togglePublished();
  }

  @FXML
  private void openInBrowser() {
    BioPageView page = model.pageProperty().get();
    if (page != null) {
      openInBrowser.accept(page.publicUrl());
    }
  }

  @FXML
  private void copyUrl() {
    BioPageView page = model.pageProperty().get();
    if (page != null) {
      ClipboardContent content = new ClipboardContent();
      content.putString(page.publicUrl());
      Clipboard.getSystemClipboard().setContent(content);
      notifier.info("Copied " + page.publicUrl());
    }
  }

  @FXML
  private void refreshPreview() {
    model.refreshPreview();
  }

  @FXML
  private void deletePage() {
    BioPageView page = model.pageProperty().get();
    if (page == null) {
      return;
    }
    Alert confirm =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            "Delete "
                + page.publicUrl()
                + " with its "
                + page.widgets().size()
                + " widgets? Visitors will get “not found”. This cannot be undone.",
            ButtonType.CANCEL,
            ButtonType.OK);
    confirm.setTitle("Delete bio page");
    confirm.setHeaderText("Delete “" + page.title() + "”?");
    confirm.initOwner(window());
    confirm.getDialogPane().setId("page-delete-confirm");
    ((Button) confirm.getDialogPane().lookupButton(ButtonType.OK)).setText("Delete");
    confirm.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> model.deletePage());
  }

  @FXML
  private void addWidget() {
    if (model.pageProperty().get() != null) {
      new WidgetEditorView(model.widgetEditor(null))
          .showAndWait(window())
          .ifPresent(model::showSaved);
    }
  }

  @FXML
  private void editWidget() {
    BioWidgetView widget = widgetList.getSelectionModel().getSelectedItem();
    if (widget != null) {
      new WidgetEditorView(model.widgetEditor(widget))
          .showAndWait(window())
          .ifPresent(model::showSaved);
    }
  }

  @FXML
  private void removeWidget() {
    BioWidgetView widget = widgetList.getSelectionModel().getSelectedItem();
    if (widget == null) {
      return;
    }
    Alert confirm =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            "Remove " + WidgetLabels.label(widget) + "?",
            ButtonType.CANCEL,
            ButtonType.OK);
    confirm.initOwner(window());
    confirm
        .showAndWait()
        .filter(b -> b == ButtonType.OK)
        .ifPresent(b -> model.removeWidget(widget));
  }

  /** A page row: title (wrapped, never cut to "…"), handle and state. */
  private final class PageCell extends ListCell<BioPageView> {
    private final Text name = wrapped("page-cell-title", pageList, 30);
    private final Text detail = wrapped("page-cell-detail", pageList, 30);
    private final VBox box = new VBox(2, name, detail);

    PageCell() {
      box.setPadding(new Insets(2, 0, 2, 0));
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(BioPageView page, boolean isEmpty) {
      super.updateItem(page, isEmpty);
      setText(null);
      if (isEmpty || page == null) {
        setGraphic(null);
        setTooltip(null);
        return;
      }
      name.setText(page.title());
      detail.setText("@" + page.handle() + (page.published() ? " · published" : " · draft"));
      setGraphic(box);
      setTooltip(new Tooltip(page.title() + "\n" + page.publicUrl()));
    }
  }

  /**
   * A text that wraps at the width of {@code list} less {@code inset}: a wrapped {@link Label} in a
   * list cell is measured as one line and cut to "…", a {@link Text} with a wrapping width is not.
   */
  private static Text wrapped(String styleClass, ListView<?> list, double inset) {
    Text text = new Text();
    text.getStyleClass().add(styleClass);
    text.wrappingWidthProperty().bind(list.widthProperty().subtract(inset));
    return text;
  }

  /**
   * A widget row as the user knows it (kind, title or icons, where a tap goes) that can be dragged
   * onto another row to move it there.
   */
  private final class WidgetCell extends ListCell<BioWidgetView> {
    private final Label kind = new Label();
    private final Text main = wrapped("widget-cell-main", widgetList, 40);
    private final Text detail = wrapped("widget-cell-detail", widgetList, 40);
    private final VBox box = new VBox(1, kind, main, detail);

    WidgetCell() {
      kind.getStyleClass().addAll("widget-kind", "muted");
      box.setPadding(new Insets(3, 0, 3, 0));
      setPrefWidth(0);
      setOnDragDetected(
          event -> {
            // Reordering is a change: not while offline.
            if (getItem() != null && !model.changesDisabled().get()) {
              var board = startDragAndDrop(TransferMode.MOVE);
              ClipboardContent content = new ClipboardContent();
              content.putString(Integer.toString(getIndex()));
              board.setContent(content);
              event.consume();
            }
          });
      setOnDragOver(
          event -> {
            if (event.getGestureSource() != this && event.getDragboard().hasString()) {
              event.acceptTransferModes(TransferMode.MOVE);
            }
            event.consume();
          });
      setOnDragDropped(
          event -> {
            boolean done = false;
            if (event.getDragboard().hasString()) {
              int from = Integer.parseInt(event.getDragboard().getString());
              int to = isEmpty() ? model.widgets().size() - 1 : getIndex();
              model.move(from, to);
              done = true;
            }
            event.setDropCompleted(done);
            event.consume();
          });
    }

    @Override
    protected void updateItem(BioWidgetView widget, boolean isEmpty) {
      super.updateItem(widget, isEmpty);
      setText(null);
      if (isEmpty || widget == null) {
        setGraphic(null);
        setTooltip(null);
        return;
      }
      kind.setText("⠿  " + WidgetLabels.kind(widget.type()).toUpperCase(Locale.ROOT));
      main.setText(WidgetLabels.main(widget));
      String where = WidgetLabels.detail(widget);
      detail.setText(where);
      detail.setVisible(!where.isEmpty());
      detail.setManaged(!where.isEmpty());
      setGraphic(box);
      setTooltip(new Tooltip(WidgetLabels.label(widget) + (where.isEmpty() ? "" : "\n" + where)));
    }
  }
}
