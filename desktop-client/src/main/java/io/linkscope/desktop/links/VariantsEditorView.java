package io.linkscope.desktop.links;

import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Fxml;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The A/B tab of the link dialog: the variants, their weights and sum, the click-id parameter, and
 * the end of the split, and the live significance panel of a saved link with variants (read again
 * every few seconds while the dialog shows, with "Promote" per variant); binds {@link
 * VariantsViewModel} and {@link SignificanceViewModel} to VariantsEditorView.fxml.
 */
final class VariantsEditorView {
  private final VariantsViewModel model;
  private final @Nullable SignificanceViewModel significance;
  private final Timeline poll;

  @FXML private GridPane rows;
  @FXML private Button addButton;
  @FXML private Button splitButton;
  @FXML private Label sum;
  @FXML private Label error;
  @FXML private CheckBox clickIds;
  @FXML private TextField clickIdParam;
  @FXML private Label clickIdError;
  @FXML private DatePicker endDate;
  @FXML private TextField endTime;
  @FXML private Button clearEnd;
  @FXML private Label endError;
  @FXML private Label endState;
  @FXML private TableColumn<SignificanceViewModel.Row, SignificanceViewModel.Row> promoteColumn;
  @FXML private Button promoteWinner;
  @FXML private Label promoteBlocked;
  @FXML private Label promoteError;
  @FXML private VBox panel;
  @FXML private Label verdict;
  @FXML private TableView<SignificanceViewModel.Row> table;
  @FXML private TableColumn<SignificanceViewModel.Row, String> variantColumn;
  @FXML private TableColumn<SignificanceViewModel.Row, String> clicksColumn;
  @FXML private TableColumn<SignificanceViewModel.Row, String> uniquesColumn;
  @FXML private TableColumn<SignificanceViewModel.Row, String> conversionsColumn;
  @FXML private TableColumn<SignificanceViewModel.Row, String> rateColumn;
  @FXML private TableColumn<SignificanceViewModel.Row, String> upliftColumn;
  @FXML private TableColumn<SignificanceViewModel.Row, String> pColumn;
  @FXML private Label test;
  @FXML private Label status;
  @FXML private Label noPanel;
  @FXML private Label empty;

  VariantsEditorView(VariantsViewModel model, @Nullable SignificanceViewModel significance) {
    this.model = model;
    this.significance = significance;
    this.poll =
        new Timeline(
            new KeyFrame(
                Duration.seconds(SignificanceViewModel.POLL_INTERVAL.toSeconds()),
                event -> {
                  if (significance != null) {
                    significance.refresh();
                  }
                }));
    poll.setCycleCount(Timeline.INDEFINITE);
  }

  Parent load() {
    return Fxml.load(this);
  }

  /** Starts reading the live test (the dialog is showing). */
  void start() {
    if (significance != null) {
      significance.refresh();
      poll.play();
    }
  }

  /** Stops reading it (the dialog closed). */
  void stop() {
    poll.stop();
    if (significance != null) {
      significance.stop();
    }
  }

