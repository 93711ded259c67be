package io.linkscope.desktop.app;

import io.linkscope.desktop.ui.Fxml;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;

/** The "connect to a collector" form: URL and API key, checked against the collector. */
public final class ConnectView {
  private final MainViewModel model;
  private final Runnable connected;

  @FXML private TextField url;
  @FXML private PasswordField key;
  @FXML private TextField label;
  @FXML private Button connect;
  @FXML private Label error;

  public ConnectView(MainViewModel model, Runnable connected) {
    this.model = model;
    this.connected = connected;
  }

  public Parent load() {
    return Fxml.load(this);
  }

  @FXML
  private void initialize() {
    error.managedProperty().bind(error.visibleProperty());
    error.visibleProperty().bind(error.textProperty().isNotEmpty());
  }

  @FXML
  private void connect() {
    error.setText("");
    connect.setDisable(true);
    model.connect(
        url.getText(),
        key.getText(),
        label.getText(),
        () -> {
          connect.setDisable(false);
          key.clear();
          label.clear();
          connected.run();
        },
        problem -> {
          connect.setDisable(false);
          error.setText(problem);
        });
  }
}
