package io.linkscope.desktop.ui;

import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A secret the collector shows only once (an API key, a webhook signing secret): read-only in a
 * field with Copy, the note that it will not be shown again, and "I have copied it".
 *
 * @param id the prefix of the dialog's node ids: {@code <id>-dialog}, {@code <id>} (the field),
 *     {@code <id>-copy}, {@code <id>-note}
 * @param copied the confirmation after Copy ("Copied the key.")
 * @param styleClass the field's and the note's style classes: {@code <styleClass>} for the field,
 *     {@code <styleClass>-note} for the note, from {@code stylesheet}
 */
public record SecretDialog(
    String id, String title, String copied, String styleClass, String stylesheet) {

  /** Shows {@code secret} with {@code note} over {@code owner}; {@code hidden} runs when closed. */
  public void show(Window owner, String secret, String note, Notifier notifier, Runnable hidden) {
    TextField value = new TextField(secret);
    value.setId(id);
    value.setEditable(false);
    value.getStyleClass().add(styleClass);
    HBox.setHgrow(value, Priority.ALWAYS);
    Button copy = new Button("Copy");
    copy.setId(id + "-copy");
    copy.getStyleClass().add("accent");
    copy.setMinWidth(Button.USE_PREF_SIZE);
    copy.setOnAction(
        event -> {
          ClipboardContent content = new ClipboardContent();
          content.putString(secret);
          Clipboard.getSystemClipboard().setContent(content);
          notifier.info(copied);
        });
    Label text = new Label(note);
    text.setId(id + "-note");
    text.setWrapText(true);
    text.getStyleClass().add(styleClass + "-note");
    text.setMaxWidth(Double.MAX_VALUE);
    VBox content = new VBox(10, text, new HBox(8, value, copy));
    content.setPadding(new Insets(8, 4, 4, 4));
    content.setPrefWidth(540);
    content.getStylesheets().add(stylesheet);

    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle(title);
    dialog.setHeaderText(title);
    dialog.getDialogPane().setId(id + "-dialog");
    dialog.getDialogPane().setContent(content);
    dialog
        .getDialogPane()
        .getButtonTypes()
        .add(new ButtonType("I have copied it", ButtonBar.ButtonData.OK_DONE));
    dialog.setOnHidden(event -> hidden.run());
    dialog.show();
  }
}
