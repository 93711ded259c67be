package io.linkscope.desktop.settings;

import io.linkscope.api.cluster.CollectorView;
import io.linkscope.api.retention.PurgeReport;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.desktop.ui.Cells;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Fxml;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.ui.SecretDialog;
import java.nio.file.Path;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The settings screen: API keys, the workspace's data (retention, purges, export, deletion) and the
 * collectors, one tab each; binds the three view models to SettingsView.fxml.
 */
public final class SettingsView {
  private final KeysViewModel keysModel;
  private final DataViewModel dataModel;
  private final CollectorsViewModel collectorsModel;
  private final Notifier notifier;
  private final BiFunction<Window, String, @Nullable Path> chooseFile;

  @FXML private TabPane tabs;
  @FXML private Tab keysTab;
  @FXML private Tab dataTab;
  @FXML private Tab collectorsTab;
  @FXML private Label keysStatus;
  @FXML private Button revokeButton;
  @FXML private TableView<ApiKeyView> keys;
  @FXML private TableColumn<ApiKeyView, String> keyName;
  @FXML private TableColumn<ApiKeyView, String> keyPrefix;
  @FXML private TableColumn<ApiKeyView, String> keyRole;
  @FXML private TableColumn<ApiKeyView, String> keyState;
  @FXML private TableColumn<ApiKeyView, String> keyExpiry;
  @FXML private TableColumn<ApiKeyView, String> keyLastUse;
  @FXML private Label keysPlaceholder;
  @FXML private Label keysZone;
  @FXML private TextField keyNameField;
  @FXML private ComboBox<String> keyRoleField;
  @FXML private DatePicker keyExpiryField;
  @FXML private Button createButton;
  @FXML private Label keyNameError;
  @FXML private Label keyExpiryError;
  @FXML private Label keysReadOnly;
  @FXML private Label dataStatus;
  @FXML private RadioButton keepAll;
  @FXML private RadioButton keepDays;
  @FXML private TextField days;
  @FXML private Button saveRetention;
  @FXML private Button purgeButton;
  @FXML private Label daysError;
  @FXML private Label retention;
  @FXML private ListView<PurgeReport> purges;
  @FXML private Button exportButton;
  @FXML private ProgressIndicator exportSpinner;
  @FXML private Button cancelExport;
  @FXML private Label exportProgress;
  @FXML private Label deleteText;
  @FXML private Label deletePrompt;
  @FXML private TextField confirmation;
  @FXML private Button deleteButton;
  @FXML private Label dataReadOnly;
  @FXML private Label collectorsStatus;
  @FXML private Label collectorsSummary;
  @FXML private TableView<CollectorView> collectors;
  @FXML private TableColumn<CollectorView, String> collectorHost;
  @FXML private TableColumn<CollectorView, String> collectorState;
  @FXML private TableColumn<CollectorView, String> collectorBacklog;
  @FXML private TableColumn<CollectorView, String> collectorLag;
  @FXML private TableColumn<CollectorView, String> collectorVersion;
  @FXML private TableColumn<CollectorView, String> collectorSeen;
  @FXML private Label collectorsPlaceholder;

  /**
   * {@code chooseFile} asks where to save the export (the window, a suggested file name), null when
   * the user cancels; {@link #fileChooser} is the app's.
   */
  public SettingsView(
      KeysViewModel keys,
      DataViewModel data,
      CollectorsViewModel collectors,
      Notifier notifier,
      BiFunction<Window, String, @Nullable Path> chooseFile) {
    this.keysModel = keys;
    this.dataModel = data;
    this.collectorsModel = collectors;
    this.notifier = notifier;
    this.chooseFile = chooseFile;
  }

  /** Asks with the system's save dialog. */
  public static @Nullable Path fileChooser(Window owner, String suggested) {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Export the workspace");
    chooser.setInitialFileName(suggested);
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Zip files", "*.zip"));
    java.io.File file = chooser.showSaveDialog(owner);
    return file == null ? null : file.toPath();
  }

  public Parent load() {
    return Fxml.load(this);
  }

  @FXML
  private void initialize() {
    bindKeys();
    bindData();
    bindCollectors();
    keysModel.reload();
    dataModel.reload();
    // The collectors' states change by the second: read again every 5 s while their tab shows.
    Timeline poll =
        new Timeline(
            new KeyFrame(
                Duration.seconds(5),
                event -> {
                  if (collectorsTab.isSelected() && tabs.getScene() != null) {
                    collectorsModel.reload();
                  }
                }));
    poll.setCycleCount(Timeline.INDEFINITE);
    poll.play();
    collectorsTab
        .selectedProperty()
        .addListener(
            (o, was, now) -> {
              if (now) {
                collectorsModel.reload();
              }
            });
  }

  /** Shows a tab: 0 keys, 1 data, 2 collectors (for the window's shortcuts and tests). */
  public void showTab(int index) {
    tabs.getSelectionModel().select(index);
  }

