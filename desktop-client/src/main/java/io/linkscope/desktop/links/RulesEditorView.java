package io.linkscope.desktop.links;

import io.linkscope.desktop.ui.Fxml;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import org.jspecify.annotations.Nullable;

/**
 * The rules tab of the link dialog: the ordered list with one summary line per rule and, below it,
 * the editor of the selected rule; binds {@link RulesViewModel} to RulesEditorView.fxml.
 */
final class RulesEditorView {
  private final RulesViewModel model;

  @FXML private ListView<RuleViewModel> list;
  @FXML private Button addButton;
  @FXML private Button removeButton;
  @FXML private Button upButton;
  @FXML private Button downButton;
  @FXML private Label error;
  @FXML private StackPane detail;
  @FXML private Label empty;

  RulesEditorView(RulesViewModel model) {
    this.model = model;
  }

  Parent load() {
    return Fxml.load(this);
  }

  @FXML
  private void initialize() {
    list.setItems(model.rules());
    list.setCellFactory(view -> new SummaryCell());
    list.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, chosen) -> {
              if (chosen != null) {
                model.selectedProperty().set(chosen);
              }
            });
    model.selectedProperty().addListener((o, a, chosen) -> show(chosen));
    show(model.selectedProperty().get());
    var none = model.selectedProperty().isNull();
    var index =
        Bindings.createIntegerBinding(
            () -> model.rules().indexOf(model.selectedProperty().get()),
            model.rules(),
            model.selectedProperty());
    removeButton.disableProperty().bind(none);
    upButton.disableProperty().bind(none.or(index.lessThanOrEqualTo(0)));
    downButton
        .disableProperty()
        .bind(none.or(index.greaterThanOrEqualTo(Bindings.size(model.rules()).subtract(1))));
    addButton
        .disableProperty()
        .bind(Bindings.size(model.rules()).greaterThanOrEqualTo(RulesViewModel.MAX_RULES));
    LinkEditorView.bindError(error, model.errorProperty());
  }

  private void show(@Nullable RuleViewModel rule) {
    if (rule == null) {
      detail.getChildren().setAll(empty);
      list.getSelectionModel().clearSelection();
      return;
    }
    if (list.getSelectionModel().getSelectedItem() != rule) {
      list.getSelectionModel().select(rule);
      list.scrollTo(rule);
    }
    detail.getChildren().setAll(new RuleDetailView(rule).load());
  }

  @FXML
  private void add() {
    model.add();
  }

  @FXML
  private void remove() {
    model.removeSelected();
  }

  @FXML
  private void moveUp() {
    model.moveSelected(-1);
  }

  @FXML
  private void moveDown() {
    model.moveSelected(1);
  }

  /** "1. iOS · DE, AT → https://…": long lines end in "…" and show whole on hover. */
  private static final class SummaryCell extends ListCell<RuleViewModel> {
    SummaryCell() {
      // As wide as the list, not as the text: a long line ends in "…" instead of scrolling.
      setPrefWidth(0);
    }

    @Override
    protected void updateItem(@Nullable RuleViewModel rule, boolean empty) {
      super.updateItem(rule, empty);
      getStyleClass().remove("rule-with-error");
      if (empty || rule == null) {
        setText(null);
        setTooltip(null);
        return;
      }
      String text = (getIndex() + 1) + ". " + rule.summaryProperty().get();
      setText(text);
      setTooltip(new Tooltip(text));
      if (!rule.errorProperty().get().isEmpty()) {
        getStyleClass().add("rule-with-error");
      }
    }
  }
}
