package io.linkscope.desktop.importing;

import io.linkscope.api.importing.ImportRow;
import io.linkscope.desktop.ui.Cells;
import io.linkscope.desktop.ui.Fxml;
import java.io.File;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.jspecify.annotations.Nullable;

/** The import wizard's window; binds {@link ImportViewModel} to ImportView.fxml. */
public final class ImportView {
  private static final Map<String, String> FORMAT_NAMES =
      Map.of(
          "auto", "Detect automatically",
          "bitly", "Bitly",
          "shlink", "Shlink",
          "kutt", "Kutt",
          "yourls", "YOURLS",
          "rebrandly", "Rebrandly",
          "linkscope", "Linkscope",
          "csv", "Any CSV with a header");
  private static final Map<String, String> POLICY_NAMES =
      Map.of(
          "skip", "Skip the row (a conflict)",
          "rename", "Create it as slug-2, slug-3…",
          "overwrite", "Overwrite our link with the file's");
  private static final Map<String, String> FIELD_NAMES =
      Map.of(
          "slug", "Slug",
          "shortUrl", "Short URL",
          "target", "Target URL",
          "title", "Title",
          "notes", "Notes",
          "tags", "Tags",
          "domain", "Domain",
          "expiry", "Expiry",
          "created", "Created",
          "clicks", "Clicks");

  private final ImportViewModel model;

  @FXML private Label offlineReason;
  @FXML private TextField path;
  @FXML private ComboBox<String> format;
  @FXML private Label detected;
  @FXML private ComboBox<String> policy;
  @FXML private TextField domain;
  @FXML private VBox mappingBox;
  @FXML private GridPane mapping;
  @FXML private Button dryRunButton;
  @FXML private Label error;
  @FXML private Label counts;
  @FXML private CheckBox onlyProblems;
  @FXML private TableView<ImportRow> table;
  @FXML private TableColumn<ImportRow, Number> lineColumn;
  @FXML private TableColumn<ImportRow, String> statusColumn;
  @FXML private TableColumn<ImportRow, String> slugColumn;
  @FXML private TableColumn<ImportRow, String> targetColumn;
  @FXML private TableColumn<ImportRow, String> reasonColumn;
  @FXML private Button importButton;
  @FXML private ProgressIndicator progress;
  @FXML private Button cancelButton;
  @FXML private Label status;
  @FXML private Button saveButton;

  private @Nullable Stage stage;

  public ImportView(ImportViewModel model) {
    this.model = model;
  }

  public Parent load() {
    return Fxml.load(this);
  }

  /** Opens the wizard in its own window over {@code owner}. */
  public Stage show(@Nullable Window owner) {
    Stage window = new Stage();
    if (owner != null) {
      window.initOwner(owner);
      window.initModality(Modality.WINDOW_MODAL);
    }
    window.setTitle("Import links");
    Scene scene = new Scene(load(), 960, 760);
    if (owner != null && owner.getScene() != null) {
      scene.getStylesheets().addAll(owner.getScene().getStylesheets());
    }
    window.setScene(scene);
    window.setMinWidth(720);
    window.setMinHeight(520);
    // Closing the window while an import runs stops waiting for it, as Cancel does.
    window.setOnHidden(event -> model.cancel());
    stage = window;
    window.show();
    return window;
  }

