package io.linkscope.desktop.pages;

import io.linkscope.api.bio.BioPageView;
import io.linkscope.desktop.ui.Fxml;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * The add/edit dialog of a widget; binds {@link WidgetEditorViewModel} to WidgetEditorView.fxml. It
 * closes only once the collector accepted the widget: on a problem it stays open with what was
 * typed and shows the problem next to its field.
 */
public final class WidgetEditorView {
  private final WidgetEditorViewModel model;

  @FXML private ComboBox<String> type;
  @FXML private Label hint;
  @FXML private VBox titleBox;
  @FXML private Label titleLabel;
  @FXML private TextField title;
  @FXML private Label titleError;
  @FXML private VBox urlBox;
  @FXML private Label urlLabel;
  @FXML private TextField url;
  @FXML private Label urlError;
  @FXML private VBox imageBox;
  @FXML private Label imageLabel;
  @FXML private TextField imageUrl;
  @FXML private Label imageUrlError;
  @FXML private VBox textBox;
  @FXML private TextArea text;
  @FXML private Label textError;
  @FXML private VBox iconsBox;
  @FXML private VBox iconRows;
  @FXML private Label iconsError;

  public WidgetEditorView(WidgetEditorViewModel model) {
    this.model = model;
  }

  /** Builds the dialog (also used by tests and screenshots, which show it without waiting). */
  public Dialog<BioPageView> dialog(@Nullable Window owner) {
    Dialog<BioPageView> dialog =
        FormDialogs.create(
            Fxml.load(this),
            owner,
            model.isNew() ? "Add widget" : "Edit widget",
            "widget-editor",
            model.isNew() ? "Add" : "Save",
            "widget-save",
            model.savingProperty(),
            model::save);
    // The dialog grows and shrinks with the fields of the chosen kind and the errors shown.
    FormDialogs.fitOnChange(
        dialog,
        model.typeProperty(),
        model.icons(),
        model.titleErrorProperty(),
        model.urlErrorProperty(),
        model.imageUrlErrorProperty(),
        model.textErrorProperty(),
        model.iconsErrorProperty());
    return dialog;
  }

  public Optional<BioPageView> showAndWait(@Nullable Window owner) {
    return dialog(owner).showAndWait();
  }

  @FXML
  private void initialize() {
    type.getItems().setAll(WidgetLabels.TYPES);
    type.setCellFactory(list -> new KindCell());
    type.setButtonCell(new KindCell());
    type.valueProperty().bindBidirectional(model.typeProperty());
    type.setDisable(!model.isNew());
    hint.textProperty().bind(model.hintProperty());
    show(titleBox, model.usesTitle());
    show(urlBox, model.usesUrl());
    show(imageBox, model.usesImage());
    show(textBox, model.usesText());
    show(iconsBox, model.usesIcons());
    titleLabel.textProperty().bind(model.titleLabelProperty());
    urlLabel.textProperty().bind(model.urlLabelProperty());
    url.promptTextProperty().bind(model.urlPromptProperty());
    imageLabel.textProperty().bind(model.imageLabelProperty());
    title.textProperty().bindBidirectional(model.titleProperty());
    url.textProperty().bindBidirectional(model.urlProperty());
    imageUrl.textProperty().bindBidirectional(model.imageUrlProperty());
    text.textProperty().bindBidirectional(model.textProperty());
    PagesView.bindError(titleError, model.titleErrorProperty());
    PagesView.bindError(urlError, model.urlErrorProperty());
    PagesView.bindError(imageUrlError, model.imageUrlErrorProperty());
    PagesView.bindError(textError, model.textErrorProperty());
    PagesView.bindError(iconsError, model.iconsErrorProperty());
    model
        .icons()
        .addListener((ListChangeListener<WidgetEditorViewModel.IconRow>) change -> drawIcons());
    drawIcons();
  }

  @FXML
  private void addIcon() {
    model.addIcon();
  }

  private static void show(Node node, javafx.beans.value.ObservableBooleanValue when) {
    node.visibleProperty().bind(when);
    node.managedProperty().bind(when);
  }

  private void drawIcons() {
    iconRows.getChildren().clear();
    for (WidgetEditorViewModel.IconRow row : model.icons()) {
      ComboBox<String> platform = new ComboBox<>();
      platform.getItems().setAll(WidgetLabels.PLATFORM_ORDER);
      platform.setCellFactory(list -> new PlatformCell());
      platform.setButtonCell(new PlatformCell());
      platform.valueProperty().bindBidirectional(row.platformProperty());
      platform.setPrefWidth(130);
      platform.setMinWidth(130);
      TextField address = new TextField();
      address.textProperty().bindBidirectional(row.urlProperty());
      address.setPromptText("https://instagram.com/handle");
      HBox.setHgrow(address, Priority.ALWAYS);
      Button remove = new Button("Remove");
      remove.setMinWidth(Button.USE_PREF_SIZE);
      remove.setOnAction(event -> model.icons().remove(row));
      iconRows.getChildren().add(new HBox(6, platform, address, remove));
    }
  }

  /** "Link", "Social icons"… in the kind picker. */
  private static final class KindCell extends ListCell<String> {
    @Override
    protected void updateItem(String kind, boolean isEmpty) {
      super.updateItem(kind, isEmpty);
      setText(isEmpty || kind == null ? null : WidgetLabels.kind(kind));
    }
  }

  /** "Instagram", "TikTok"… in an icon's platform picker. */
  private static final class PlatformCell extends ListCell<String> {
    @Override
    protected void updateItem(String platform, boolean isEmpty) {
      super.updateItem(platform, isEmpty);
      setText(isEmpty || platform == null ? null : WidgetLabels.platform(platform));
    }
  }
}
