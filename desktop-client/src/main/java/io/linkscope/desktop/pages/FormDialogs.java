package io.linkscope.desktop.pages;

import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ObservableBooleanValue;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * Dialogs of the page editor that close only once the collector accepted what was typed: the submit
 * button hands the form to its view model, which shows problems beside the fields and calls back
 * with the result on success.
 */
final class FormDialogs {
  private FormDialogs() {}

  /**
   * A dialog showing {@code form} with Cancel and a submit button labelled {@code submitText}
   * (disabled while {@code saving}); {@code submit} gets the callback that closes the dialog.
   */
  static <T> Dialog<T> create(
      Parent form,
      @Nullable Window owner,
      String title,
      String paneId,
      String submitText,
      String submitId,
      ObservableBooleanValue saving,
      Consumer<Consumer<T>> submit) {
    Dialog<T> dialog = new Dialog<>();
    if (owner != null) {
      dialog.initOwner(owner);
    }
    dialog.setTitle(title);
    dialog.getDialogPane().setContent(form);
    dialog.getDialogPane().setId(paneId);
    dialog.setResizable(true);
    ButtonType submitType = new ButtonType(submitText, ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, submitType);
    Node submitButton = dialog.getDialogPane().lookupButton(submitType);
    submitButton.setId(submitId);
    submitButton.disableProperty().bind(saving);
    submitButton.addEventFilter(
        ActionEvent.ACTION,
        event -> {
          event.consume();
          submit.accept(
              result -> {
                dialog.setResult(result);
                dialog.close();
              });
        });
    dialog.setResultConverter(button -> null);
    return dialog;
  }

  /**
   * Resizes the shown dialog to its content whenever one of {@code changes} changes: an error that
   * appears under a field, or the fields of another kind of widget, must not push the buttons out.
   */
  static void fitOnChange(Dialog<?> dialog, Observable... changes) {
    InvalidationListener fit =
        changed ->
            Platform.runLater(
                () -> {
                  if (dialog.isShowing()) {
                    dialog.getDialogPane().getScene().getWindow().sizeToScene();
                  }
                });
    for (Observable change : changes) {
      change.addListener(fit);
    }
  }
}