  @FXML
  private void initialize() {
    model
        .rows()
        .addListener(
            (ListChangeListener<VariantsViewModel.Row>)
                change -> {
                  // Typing changes a row too; only added and removed rows are drawn anew, so the
                  // field being typed in keeps its focus.
                  while (change.next()) {
                    if (change.wasAdded() || change.wasRemoved() || change.wasPermutated()) {
                      drawRows();
                      return;
                    }
                  }
                });
    drawRows();
    addButton
        .disableProperty()
        .bind(Bindings.size(model.rows()).greaterThanOrEqualTo(VariantsViewModel.MAX_VARIANTS));
    splitButton.disableProperty().bind(Bindings.isEmpty(model.rows()));
    sum.textProperty().bind(model.sumTextProperty());
    sum.styleProperty()
        .bind(
            Bindings.when(Bindings.isEmpty(model.rows()).or(model.sumProperty().isEqualTo(100)))
                .then("")
                .otherwise("-fx-text-fill: -color-danger-fg;"));
    LinkEditorView.bindError(error, model.errorProperty());
    clickIds.selectedProperty().bindBidirectional(model.clickIdsProperty());
    clickIdParam.textProperty().bindBidirectional(model.clickIdParamProperty());
    clickIdParam.disableProperty().bind(model.clickIdsProperty().not());
    LinkEditorView.bindError(clickIdError, model.clickIdErrorProperty());
    endDate.setConverter(Formats.datePickerConverter(endDate::getValue, model::rejectEndDate));
    endDate.valueProperty().bindBidirectional(model.endDateProperty());
    endTime.textProperty().bindBidirectional(model.endTimeProperty());
    clearEnd.disableProperty().bind(model.endDateProperty().isNull());
    LinkEditorView.bindError(endError, model.endErrorProperty());
    LinkEditorView.bindError(endState, model.endStateProperty());
    model.endedProperty().addListener((o, a, isEnded) -> markEnded(isEnded));
    markEnded(model.endedProperty().get());
    SignificanceViewModel live = significance;
    panel.setVisible(live != null);
    panel.setManaged(live != null);
    noPanel.setVisible(live == null);
    noPanel.setManaged(live == null);
    if (live == null) {
      return;
    }
    table.setItems(live.rows());
    column(variantColumn, SignificanceViewModel.Row::variant);
    column(clicksColumn, SignificanceViewModel.Row::clicks);
    column(uniquesColumn, SignificanceViewModel.Row::uniques);
    column(conversionsColumn, SignificanceViewModel.Row::conversions);
    column(rateColumn, SignificanceViewModel.Row::rate);
    column(upliftColumn, SignificanceViewModel.Row::uplift);
    column(pColumn, SignificanceViewModel.Row::pValue);
    table.setRowFactory(
        view ->
            new TableRow<>() {
              @Override
              protected void updateItem(SignificanceViewModel.@Nullable Row row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().removeAll("winner-row", "control-row");
                if (!empty && row != null && row.winner()) {
                  getStyleClass().add("winner-row");
                } else if (!empty && row != null && row.control()) {
                  getStyleClass().add("control-row");
                }
              }
            });
    verdict.textProperty().bind(live.verdictProperty());
    verdict
        .styleProperty()
        .bind(
            Bindings.when(live.significantProperty())
                .then("-fx-text-fill: -color-success-fg;")
                .otherwise(""));
    test.textProperty().bind(live.testProperty());
    status.textProperty().bind(live.statusProperty());
    empty.textProperty().bind(live.emptyProperty());
    promoteColumn.setCellValueFactory(
        cell -> new javafx.beans.property.ReadOnlyObjectWrapper<>(cell.getValue()));
    promoteColumn.setCellFactory(column -> new PromoteCell(live));
    promoteWinner
        .disableProperty()
        .bind(
            live.canPromoteProperty()
                .not()
                .or(Bindings.createBooleanBinding(() -> live.winner().isEmpty(), live.rows())));
    promoteWinner
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    live.winner()
                        .map(row -> "Promote the winner, " + row.variant())
                        .orElse("Promote the winner"),
                live.rows()));
    promoteWinner
        .visibleProperty()
        .bind(Bindings.createBooleanBinding(() -> live.winner().isPresent(), live.rows()));
    promoteWinner.managedProperty().bind(promoteWinner.visibleProperty());
    LinkEditorView.bindError(promoteBlocked, live.promoteBlockedReasonProperty());
    LinkEditorView.bindError(promoteError, live.promoteErrorProperty());
  }

  private void markEnded(boolean isEnded) {
    endState.getStyleClass().remove("ended");
    if (isEnded) {
      endState.getStyleClass().add("ended");
    }
  }

  /** A row's "Promote" button, disabled with the reason while promoting is not possible. */
  private final class PromoteCell
      extends TableCell<SignificanceViewModel.Row, SignificanceViewModel.Row> {
    private final SignificanceViewModel live;
    private final Button button = new Button("Promote");

    PromoteCell(SignificanceViewModel live) {
      this.live = live;
      button.getStyleClass().add("small");
      button.disableProperty().bind(live.canPromoteProperty().not());
      Tooltip reason = new Tooltip();
      reason.textProperty().bind(live.promoteBlockedReasonProperty());
      button.setTooltip(reason);
    }

    @Override
    protected void updateItem(SignificanceViewModel.@Nullable Row row, boolean empty) {
      super.updateItem(row, empty);
      if (empty || row == null || row.variantId() == null) {
        setGraphic(null);
        return;
      }
      button.setId("promote-" + row.variantId());
      button.setOnAction(event -> confirmAndPromote(live, row));
      setGraphic(button);
    }
  }

  private void confirmAndPromote(SignificanceViewModel live, SignificanceViewModel.Row row) {
    ButtonType promote = new ButtonType("Promote " + row.variant(), ButtonBar.ButtonData.OK_DONE);
    Alert confirm =
        new Alert(Alert.AlertType.CONFIRMATION, live.confirmation(row), ButtonType.CANCEL, promote);
    confirm.initOwner(panel.getScene().getWindow());
    confirm.setTitle("Promote a variant");
    confirm.setHeaderText("Promote " + row.variant() + " and end the split?");
    confirm.getDialogPane().setId("promote-confirmation");
    confirm.getDialogPane().setPrefWidth(520);
    ((Button) confirm.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
    ((Button) confirm.getDialogPane().lookupButton(promote)).setDefaultButton(false);
    if (confirm.showAndWait().filter(answer -> answer == promote).isPresent()) {
      live.promote(row);
    }
  }

  @FXML
  private void promoteWinner() {
    SignificanceViewModel live = significance;
    if (live != null) {
      live.winner().ifPresent(row -> confirmAndPromote(live, row));
    }
  }

  @FXML
  private void clearEnd() {
    model.clearEnd();
  }

  private static void column(
      TableColumn<SignificanceViewModel.Row, String> column,
      Function<SignificanceViewModel.Row, String> value) {
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
    column.setCellFactory(io.linkscope.desktop.ui.Cells.withTooltip(text -> text));
  }

  private void drawRows() {
    rows.getChildren().clear();
    if (!model.rows().isEmpty()) {
      rows.addRow(
          0, header("Name (optional)"), header("Destination URL"), header("Weight %"), new Label());
    }
    for (int i = 0; i < model.rows().size(); i++) {
      VariantsViewModel.Row row = model.rows().get(i);
      TextField name = new TextField();
      name.setPromptText(String.valueOf((char) ('A' + i)));
      name.setId("variant-name-" + i);
      name.textProperty().bindBidirectional(row.nameProperty());
      TextField target = new TextField();
      target.setPromptText("https://example.com/variant-" + (char) ('a' + i));
      target.setId("variant-target-" + i);
      target.textProperty().bindBidirectional(row.targetProperty());
      TextField weight = new TextField();
      weight.setId("variant-weight-" + i);
      weight.setPrefColumnCount(3);
      weight.textProperty().bindBidirectional(row.weightProperty());
      Button remove = new Button("Remove");
      remove.setId("variant-remove-" + i);
      remove.setOnAction(event -> model.remove(row));
      rows.addRow(i + 1, name, target, weight, remove);
    }
  }

  private static Label header(String text) {
    Label label = new Label(text);
    label.getStyleClass().add("field-label");
    return label;
  }

  @FXML
  private void add() {
    model.add();
  }

  @FXML
  private void splitEvenly() {
    model.splitEvenly();
  }
}
