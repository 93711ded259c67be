package io.linkscope.desktop.app;

import io.linkscope.desktop.connection.Connection;
import javafx.beans.binding.Bindings;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * The window's dialogs about saved connections: connect to another collector, manage the saved ones
 * (rename, new key, remove) and enter a new key for one. Errors about a field are shown under it
 * and the dialog stays open, so nothing typed is lost.
 */
final class ConnectionDialogs {
  private ConnectionDialogs() {}

  /** "Connect to a collector": the connect form in a dialog that closes once connected. */
  static void connect(Window owner, MainViewModel model) {
    Dialog<Void> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle("Connect to a collector");
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    dialog
        .getDialogPane()
        .setContent(
            new ConnectView(
                    model,
                    () -> {
                      dialog.setResult(null);
                      dialog.close();
                    })
                .load());
    dialog.show();
  }

  /** The saved connections, with rename, new key and remove for the chosen one. */
  static void manage(Window owner, MainViewModel model) {
    Dialog<Void> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle("Connections");
    dialog.setHeaderText("Saved connections");
    dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
    ListView<Connection> list = new ListView<>(model.connections());
    list.setId("connections-list");
    list.setPrefSize(560, 260);
    list.setCellFactory(
        view ->
            new ListCell<>() {
              @Override
              protected void updateItem(@Nullable Connection connection, boolean empty) {
                super.updateItem(connection, empty);
                if (empty || connection == null) {
                  setGraphic(null);
                  setText(null);
                  return;
                }
                Label name = new Label(model.displayName(connection));
                name.getStyleClass().add("connection-name");
                Label url = new Label(connection.url());
                url.getStyleClass().add("muted");
                setText(null);
                setGraphic(new VBox(2, name, url));
              }
            });
    Connection open = model.selectedProperty().get();
    if (open != null) {
      list.getSelectionModel().select(open);
    }
    Button rename = new Button("Rename…");
    rename.setId("connections-rename");
    Button rekey = new Button("New key…");
    rekey.setId("connections-rekey");
    Button remove = new Button("Remove…");
    remove.setId("connections-remove");
    remove.getStyleClass().add("danger");
    for (Button button : new Button[] {rename, rekey, remove}) {
      button
          .disableProperty()
          .bind(Bindings.isNull(list.getSelectionModel().selectedItemProperty()));
    }
    rename.setOnAction(event -> rename(dialog, model, list.getSelectionModel().getSelectedItem()));
    rekey.setOnAction(
        event -> rekey(dialog.getDialogPane().getScene().getWindow(), model, chosen(list)));
    remove.setOnAction(event -> remove(dialog, model, chosen(list)));
    Label hint =
        new Label(
            "The label tells apart two connections to the same workspace, e.g. \"Acme staging\".");
    hint.getStyleClass().add("muted");
    hint.setWrapText(true);
    VBox content = new VBox(8, list, new HBox(8, rename, rekey, remove), hint);
    content.setId("connections-manager");
    dialog.getDialogPane().setContent(content);
    dialog.show();
  }

  private static Connection chosen(ListView<Connection> list) {
    return list.getSelectionModel().getSelectedItem();
  }

  private static void rename(Dialog<Void> manager, MainViewModel model, Connection connection) {
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(manager.getDialogPane().getScene().getWindow());
    dialog.setTitle("Rename connection");
    dialog.setHeaderText("Label for " + connection.workspaceName() + " on " + connection.host());
    TextField label = new TextField(connection.label() == null ? "" : connection.label());
    label.setId("rename-label");
    label.setPromptText("e.g. Acme staging (empty: no label)");
    dialog.getDialogPane().setContent(new VBox(6, new Label("Label"), label));
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
    dialog.setOnShown(event -> label.requestFocus());
    dialog
        .resultProperty()
        .addListener(
            (o, before, result) -> {
              if (result == ButtonType.OK) {
                model.rename(connection, label.getText());
              }
            });
    dialog.show();
  }

  private static void remove(Dialog<Void> manager, MainViewModel model, Connection connection) {
    Alert confirm = new Alert(Alert.AlertType.CONFIRMATION);
    confirm.initOwner(manager.getDialogPane().getScene().getWindow());
    confirm.setTitle("Remove connection");
    confirm.setHeaderText("Remove " + model.displayName(connection) + "?");
    confirm.setContentText(
        "Its key and its local copy on this computer are deleted. The workspace on the collector"
            + " is not touched: connect again with a key to get it back.");
    ButtonType removeButton = new ButtonType("Remove", ButtonBar.ButtonData.OK_DONE);
    confirm.getButtonTypes().setAll(removeButton, ButtonType.CANCEL);
    confirm
        .resultProperty()
        .addListener(
            (o, before, result) -> {
              if (result == removeButton) {
                model.remove(connection);
              }
            });
    confirm.show();
  }

  /**
   * "New key": checks the key against the collector and keeps the dialog open with the problem
   * under the field until it is accepted; the connection keeps its label and local copy.
   */
  static void rekey(Window owner, MainViewModel model, Connection connection) {
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle("New API key");
    dialog.setHeaderText("New API key for " + model.displayName(connection));
    Label explain =
        new Label(
            "Paste a key of the workspace \""
                + connection.workspaceName()
                + "\" (an admin creates one on the collector). The local copy and the label stay.");
    explain.setWrapText(true);
    PasswordField key = new PasswordField();
    key.setId("rekey-key");
    key.setPromptText("lsk_…");
    Label error = new Label();
    error.setId("rekey-error");
    error.getStyleClass().add("field-error");
    error.setWrapText(true);
    error.managedProperty().bind(error.visibleProperty());
    error.visibleProperty().bind(error.textProperty().isNotEmpty());
    // Wrapped labels in a dialog take their full height only when asked to.
    explain.setMinHeight(Region.USE_PREF_SIZE);
    error.setMinHeight(Region.USE_PREF_SIZE);
    VBox content = new VBox(6, explain, new Label("API key"), key, error);
    content.setPrefWidth(480);
    dialog.getDialogPane().setContent(content);
    ButtonType save = new ButtonType("Save key", ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(save, ButtonType.CANCEL);
    Node saveButton = dialog.getDialogPane().lookupButton(save);
    saveButton.setId("rekey-save");
    saveButton.addEventFilter(
        ActionEvent.ACTION,
        event -> {
          event.consume();
          error.setText("");
          saveButton.setDisable(true);
          model.rekey(
              connection,
              key.getText(),
              () -> {
                dialog.setResult(save);
                dialog.close();
              },
              problem -> {
                saveButton.setDisable(false);
                error.setText(problem);
                // The dialog grows by the message instead of hiding its buttons under it.
                dialog.getDialogPane().getScene().getWindow().sizeToScene();
              });
        });
    dialog.setOnShown(event -> key.requestFocus());
    dialog.show();
  }
}
