package io.linkscope.desktop.links;

import io.linkscope.desktop.ui.Fxml;
import io.linkscope.desktop.ui.Labels;
import java.io.File;
import java.nio.file.Path;
import java.util.function.BiFunction;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/** The QR export dialog of a saved link; binds {@link QrExportViewModel} to QrExportView.fxml. */
public final class QrExportView {
  private final QrExportViewModel model;
  private final BiFunction<Window, QrExportViewModel, @Nullable Path> chooseFile;

  @FXML private Canvas preview;
  @FXML private Label shortUrl;
  @FXML private ComboBox<Integer> size;
  @FXML private ComboBox<QrExportViewModel.Format> format;
  @FXML private Label hint;

  public QrExportView(QrExportViewModel model) {
    this(model, QrExportView::askForFile);
  }

  /** {@code chooseFile} asks where to save (a file chooser; tests answer it themselves). */
  QrExportView(
      QrExportViewModel model, BiFunction<Window, QrExportViewModel, @Nullable Path> chooseFile) {
    this.model = model;
    this.chooseFile = chooseFile;
  }

  /** Builds the dialog (also used by tests and screenshots, which show it without waiting). */
  public Dialog<Path> dialog(@Nullable Window owner) {
    Dialog<Path> dialog = new Dialog<>();
    if (owner != null) {
      dialog.initOwner(owner);
    }
    dialog.setTitle("Export QR code");
    dialog.setHeaderText("QR code of " + model.link().slug());
    dialog.getDialogPane().setContent(Fxml.load(this));
    dialog.getDialogPane().setId("qr-export");
    ButtonType save = new ButtonType("Save…", ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CLOSE, save);
    Node saveButton = dialog.getDialogPane().lookupButton(save);
    saveButton.setId("qr-save");
    saveButton.disableProperty().bind(model.savingProperty());
    saveButton.addEventFilter(
        ActionEvent.ACTION,
        event -> {
          event.consume();
          Path file = chooseFile.apply(dialog.getDialogPane().getScene().getWindow(), model);
          if (file != null) {
            model.export(
                file,
                written -> {
                  dialog.setResult(written);
                  dialog.close();
                });
          }
        });
    dialog.setResultConverter(button -> null);
    return dialog;
  }

  public void show(@Nullable Window owner) {
    dialog(owner).show();
  }

  @FXML
  private void initialize() {
    shortUrl.setText(model.shortUrl());
    size.getItems().setAll(QrExportViewModel.SIZES);
    size.setConverter(
        Labels.of(size::getItems, pixels -> "%,d × %,d px".formatted(pixels, pixels)));
    size.valueProperty().bindBidirectional(model.sizeProperty());
    format.getItems().setAll(QrExportViewModel.Format.values());
    format.setConverter(Labels.of(format::getItems, QrExportViewModel.Format::description));
    format.valueProperty().bindBidirectional(model.formatProperty());
    hint.setText(
        "Print it at least 2 cm wide. The code leads to the short URL, so it keeps working when"
            + " you change the link's target.");
    draw(preview, model.modules());
  }

  /** Draws a QR code's modules on {@code canvas}, whole pixels per module, centred on white. */
  static void draw(Canvas canvas, boolean[][] modules) {
    GraphicsContext g = canvas.getGraphicsContext2D();
    g.setFill(Color.WHITE);
    g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
    double cell = Math.floor(canvas.getWidth() / modules.length);
    double offset = (canvas.getWidth() - cell * modules.length) / 2;
    g.setFill(Color.BLACK);
    for (int y = 0; y < modules.length; y++) {
      for (int x = 0; x < modules.length; x++) {
        if (modules[y][x]) {
          g.fillRect(offset + x * cell, offset + y * cell, cell, cell);
        }
      }
    }
  }

  private static @Nullable Path askForFile(Window owner, QrExportViewModel model) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Save QR code");
    chooser.setInitialFileName(model.suggestedFileName());
    QrExportViewModel.Format format = model.formatProperty().get();
    chooser
        .getExtensionFilters()
        .add(new FileChooser.ExtensionFilter(format.description(), "*." + format.extension()));
    File file = chooser.showSaveDialog(owner);
    return file == null ? null : file.toPath();
  }
}
