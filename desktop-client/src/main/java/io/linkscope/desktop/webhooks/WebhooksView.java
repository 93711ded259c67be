package io.linkscope.desktop.webhooks;

import io.linkscope.api.webhook.WebhookAttempt;
import io.linkscope.api.webhook.WebhookEndpointView;
import io.linkscope.desktop.ui.Cells;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Fxml;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.ui.SecretDialog;
import java.time.Instant;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.stage.Window;
import org.jspecify.annotations.Nullable;

/** The webhooks screen; binds {@link WebhooksViewModel} to WebhooksView.fxml. */
public final class WebhooksView {
  private final WebhooksViewModel model;
  private final Notifier notifier;

  @FXML private Button newButton;
  @FXML private Label status;
  @FXML private ListView<WebhookEndpointView> endpointList;
  @FXML private Label listPlaceholder;
  @FXML private VBox empty;
  @FXML private Label emptyTitle;
  @FXML private Label emptyText;
  @FXML private Button emptyNewButton;
  @FXML private ScrollPane detail;
  @FXML private Label url;
  @FXML private Label state;
  @FXML private Label description;
  @FXML private Label events;
  @FXML private Label filter;
  @FXML private Label deliveries;
  @FXML private Label warning;
  @FXML private Button editButton;
  @FXML private Button testButton;
  @FXML private Button enableButton;
  @FXML private Button rotateButton;
  @FXML private Button deleteButton;
  @FXML private Label testResult;
  @FXML private Label readOnlyReason;
  @FXML private Button redeliverButton;
  @FXML private TableView<WebhookAttempt> attempts;
  @FXML private TableColumn<WebhookAttempt, String> attemptTime;
  @FXML private TableColumn<WebhookAttempt, String> attemptEvent;
  @FXML private TableColumn<WebhookAttempt, String> attemptTry;
  @FXML private TableColumn<WebhookAttempt, String> attemptResult;
  @FXML private TableColumn<WebhookAttempt, String> attemptLatency;
  @FXML private TableColumn<WebhookAttempt, String> attemptNext;
  @FXML private TableColumn<WebhookAttempt, String> attemptResponse;
  @FXML private Label attemptsPlaceholder;
  @FXML private Label attemptsShown;
  @FXML private Button olderButton;
  @FXML private DatePicker fromDate;
  @FXML private TextField fromTime;
  @FXML private DatePicker toDate;
  @FXML private TextField toTime;
  @FXML private Label zone;
  @FXML private Button replayButton;
  @FXML private Label fromError;
  @FXML private Label toError;

  /** {@code notifier} confirms what the view does itself ("Copied …"). */
  public WebhooksView(WebhooksViewModel model, Notifier notifier) {
    this.model = model;
    this.notifier = notifier;
  }

  public Parent load() {
    return Fxml.load(this);
  }

