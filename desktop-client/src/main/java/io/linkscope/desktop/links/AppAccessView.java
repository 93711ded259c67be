package io.linkscope.desktop.links;

import io.linkscope.desktop.ui.Fxml;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;

/**
 * The "App & password" tab of the link dialog: deep links for iOS and Android and the password (set
 * a new one or remove it; the stored one is never shown); binds those fields of {@link
 * LinkEditorViewModel} to AppAccessView.fxml.
 */
final class AppAccessView {
  private final LinkEditorViewModel model;

  @FXML private TextField iosApp;
  @FXML private TextField iosStore;
  @FXML private Label iosError;
  @FXML private TextField androidApp;
  @FXML private TextField androidStore;
  @FXML private TextField androidPackage;
  @FXML private Label androidError;
  @FXML private Label passwordState;
  @FXML private PasswordField password;
  @FXML private CheckBox removePassword;
  @FXML private Label passwordError;

  AppAccessView(LinkEditorViewModel model) {
    this.model = model;
  }

  Parent load() {
    return Fxml.load(this);
  }

  @FXML
  private void initialize() {
    iosApp.textProperty().bindBidirectional(model.iosAppUrlProperty());
    iosStore.textProperty().bindBidirectional(model.iosStoreUrlProperty());
    androidApp.textProperty().bindBidirectional(model.androidAppUrlProperty());
    androidStore.textProperty().bindBidirectional(model.androidStoreUrlProperty());
    androidPackage.textProperty().bindBidirectional(model.androidPackageProperty());
    LinkEditorView.bindError(iosError, model.iosErrorProperty());
    LinkEditorView.bindError(androidError, model.androidErrorProperty());
    passwordState.setText(model.passwordState());
    password.textProperty().bindBidirectional(model.passwordProperty());
    removePassword.selectedProperty().bindBidirectional(model.removePasswordProperty());
    removePassword.setVisible(model.isPasswordProtected());
    removePassword.setManaged(model.isPasswordProtected());
    password.setPromptText(
        model.isPasswordProtected()
            ? "New password (empty: keep the present one)"
            : "Password (4–128 characters)");
    LinkEditorView.bindError(passwordError, model.passwordErrorProperty());
  }
}
