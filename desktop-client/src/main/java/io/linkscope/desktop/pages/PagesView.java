package io.linkscope.desktop.pages;

import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.desktop.ui.Cells;
import io.linkscope.desktop.ui.Fxml;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.jspecify.annotations.Nullable;

/** The bio pages screen; binds {@link PagesViewModel} to PagesView.fxml. */
public final class PagesView {
  private final PagesViewModel model;
  private final Consumer<String> openInBrowser;

  @FXML private ListView<BioPageView> pageList;
  @FXML private VBox editor;
  @FXML private VBox empty;
  @FXML private Label publicUrl;
  @FXML private Label state;
  @FXML private TextField title;
  @FXML private TextArea description;
  @FXML private ComboBox<String> preset;
  @FXML private Button publishButton;
  @FXML private ListView<BioWidgetView> widgetList;
  @FXML private Button editWidgetButton;
  @FXML private Button removeWidgetButton;
  @FXML private Label views;
  @FXML private BarChart<Number, String> tapChart;
  @FXML private TableView<PagesViewModel.WidgetTaps> tapTable;
  @FXML private TableColumn<PagesViewModel.WidgetTaps, String> tapWidget;
  @FXML private TableColumn<PagesViewModel.WidgetTaps, Number> tapCount;
  @FXML private TableColumn<PagesViewModel.WidgetTaps, Number> tapRate;
  @FXML private Label message;

  public PagesView(PagesViewModel model, Consumer<String> openInBrowser) {
    this.model = model;
    this.openInBrowser = openInBrowser;
  }

  public Parent load() {
    return Fxml.load(this);
  }

  @FXML
  private void initialize() {
    pageList.setItems(model.pages());
    pageList.setCellFactory(
        list ->
            new ListCell<>() {
              @Override
              protected void updateItem(BioPageView page, boolean isEmpty) {
                super.updateItem(page, isEmpty);
                setText(
                    isEmpty || page == null
                        ? null
                        : page.title()
                            + "\n@"
                            + page.handle()
                            + (page.published() ? " · published" : " · draft"));
              }
            });
    pageList
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, chosen) -> {
              if (chosen != null && chosen != model.pageProperty().get()) {
                model.select(chosen);
              }
            });
    title.textProperty().bindBidirectional(model.titleProperty());
    description.textProperty().bindBidirectional(model.descriptionProperty());
    preset.getItems().setAll(PagesViewModel.PRESETS);
    preset.valueProperty().bindBidirectional(model.presetProperty());
    widgetList.setItems(model.widgets());
    widgetList.setCellFactory(list -> new WidgetCell());
    var noWidget = widgetList.getSelectionModel().selectedItemProperty().isNull();
    editWidgetButton.disableProperty().bind(noWidget);
    removeWidgetButton.disableProperty().bind(noWidget);
    views.textProperty().bind(model.viewsProperty());
    message.textProperty().bind(model.messageProperty());
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
    model
        .taps()
        .addListener(
            (javafx.collections.ListChangeListener<PagesViewModel.WidgetTaps>)
                change -> drawTaps());
    model.pageProperty().addListener((o, a, page) -> show(page));
    show(model.pageProperty().get());
    model.reload();
  }

  private void show(BioPageView page) {
    editor.setVisible(page != null);
    empty.setVisible(page == null);
    if (page == null) {
      return;
    }
    if (pageList.getSelectionModel().getSelectedItem() == null
        || pageList.getSelectionModel().getSelectedItem().id() != page.id()) {
      model.pages().stream()
          .filter(p -> p.id() == page.id())
          .findFirst()
          .ifPresent(p -> pageList.getSelectionModel().select(p));
    }
    publicUrl.setText(page.publicUrl());
    state.setText(page.published() ? "Published" : "Draft — visitors get 404 until you publish");
    publishButton.setText(page.published() ? "Unpublish" : "Publish");
  }

  private void drawTaps() {
    XYChart.Series<Number, String> series = new XYChart.Series<>();
    var list = model.taps();
    for (int i = list.size() - 1; i >= 0; i--) {
      series
          .getData()
          .add(
              new XYChart.Data<>(
                  list.get(i).taps(), io.linkscope.desktop.ui.Charts.shorten(list.get(i).label())));
    }
    tapChart.getData().setAll(java.util.List.of(series));
  }

  @FXML
  private void newPage() {
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(pageList.getScene().getWindow());
    dialog.setTitle("New bio page");
    TextField handle = new TextField();
    handle.setPromptText("anna.roasts");
    TextField pageTitle = new TextField();
    pageTitle.setPromptText("Anna's coffee corner");
    GridPane form = new GridPane(8, 8);
    form.addRow(0, new Label("Handle (the page is /@handle)"), handle);
    form.addRow(1, new Label("Title"), pageTitle);
    dialog.getDialogPane().setContent(form);
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ButtonType.OK);
    dialog
        .showAndWait()
        .filter(b -> b == ButtonType.OK)
        .ifPresent(b -> model.createPage(handle.getText(), pageTitle.getText()));
  }

  @FXML
  private void save() {
    model.saveSettings();
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
  private void addWidget() {
    widgetDialog(null).ifPresent(values -> model.addWidget(values[0], values[1], values[2]));
  }

  @FXML
  private void editWidget() {
    BioWidgetView widget = widgetList.getSelectionModel().getSelectedItem();
    if (widget != null) {
      widgetDialog(widget).ifPresent(values -> model.updateWidget(widget, values[1], values[2]));
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
            "Remove " + PagesViewModel.label(widget) + "?",
            ButtonType.CANCEL,
            ButtonType.OK);
    confirm.initOwner(pageList.getScene().getWindow());
    confirm
        .showAndWait()
        .filter(b -> b == ButtonType.OK)
        .ifPresent(b -> model.removeWidget(widget));
  }

  /** Asks for a widget's type (new widgets only), title or text, and URL. */
  private Optional<String[]> widgetDialog(@Nullable BioWidgetView widget) {
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(pageList.getScene().getWindow());
    dialog.setTitle(widget == null ? "Add widget" : "Edit widget");
    ComboBox<String> type = new ComboBox<>();
    type.getItems().setAll(PagesViewModel.WIDGET_TYPES);
    type.setValue(widget == null ? "link" : widget.type());
    type.setDisable(widget != null);
    TextField text =
        new TextField(
            widget == null
                ? ""
                : Optional.ofNullable(widget.title())
                    .orElse(Optional.ofNullable(widget.text()).orElse("")));
    text.setPromptText("Title, or the text of a text widget");
    TextField url =
        new TextField(widget == null ? "" : Optional.ofNullable(widget.url()).orElse(""));
    url.setPromptText("https://… (links, videos) or mailto:…");
    GridPane form = new GridPane(8, 8);
    form.addRow(0, new Label("Type"), type);
    form.addRow(1, new Label("Title / text"), text);
    form.addRow(2, new Label("URL"), url);
    text.setPrefColumnCount(32);
    dialog.getDialogPane().setContent(form);
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, ButtonType.OK);
    return dialog
        .showAndWait()
        .filter(b -> b == ButtonType.OK)
        .map(b -> new String[] {type.getValue(), text.getText(), url.getText()});
  }

  /** A widget row that can be dragged onto another row to move it there. */
  private final class WidgetCell extends ListCell<BioWidgetView> {
    WidgetCell() {
      setOnDragDetected(
          event -> {
            if (getItem() != null) {
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
      setText(isEmpty || widget == null ? null : "⠿  " + PagesViewModel.label(widget));
    }
  }
}