  @FXML
  private void initialize() {
    endpointList.setItems(model.endpoints());
    endpointList.setCellFactory(list -> new EndpointCell());
    endpointList
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, a, chosen) -> {
              WebhookEndpointView shown = model.selectedProperty().get();
              if (chosen != null && (shown == null || chosen.id() != shown.id())) {
                model.select(chosen);
              }
            });
    status.textProperty().bind(model.statusProperty());
    status.visibleProperty().bind(model.statusProperty().isNotEmpty());
    status.managedProperty().bind(status.visibleProperty());
    listPlaceholder
        .textProperty()
        .bind(Bindings.when(model.loadedProperty()).then("No endpoints yet.").otherwise(""));

    // Empty: no endpoint yet, or nothing could be read (then the reason is the title).
    emptyTitle
        .textProperty()
        .bind(
            Bindings.when(model.loadedProperty())
                .then("No webhook endpoints yet")
                .otherwise(model.statusProperty()));
    emptyText.visibleProperty().bind(model.loadedProperty());
    emptyText.managedProperty().bind(model.loadedProperty());
    emptyNewButton.visibleProperty().bind(model.loadedProperty());

    var disabled = model.changesDisabled();
    var none = model.selectedProperty().isNull();
    readOnlyReason.textProperty().bind(model.readOnlyReasonProperty());
    readOnlyReason.visibleProperty().bind(model.readOnlyReasonProperty().isNotEmpty());
    readOnlyReason.managedProperty().bind(readOnlyReason.visibleProperty());
    Tooltip why = new Tooltip();
    why.textProperty().bind(model.readOnlyReasonProperty());
    newButton.disableProperty().bind(disabled);
    emptyNewButton.disableProperty().bind(disabled);
    for (Button change :
        List.of(editButton, testButton, enableButton, rotateButton, deleteButton, replayButton)) {
      change.disableProperty().bind(disabled.or(none));
      change.setTooltip(why);
    }
    redeliverButton
        .disableProperty()
        .bind(
            disabled.or(
                javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> {
                      WebhookAttempt chosen = attempts.getSelectionModel().getSelectedItem();
                      return chosen == null || !WebhookLabels.redeliverable(chosen);
                    },
                    attempts.getSelectionModel().selectedItemProperty())));
    redeliverButton.setTooltip(
        new Tooltip("Queue the chosen attempt's event again, with its original id"));

    testResult.textProperty().bind(model.testResultProperty());
    testResult.visibleProperty().bind(model.testResultProperty().isNotEmpty());
    testResult.managedProperty().bind(testResult.visibleProperty());
    model.testDeliveredProperty().addListener((o, a, delivered) -> styleTestResult(delivered));
    styleTestResult(false);

    attempts.setItems(model.attempts());
    attempts.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    column(attemptTime, a -> model.when(a.attemptedAt()));
    column(attemptEvent, a -> WebhookLabels.event(a.eventType()));
    column(attemptTry, a -> Integer.toString(a.attempt()));
    column(attemptResult, WebhookLabels::result);
    column(attemptLatency, WebhookLabels::latency);
    column(attemptNext, a -> model.when(a.nextAttemptAt()));
    column(attemptResponse, WebhookLabels::excerpt);
    attemptResult.setCellFactory(c -> new ResultCell());
    attemptResponse.setCellFactory(Cells.withTooltip(text -> text));
    attemptEvent.setCellFactory(Cells.withTooltip(text -> text));
    attemptTime.setCellFactory(Cells.withTooltip(text -> text));
    attemptsPlaceholder.textProperty().bind(model.attemptsStatusProperty());
    // Under the table: how many attempts it shows, and a failure to read more; the table itself
    // says when there are none.
    attemptsShown
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.attempts().isEmpty()
                        ? ""
                        : Formats.count(model.attempts().size(), "attempts")
                            + " shown, newest first"
                            + (model.attemptsStatusProperty().get().isEmpty()
                                ? ""
                                : " · " + model.attemptsStatusProperty().get()),
                model.attempts(),
                model.attemptsStatusProperty()));
    olderButton.visibleProperty().bind(model.hasOlderProperty());
    olderButton.managedProperty().bind(model.hasOlderProperty());

    fromDate.setConverter(
        Formats.datePickerConverter(
            () -> model.replayFromDateProperty().get(), text -> model.notADate(true, text)));
    toDate.setConverter(
        Formats.datePickerConverter(
            () -> model.replayToDateProperty().get(), text -> model.notADate(false, text)));
    fromDate.valueProperty().bindBidirectional(model.replayFromDateProperty());
    toDate.valueProperty().bindBidirectional(model.replayToDateProperty());
    fromTime.textProperty().bindBidirectional(model.replayFromTimeProperty());
    toTime.textProperty().bindBidirectional(model.replayToTimeProperty());
    zone.setText(model.zone().getDisplayName(TextStyle.SHORT, Formats.locale()));
    EndpointEditorView.bindError(fromError, model.replayFromErrorProperty());
    EndpointEditorView.bindError(toError, model.replayToErrorProperty());

    model.secretProperty().addListener((o, a, secret) -> showSecret(secret));
    model.selectedProperty().addListener((o, a, endpoint) -> show(endpoint));
    show(model.selectedProperty().get());
    model.reload();
  }

  private static void column(
      TableColumn<WebhookAttempt, String> column, Function<WebhookAttempt, String> text) {
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
  }

  private void styleTestResult(boolean delivered) {
    testResult.getStyleClass().removeAll("webhook-delivered", "webhook-failed");
    testResult.getStyleClass().add(delivered ? "webhook-delivered" : "webhook-failed");
  }

  private void show(@Nullable WebhookEndpointView endpoint) {
    detail.setVisible(endpoint != null);
    empty.setVisible(endpoint == null);
    if (endpoint == null) {
      return;
    }
    WebhookEndpointView listed = endpointList.getSelectionModel().getSelectedItem();
    if (listed == null || listed.id() != endpoint.id() || listed != endpoint) {
      model.endpoints().stream()
          .filter(e -> e.id() == endpoint.id())
          .findFirst()
          .ifPresent(e -> endpointList.getSelectionModel().select(e));
    }
    url.setText(endpoint.url());
    state.setText(WebhookLabels.state(endpoint, model.zone()));
    state.getStyleClass().setAll("label", "status", WebhookLabels.stateStyle(endpoint));
    String text = endpoint.description();
    description.setText(text == null ? "" : text);
    description.setVisible(text != null && !text.isBlank());
    description.setManaged(description.isVisible());
    events.setText("Events: " + WebhookLabels.events(endpoint.events()));
    filter.setText(model.scope(endpoint));
    deliveries.setText(deliveriesText(endpoint));
    String caution = WebhookLabels.warning(endpoint, model.zone());
    warning.setText(caution);
    warning.setVisible(!caution.isEmpty());
    warning.setManaged(!caution.isEmpty());
    warning
        .getStyleClass()
        .setAll(
            "label",
            WebhookEndpointView.DISABLED.equals(endpoint.state())
                ? "webhook-danger"
                : "webhook-warning");
    enableButton.setText(endpoint.enabled() ? "Pause" : "Enable");
    enableButton.getStyleClass().removeAll("accent");
    if (!endpoint.enabled()) {
      enableButton.getStyleClass().add("accent");
    }
  }

  private String deliveriesText(WebhookEndpointView endpoint) {
    Instant last = endpoint.lastDeliveryAt();
    String delivered =
        last == null
            ? "Nothing delivered yet"
            : "Last delivered " + Formats.dateTime(last, model.zone());
    return delivered
        + " · "
        + Formats.count(endpoint.pending(), "events")
        + " waiting"
        + (endpoint.batch() ? " · several events per request" : "");
  }

  private Window window() {
    return endpointList.getScene().getWindow();
  }

  @FXML
  private void newEndpoint() {
    new EndpointEditorView(model.editor(null)).showAndWait(window()).ifPresent(model::showSaved);
  }

  @FXML
  private void edit() {
    WebhookEndpointView endpoint = model.selectedProperty().get();
    if (endpoint != null) {
      new EndpointEditorView(model.editor(endpoint))
          .showAndWait(window())
          .ifPresent(model::showSaved);
    }
  }

  @FXML
  private void sendTest() {
    model.sendTest();
  }

  @FXML
  private void toggleEnabled() {
    WebhookEndpointView endpoint = model.selectedProperty().get();
    if (endpoint != null) {
      model.setEnabled(!endpoint.enabled());
    }
  }

  @FXML
  private void rotateSecret() {
    WebhookEndpointView endpoint = model.selectedProperty().get();
    if (endpoint != null
        && confirm(
            "Rotate the signing secret?",
            "The collector makes a new secret and shows it once. Deliveries are signed with the"
                + " old one too for a day, so the receiver can switch without missing one.",
            "Rotate",
            "webhook-rotate-confirm")) {
      model.rotateSecret();
    }
  }

  @FXML
  private void delete() {
    WebhookEndpointView endpoint = model.selectedProperty().get();
    if (endpoint != null
        && confirm(
            "Delete this endpoint?",
            "Nothing more is sent to "
                + endpoint.url()
                + ", and its "
                + Formats.count(endpoint.pending(), "waiting events")
                + " and delivery log are dropped. This cannot be undone.",
            "Delete",
            "webhook-delete-confirm")) {
      model.delete();
    }
  }

  private boolean confirm(String header, String text, String action, String id) {
    Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text, ButtonType.CANCEL, ButtonType.OK);
    alert.setTitle(header);
    alert.setHeaderText(header);
    alert.initOwner(window());
    alert.getDialogPane().setId(id);
    ((Button) alert.getDialogPane().lookupButton(ButtonType.OK)).setText(action);
    return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
  }

  @FXML
  private void refresh() {
    model.reload();
  }

  @FXML
  private void refreshLog() {
    model.refreshAttempts();
  }

  @FXML
  private void loadOlder() {
    model.loadOlder();
  }

  @FXML
  private void redeliver() {
    WebhookAttempt attempt = attempts.getSelectionModel().getSelectedItem();
    if (attempt != null) {
      model.redeliver(attempt);
    }
  }

  @FXML
  private void replay() {
    model.replay();
  }

  /** The secret, shown this once with a Copy button and the note that it will not be again. */
  private void showSecret(WebhooksViewModel.@Nullable ShownSecret secret) {
    if (secret == null) {
      return;
    }
    new SecretDialog(
            "webhook-secret",
            secret.title(),
            "Copied the signing secret.",
            "webhook-secret",
            Objects.requireNonNull(WebhooksView.class.getResource("webhooks.css")).toExternalForm())
        .show(window(), secret.secret(), secret.note(), notifier, model::secretSeen);
  }

  /** An endpoint row: its URL (wrapped, never cut), description or events, and its state. */
  private final class EndpointCell extends ListCell<WebhookEndpointView> {
    private final Text address = wrapped("webhook-cell-url");
    private final Text detail = wrapped("webhook-cell-detail");
    private final Label pill = new Label();
    private final VBox box = new VBox(3, address, detail, pill);

    EndpointCell() {
      box.setPadding(new Insets(3, 0, 3, 0));
      box.setFillWidth(false);
      setPrefWidth(0);
    }

    private Text wrapped(String styleClass) {
      Text text = new Text();
      text.getStyleClass().add(styleClass);
      text.wrappingWidthProperty().bind(endpointList.widthProperty().subtract(34));
      return text;
    }

    @Override
    protected void updateItem(WebhookEndpointView endpoint, boolean isEmpty) {
      super.updateItem(endpoint, isEmpty);
      setText(null);
      getStyleClass().remove("webhook-disabled");
      if (isEmpty || endpoint == null) {
        setGraphic(null);
        setTooltip(null);
        return;
      }
      address.setText(endpoint.url());
      String text = endpoint.description();
      detail.setText(
          text == null || text.isBlank() ? WebhookLabels.events(endpoint.events()) : text);
      pill.setText(WebhookLabels.state(endpoint, model.zone()));
      pill.getStyleClass().setAll("label", "status", WebhookLabels.stateStyle(endpoint));
      pill.setWrapText(true);
      pill.maxWidthProperty().bind(endpointList.widthProperty().subtract(34));
      pill.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
      if (WebhookEndpointView.DISABLED.equals(endpoint.state())) {
        getStyleClass().add("webhook-disabled");
      }
      setGraphic(box);
      setTooltip(new Tooltip(endpoint.url() + "\n" + WebhookLabels.state(endpoint, model.zone())));
    }
  }

  /** A result in green when delivered, red when not. */
  private static final class ResultCell extends TableCell<WebhookAttempt, String> {
    @Override
    protected void updateItem(String text, boolean isEmpty) {
      super.updateItem(text, isEmpty);
      getStyleClass().removeAll("webhook-delivered", "webhook-failed");
      WebhookAttempt attempt = getTableRow() == null ? null : getTableRow().getItem();
      if (isEmpty || text == null || attempt == null) {
        setText(null);
        setTooltip(null);
        return;
      }
      setText(text);
      setTooltip(new Tooltip(text));
      getStyleClass()
          .add(WebhookLabels.delivered(attempt) ? "webhook-delivered" : "webhook-failed");
    }
  }
}
