package io.linkscope.desktop.links;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.ui.Fxml;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The create/edit dialog of a link; binds {@link LinkEditorViewModel} to LinkEditorView.fxml. */
public final class LinkEditorView {
  private final LinkEditorViewModel model;

  @FXML private TextField target;
  @FXML private Label targetError;
  @FXML private TextField slug;
  @FXML private Label slugError;
  @FXML private TextField title;
  @FXML private TextField tags;
  @FXML private Label tagsError;
  @FXML private ComboBox<Integer> redirectType;
  @FXML private DatePicker expires;
  @FXML private Label expiresError;
  @FXML private TextField maxClicks;
  @FXML private Label maxClicksError;
  @FXML private TextField utmSource;
  @FXML private TextField utmMedium;
  @FXML private TextField utmCampaign;
  @FXML private TextField utmTerm;
  @FXML private TextField utmContent;
  @FXML private Label formError;
  @FXML private Label shortUrl;
  @FXML private Canvas qr;
  @FXML private Button exportPng;
  @FXML private Button exportSvg;
  @FXML private Button copyUrl;

  public LinkEditorView(LinkEditorViewModel model) {
    this.model = model;
  }

  /** Builds the dialog (also used by screenshots, which show it without waiting). */
  public Dialog<LinkView> dialog(Window owner) {
    Parent form = Fxml.load(this);
    Dialog<LinkView> dialog = new Dialog<>();
    if (owner != null) {
      dialog.initOwner(owner);
    }
    dialog.setTitle(model.isNew() ? "New link" : "Edit link");
    dialog.getDialogPane().setContent(form);
    dialog.getDialogPane().setId("link-editor");
    dialog.getDialogPane().setPrefWidth(860);
    dialog.setResizable(true);
    ButtonType save =
        new ButtonType(model.isNew() ? "Create" : "Save", ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, save);
    Node saveButton = dialog.getDialogPane().lookupButton(save);
    saveButton.setId("link-save");
    saveButton.disableProperty().bind(model.savingProperty());
    // Keep the dialog open until the collector accepted the link; errors show inline.
    saveButton.addEventFilter(
        ActionEvent.ACTION,
        event -> {
          event.consume();
          model.save(
              saved -> {
                dialog.setResult(saved);
                dialog.close();
              });
        });
    dialog.setResultConverter(button -> null);
    return dialog;
  }

  public Optional<LinkView> showAndWait(Window owner) {
    return dialog(owner).showAndWait();
  }

  @FXML
  private void initialize() {
    target.textProperty().bindBidirectional(model.targetProperty());
    slug.textProperty().bindBidirectional(model.slugProperty());
    title.textProperty().bindBidirectional(model.titleProperty());
    tags.textProperty().bindBidirectional(model.tagsProperty());
    redirectType.getItems().setAll(LinkEditorViewModel.REDIRECT_TYPES);
    redirectType.valueProperty().bindBidirectional(model.redirectTypeProperty());
    expires.valueProperty().bindBidirectional(model.expiresProperty());
    maxClicks.textProperty().bindBidirectional(model.maxClicksProperty());
    utmSource.textProperty().bindBidirectional(model.utmProperty("utm_source"));
    utmMedium.textProperty().bindBidirectional(model.utmProperty("utm_medium"));
    utmCampaign.textProperty().bindBidirectional(model.utmProperty("utm_campaign"));
    utmTerm.textProperty().bindBidirectional(model.utmProperty("utm_term"));
    utmContent.textProperty().bindBidirectional(model.utmProperty("utm_content"));
    bindError(targetError, model.targetErrorProperty());
    bindError(slugError, model.slugErrorProperty());
    bindError(tagsError, model.tagsErrorProperty());
    bindError(expiresError, model.expiresErrorProperty());
    bindError(maxClicksError, model.maxClicksErrorProperty());
    bindError(formError, model.formErrorProperty());
    shortUrl
        .textProperty()
        .bind(
            javafx.beans.binding.Bindings.createStringBinding(
                () ->
                    !model.shortUrlProperty().get().isEmpty()
                        ? model.shortUrlProperty().get()
                        : model.slugProperty().get().isBlank()
                            ? "Chosen by the collector when you save"
                            : "Fix the slug to see its QR code",
                model.shortUrlProperty(),
                model.slugProperty()));
    var noUrl = model.shortUrlProperty().isEmpty();
    exportPng.disableProperty().bind(noUrl);
    exportSvg.disableProperty().bind(noUrl);
    copyUrl.disableProperty().bind(noUrl);
    model.shortUrlProperty().addListener((o, a, b) -> drawQr());
    drawQr();
  }

  private static void bindError(Label label, javafx.beans.value.ObservableStringValue error) {
    label.textProperty().bind(error);
    label.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(error));
    label.managedProperty().bind(label.visibleProperty());
  }

  private void drawQr() {
    GraphicsContext g = qr.getGraphicsContext2D();
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, qr.getWidth(), qr.getHeight());
    String url = model.shortUrlProperty().get();
    if (url.isEmpty()) {
      g.setFill(Color.web("#9ca3af"));
      g.fillText("QR code appears\nonce the slug is set", 14, qr.getHeight() / 2 - 8);
      return;
    }
    boolean[][] modules = QrCodes.modules(url);
    double cell = Math.floor(qr.getWidth() / modules.length);
    double offset = (qr.getWidth() - cell * modules.length) / 2;
    g.setFill(Color.BLACK);
    for (int y = 0; y < modules.length; y++) {
      for (int x = 0; x < modules.length; x++) {
        if (modules[y][x]) {
          g.fillRect(offset + x * cell, offset + y * cell, cell, cell);
        }
      }
    }
  }

  @FXML
  private void exportPng() {
    export("png", "PNG image", () -> model.qrPng());
  }

  @FXML
  private void exportSvg() {
    export("svg", "SVG image", () -> model.qrSvg().getBytes(StandardCharsets.UTF_8));
  }

  @FXML
  private void copyShortUrl() {
    ClipboardContent content = new ClipboardContent();
    content.putString(model.shortUrlProperty().get());
    Clipboard.getSystemClipboard().setContent(content);
  }

  private void export(
      String extension, String description, java.util.function.Supplier<byte[]> bytes) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export QR code");
    String slugText = model.slugProperty().get().isBlank() ? "link" : model.slugProperty().get();
    chooser.setInitialFileName("qr-" + slugText + "." + extension);
    chooser
        .getExtensionFilters()
        .add(new FileChooser.ExtensionFilter(description, "*." + extension));
    File file = chooser.showSaveDialog(qr.getScene().getWindow());
    if (file != null) {
      try {
        Files.write(file.toPath(), bytes.get());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
