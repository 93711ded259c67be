package io.linkscope.desktop.pages;

import io.linkscope.api.bio.BioPageView;
import io.linkscope.desktop.ui.Fxml;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/** The "new bio page" dialog; binds {@link NewPageViewModel} to NewPageView.fxml. */
public final class NewPageView {
  private final NewPageViewModel model;

  @FXML private TextField handle;
  @FXML private Label handleError;
  @FXML private Label address;
  @FXML private TextField title;
  @FXML private Label titleError;

  public NewPageView(NewPageViewModel model) {
    this.model = model;
  }

  /** Builds the dialog; it closes only once the collector created the page. */
  public Dialog<BioPageView> dialog(@Nullable Window owner) {
    Dialog<BioPageView> dialog =
        FormDialogs.create(
            Fxml.load(this),
            owner,
            "New bio page",
            "new-page-dialog",
            "Create",
            "new-page-create",
            model.savingProperty(),
            model::create);
    FormDialogs.fitOnChange(
        dialog, model.handleErrorProperty(), model.titleErrorProperty(), model.addressProperty());
    return dialog;
  }

  public Optional<BioPageView> showAndWait(@Nullable Window owner) {
    return dialog(owner).showAndWait();
  }

  @FXML
  private void initialize() {
    handle.textProperty().bindBidirectional(model.handleProperty());
    title.textProperty().bindBidirectional(model.titleProperty());
    PagesView.bindError(handleError, model.handleErrorProperty());
    PagesView.bindError(titleError, model.titleErrorProperty());
    address
        .textProperty()
        .bind(
            javafx.beans.binding.Bindings.createStringBinding(
                () ->
                    model.addressProperty().get().isEmpty()
                        ? ""
                        : "Visitors will open " + model.addressProperty().get(),
                model.addressProperty()));
  }
}
