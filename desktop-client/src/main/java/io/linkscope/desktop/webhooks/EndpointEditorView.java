package io.linkscope.desktop.webhooks;

import io.linkscope.desktop.ui.Fxml;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Platform;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.event.ActionEvent;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/**
 * The dialog of a new endpoint or of changes to one; binds {@link EndpointEditorViewModel} to
 * EndpointEditorView.fxml. It closes only once the collector accepted the form.
 */
public final class EndpointEditorView {
  private final EndpointEditorViewModel model;

  @FXML private TextField url;
  @FXML private Label urlError;
  @FXML private TextArea description;
  @FXML private Label descriptionError;
  @FXML private GridPane events;
  @FXML private Label eventsError;
  @FXML private TextField links;
  @FXML private Label linksError;
  @FXML private TextField tags;
  @FXML private Label tagsError;
  @FXML private CheckBox enabled;
  @FXML private CheckBox batch;

  public EndpointEditorView(EndpointEditorViewModel model) {
    this.model = model;
  }

  /** Builds the dialog; its result is what the collector stored. */
  public Dialog<EndpointEditorViewModel.Saved> dialog(@Nullable Window owner) {
    Dialog<EndpointEditorViewModel.Saved> dialog = new Dialog<>();
    if (owner != null) {
      dialog.initOwner(owner);
    }
    dialog.setTitle(model.creating() ? "New webhook endpoint" : "Edit webhook endpoint");
    dialog.getDialogPane().setContent(Fxml.load(this));
    dialog.getDialogPane().setId("endpoint-dialog");
    dialog.setResizable(true);
    ButtonType submit =
        new ButtonType(model.creating() ? "Create" : "Save", ButtonBar.ButtonData.OK_DONE);
    dialog.getDialogPane().getButtonTypes().addAll(ButtonType.CANCEL, submit);
    Node submitButton = dialog.getDialogPane().lookupButton(submit);
    submitButton.setId("endpoint-save");
    submitButton.disableProperty().bind(model.savingProperty());
    submitButton.addEventFilter(
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
    dialog.setOnShown(event -> url.requestFocus());
    // An error that appears under a field must not push the buttons out of the window.
    InvalidationListener fit =
        changed ->
            Platform.runLater(
                () -> {
                  if (dialog.isShowing()) {
                    dialog.getDialogPane().getScene().getWindow().sizeToScene();
                  }
                });
    for (String field : List.of("url", "description", "events", "links", "tags")) {
      model.error(field).addListener(fit);
    }
    return dialog;
  }

  public Optional<EndpointEditorViewModel.Saved> showAndWait(@Nullable Window owner) {
    return dialog(owner).showAndWait();
  }

  @FXML
  private void initialize() {
    url.textProperty().bindBidirectional(model.urlProperty());
    description.textProperty().bindBidirectional(model.descriptionProperty());
    links.textProperty().bindBidirectional(model.linksProperty());
    tags.textProperty().bindBidirectional(model.tagsProperty());
    enabled.selectedProperty().bindBidirectional(model.enabledProperty());
    batch.selectedProperty().bindBidirectional(model.batchProperty());
    bindError(urlError, model.error("url"));
    bindError(descriptionError, model.error("description"));
    bindError(eventsError, model.error("events"));
    bindError(linksError, model.error("links"));
    bindError(tagsError, model.error("tags"));
    // Visits in the first column, changes in the second, each in the API's order.
    int i = 0;
    for (Map.Entry<String, BooleanProperty> event : model.events().entrySet()) {
      CheckBox box = new CheckBox(WebhookLabels.event(event.getKey()));
      box.setId("endpoint-event-" + event.getKey().replace('.', '-'));
      box.setTooltip(new Tooltip("Type " + event.getKey()));
      box.selectedProperty().bindBidirectional(event.getValue());
      events.add(box, i / 4, i % 4);
      i++;
    }
  }

  static void bindError(Label label, ObservableStringValue error) {
    label.textProperty().bind(error);
    label.visibleProperty().bind(Bindings.isNotEmpty(error));
    label.managedProperty().bind(label.visibleProperty());
  }
}