  @FXML
  private void initialize() {
    var writable = Bindings.isEmpty(model.writeBlockedReasonProperty());
    offlineReason.textProperty().bind(model.writeBlockedReasonProperty());
    offlineReason.visibleProperty().bind(writable.not());
    offlineReason.managedProperty().bind(writable.not());
    path.textProperty().bindBidirectional(model.pathProperty());
    format.setItems(FXCollections.observableArrayList(ImportViewModel.FORMATS));
    format.setConverter(names(FORMAT_NAMES));
    format.valueProperty().bindBidirectional(model.formatProperty());
    detected
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    model.detectedProperty().get().isEmpty()
                        ? "The dry run tells which format the file is in."
                        : "Read as: "
                            + FORMAT_NAMES.getOrDefault(
                                model.detectedProperty().get(), model.detectedProperty().get()),
                model.detectedProperty()));
    policy.setItems(FXCollections.observableArrayList(ImportViewModel.POLICIES));
    policy.setConverter(names(POLICY_NAMES));
    policy.valueProperty().bindBidirectional(model.policyProperty());
    domain.textProperty().bindBidirectional(model.domainProperty());
    buildMapping();
    mappingBox.visibleProperty().bind(model.mappingShownProperty());
    mappingBox.managedProperty().bind(model.mappingShownProperty());
    dryRunButton.disableProperty().bind(model.canDryRunProperty().not());
    error.textProperty().bind(model.errorProperty());
    error.visibleProperty().bind(model.errorProperty().isNotEmpty());
    error.managedProperty().bind(model.errorProperty().isNotEmpty());
    counts.textProperty().bind(model.countsProperty());
    onlyProblems.selectedProperty().bindBidirectional(model.onlyProblemsProperty());
    table.setItems(model.rows());
    lineColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().line()));
    statusColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().status()));
    statusColumn.setCellFactory(column -> new StatusCell());
    slugColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(shortLink(cell.getValue())));
    targetColumn.setCellValueFactory(
        cell -> new ReadOnlyStringWrapper(text(cell.getValue().targetUrl())));
    reasonColumn.setCellValueFactory(
        cell -> new ReadOnlyStringWrapper(text(cell.getValue().reason())));
    for (TableColumn<ImportRow, String> column :
        java.util.List.of(slugColumn, targetColumn, reasonColumn)) {
      column.setCellFactory(Cells.withTooltip(value -> value));
    }
    importButton.disableProperty().bind(model.canImportProperty().not());
    progress.visibleProperty().bind(model.busyProperty());
    cancelButton.visibleProperty().bind(model.busyProperty());
    cancelButton.managedProperty().bind(model.busyProperty());
    status.textProperty().bind(model.statusProperty());
    saveButton.disableProperty().bind(model.reportProperty().isNull().or(model.busyProperty()));
  }

  private void buildMapping() {
    int i = 0;
    for (String field : ImportViewModel.FIELDS) {
      ObservableList<String> choices = FXCollections.observableArrayList(ImportViewModel.BY_NAME);
      ComboBox<String> column = new ComboBox<>(choices);
      column.setId("import-map-" + field);
      column.setPrefWidth(200);
      column.setConverter(
          new StringConverter<>() {
            @Override
            public String toString(@Nullable String value) {
              return value == null || value.isEmpty() ? "by its name" : value;
            }

            @Override
            public String fromString(String text) {
              return text;
            }
          });
      model
          .columns()
          .addListener(
              (javafx.collections.ListChangeListener<String>)
                  change -> {
                    String chosen = column.getValue();
                    choices.setAll(ImportViewModel.BY_NAME);
                    choices.addAll(model.columns());
                    column.setValue(chosen);
                  });
      choices.addAll(model.columns());
      column.valueProperty().bindBidirectional(model.mappingProperty(field));
      Label label = new Label(FIELD_NAMES.getOrDefault(field, field));
      label.setMinWidth(80);
      // Two columns of fields: slug to tags on the left, the rest on the right.
      int half = (ImportViewModel.FIELDS.size() + 1) / 2;
      mapping.add(label, (i / half) * 2, i % half);
      mapping.add(column, (i / half) * 2 + 1, i % half);
      i++;
    }
  }

  @FXML
  private void browse() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Choose the export to import");
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter("CSV and JSON files", "*.csv", "*.json", "*.txt"),
            new FileChooser.ExtensionFilter("All files", "*"));
    File chosen = chooser.showOpenDialog(window());
    if (chosen != null) {
      model.pathProperty().set(chosen.getAbsolutePath());
    }
  }

  @FXML
  private void dryRun() {
    model.dryRun();
  }

  @FXML
  private void runImport() {
    model.runImport();
  }

  @FXML
  private void cancel() {
    model.cancel();
  }

  @FXML
  private void saveReport() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Save the import report");
    chooser.setInitialFileName(
        model.importedProperty().get() ? "import-result.csv" : "dry-run.csv");
    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV files", "*.csv"));
    File chosen = chooser.showSaveDialog(window());
    if (chosen != null) {
      model.saveReport(chosen.toPath());
    }
  }

  @FXML
  private void close() {
    Window window = window();
    if (window != null) {
      window.hide();
    }
  }

  private @Nullable Window window() {
    return table.getScene() == null ? stage : table.getScene().getWindow();
  }

  private static String shortLink(ImportRow row) {
    String slug = text(row.slug());
    String domain = text(row.domain());
    if (slug.isEmpty()) {
      return domain.isEmpty() ? "(new slug)" : domain + "/(new slug)";
    }
    return domain.isEmpty() ? "/" + slug : domain + "/" + slug;
  }

  private static String text(@Nullable String value) {
    return value == null ? "" : value;
  }

  private static StringConverter<String> names(Map<String, String> names) {
    return new StringConverter<>() {
      @Override
      public String toString(@Nullable String value) {
        return value == null ? "" : names.getOrDefault(value, value);
      }

      @Override
      public String fromString(String text) {
        return names.entrySet().stream()
            .filter(e -> e.getValue().equals(text))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse(text);
      }
    };
  }

  /** A row's status in colour: problems stand out, written rows are green. */
  private static final class StatusCell extends TableCell<ImportRow, String> {
    @Override
    protected void updateItem(@Nullable String item, boolean empty) {
      super.updateItem(item, empty);
      getStyleClass()
          .removeAll("import-status-conflict", "import-status-invalid", "import-status-ok");
      if (empty || item == null) {
        setText(null);
        return;
      }
      setText(item);
      switch (item) {
        case ImportRow.CONFLICT -> getStyleClass().add("import-status-conflict");
        case ImportRow.INVALID -> getStyleClass().add("import-status-invalid");
        case ImportRow.CREATED, ImportRow.RENAMED, ImportRow.UPDATED ->
            getStyleClass().add("import-status-ok");
        default -> {
          // unchanged rows stay plain
        }
      }
    }
  }
}