  private static void notice(Label label, ObservableStringValue text) {
    label.textProperty().bind(text);
    label.visibleProperty().bind(Bindings.isNotEmpty(text));
    label.managedProperty().bind(label.visibleProperty());
  }

  private static <T> void column(TableColumn<T, String> column, Function<T, String> text) {
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
  }

  private void bindKeys() {
    notice(keysStatus, keysModel.statusProperty());
    keys.setItems(keysModel.keys());
    keys.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    column(keyName, ApiKeyView::name);
    column(keyPrefix, k -> k.prefix() + "…");
    column(keyRole, ApiKeyView::role);
    column(keyState, keysModel::state);
    column(keyExpiry, keysModel::expiry);
    column(keyLastUse, keysModel::lastUse);
    keyName.setCellFactory(Cells.withTooltip(text -> text));
    keyExpiry.setCellFactory(Cells.withTooltip(text -> text));
    keyLastUse.setCellFactory(Cells.withTooltip(text -> text));
    keyState.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
                getStyleClass().remove("key-state-cell");
                if (!empty) {
                  getStyleClass().add("key-state-cell");
                }
              }
            });
    keys.setRowFactory(
        table ->
            new TableRow<>() {
              @Override
              protected void updateItem(ApiKeyView key, boolean empty) {
                super.updateItem(key, empty);
                getStyleClass().removeAll("key-expired", "key-revoked");
                if (!empty && key != null) {
                  if (key.revokedAt() != null) {
                    getStyleClass().add("key-revoked");
                  } else if (keysModel.expired(key)) {
                    getStyleClass().add("key-expired");
                  }
                }
              }
            });
    keysPlaceholder
        .textProperty()
        .bind(
            Bindings.when(keysModel.loadedProperty())
                .then("No keys.")
                .otherwise(keysModel.statusProperty()));
    keysZone.setText(
        "Times in "
            + keysZoneName()
            + ". A key's last use is recorded to the minute. Expired and revoked keys no longer"
            + " work; they stay listed so that you can tell what stopped.");
    keyRoleField.getItems().setAll("viewer", "editor", "admin");
    keyRoleField.valueProperty().bindBidirectional(keysModel.roleProperty());
    keyNameField.textProperty().bindBidirectional(keysModel.nameProperty());
    keyExpiryField.setConverter(
        Formats.datePickerConverter(() -> keysModel.expiryProperty().get(), keysModel::notADate));
    keyExpiryField.valueProperty().bindBidirectional(keysModel.expiryProperty());
    notice(keyNameError, keysModel.nameErrorProperty());
    notice(keyExpiryError, keysModel.expiryErrorProperty());
    notice(keysReadOnly, keysModel.readOnlyReasonProperty());
    var disabled = keysModel.changesDisabled();
    createButton.disableProperty().bind(disabled);
    revokeButton
        .disableProperty()
        .bind(
            disabled.or(
                Bindings.createBooleanBinding(
                    () -> {
                      ApiKeyView chosen = keys.getSelectionModel().getSelectedItem();
                      return chosen == null || chosen.revokedAt() != null;
                    },
                    keys.getSelectionModel().selectedItemProperty())));
    keysModel.createdProperty().addListener((o, a, created) -> showSecret(created));
  }

  private String keysZoneName() {
    return keysModel.zone().getDisplayName(TextStyle.FULL, Formats.locale())
        + " ("
        + keysModel.zone().getId()
        + ")";
  }

  private void bindData() {
    notice(dataStatus, dataModel.statusProperty());
    ToggleGroup keep = new ToggleGroup();
    keepAll.setToggleGroup(keep);
    keepDays.setToggleGroup(keep);
    keepAll.selectedProperty().bindBidirectional(dataModel.keepAllProperty());
    keepDays.setSelected(!dataModel.keepAllProperty().get());
    dataModel.keepAllProperty().addListener((o, a, all) -> keepDays.setSelected(!all));
    days.textProperty().bindBidirectional(dataModel.daysProperty());
    days.disableProperty().bind(dataModel.keepAllProperty());
    notice(daysError, dataModel.daysErrorProperty());
    retention.textProperty().bind(dataModel.retentionProperty());
    purges.setItems(dataModel.purges());
    purges.setCellFactory(
        list ->
            new ListCell<>() {
              {
                setWrapText(true);
                setPrefWidth(0);
              }

              @Override
              protected void updateItem(PurgeReport purge, boolean empty) {
                super.updateItem(purge, empty);
                setText(empty || purge == null ? null : dataModel.purgeText(purge));
              }
            });
    var disabled = dataModel.changesDisabled();
    Tooltip why = new Tooltip();
    why.textProperty().bind(dataModel.readOnlyReasonProperty());
    for (Button change : List.of(saveRetention, purgeButton)) {
      change.disableProperty().bind(disabled);
      change.setTooltip(why);
    }
    exportButton.disableProperty().bind(disabled.or(dataModel.exportingProperty()));
    for (var node : List.of(exportSpinner, cancelExport)) {
      node.visibleProperty().bind(dataModel.exportingProperty());
      node.managedProperty().bind(dataModel.exportingProperty());
    }
    exportProgress.textProperty().bind(dataModel.exportProgressProperty());
    deleteText
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    "Deletes the workspace "
                        + dataModel.slugProperty().get()
                        + " on the collector with everything in it: its links and bio pages (their"
                        + " short URLs stop answering at once), every raw click, the statistics,"
                        + " conversions, custom domains, webhooks and API keys, this one too. This"
                        + " cannot be undone; export it first to keep a copy. The app then closes"
                        + " the connection and deletes its local copy on this computer.",
                dataModel.slugProperty()));
    deletePrompt
        .textProperty()
        .bind(Bindings.concat("Type ", dataModel.slugProperty(), " to confirm:"));
    confirmation.textProperty().bindBidirectional(dataModel.confirmationProperty());
    deleteButton.disableProperty().bind(dataModel.deleteDisabled());
    notice(dataReadOnly, dataModel.readOnlyReasonProperty());
  }

  private void bindCollectors() {
    notice(collectorsStatus, collectorsModel.statusProperty());
    collectorsSummary.textProperty().bind(collectorsModel.summaryProperty());
    collectors.setItems(collectorsModel.collectors());
    collectors.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    column(collectorHost, c -> c.host() + " · " + c.id());
    column(collectorState, collectorsModel::state);
    column(collectorBacklog, collectorsModel::backlog);
    column(collectorLag, collectorsModel::lag);
    column(collectorVersion, CollectorView::version);
    column(collectorSeen, collectorsModel::lastSeen);
    collectorHost.setCellFactory(Cells.withTooltip(text -> text));
    collectorState.setCellFactory(
        c ->
            new TableCell<>() {
              @Override
              protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                getStyleClass().removeAll("status-online", "status-offline", "status-rejected");
                CollectorView row = getTableRow() == null ? null : getTableRow().getItem();
                if (empty || text == null || row == null) {
                  setText(null);
                  return;
                }
                setText(text);
                getStyleClass().add(CollectorsViewModel.stateStyle(row));
              }
            });
    collectorsPlaceholder
        .textProperty()
        .bind(
            Bindings.when(collectorsModel.loadedProperty())
                .then("No collector has reported yet.")
                .otherwise(collectorsModel.statusProperty()));
  }

  private Window window() {
    return tabs.getScene().getWindow();
  }

  @FXML
  private void refreshKeys() {
    keysModel.reload();
  }

  @FXML
  private void refreshCollectors() {
    collectorsModel.reload();
  }

  @FXML
  private void noExpiry() {
    keysModel.expiryProperty().set(null);
  }

  @FXML
  private void createKey() {
    keysModel.create();
  }

  @FXML
  private void revoke() {
    ApiKeyView key = keys.getSelectionModel().getSelectedItem();
    if (key != null
        && confirm(
            "Revoke the key " + key.name() + "?",
            "Every program that uses the key "
                + key.prefix()
                + "… gets 'key revoked' from its next request on. This cannot be undone; a new"
                + " key can be created instead.",
            "Revoke",
            "key-revoke-confirm")) {
      keysModel.revoke(key);
    }
  }

  @FXML
  private void saveRetention() {
    dataModel.saveRetention();
  }

  @FXML
  private void purgeNow() {
    if (confirm(
        "Purge raw clicks now?",
        "The raw clicks older than the saved retention are deleted now rather than within the hour."
            + " Statistics keep their numbers.",
        "Purge now",
        "retention-purge-confirm")) {
      dataModel.purgeNow();
    }
  }

  @FXML
  private void export() {
    String suggested =
        (dataModel.slugProperty().get().isEmpty() ? "workspace" : dataModel.slugProperty().get())
            + "-export.zip";
    Path file = chooseFile.apply(window(), suggested);
    if (file != null) {
      dataModel.export(file);
    }
  }

  @FXML
  private void cancelExport() {
    dataModel.cancelExport();
  }

  @FXML
  private void deleteWorkspace() {
    String slug = dataModel.slugProperty().get();
    if (confirm(
        "Delete the workspace " + slug + " for good?",
        "Its links stop answering and its keys stop working at once; the collector then deletes"
            + " all of its data. This cannot be undone.",
        "Delete " + slug,
        "workspace-delete-confirm")) {
      dataModel.deleteWorkspace();
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

  /** The new key's secret, shown this once with a Copy button. */
  private void showSecret(KeysViewModel.@Nullable NewKey created) {
    if (created == null) {
      return;
    }
    new SecretDialog(
            "key-secret",
            "The new key " + created.name(),
            "Copied the key.",
            "settings-secret",
            Objects.requireNonNull(SettingsView.class.getResource("settings.css")).toExternalForm())
        .show(
            window(),
            created.secret(),
            "Copy the key now and keep it where its user can read it: it is not shown again. The"
                + " list shows only its first characters.",
            notifier,
            keysModel::createdSeen);
  }
}
