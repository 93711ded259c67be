package io.linkscope.desktop.links;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.ui.Fxml;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;

/** The link table screen; binds {@link LinksViewModel} to LinksView.fxml. */
public final class LinksView {
  private static final DateTimeFormatter CREATED =
      DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

  private final LinksViewModel model;
  private final ZoneId zone;
  private final Consumer<LinkView> openAnalytics;

  @FXML private TextField search;
  @FXML private ComboBox<String> tag;
  @FXML private TextField minClicks;
  @FXML private TextField maxClicks;
  @FXML private TableView<LinkView> table;
  @FXML private TableColumn<LinkView, String> nameColumn;
  @FXML private TableColumn<LinkView, String> shortColumn;
  @FXML private TableColumn<LinkView, String> targetColumn;
  @FXML private TableColumn<LinkView, String> tagsColumn;
  @FXML private TableColumn<LinkView, Number> clicksColumn;
  @FXML private TableColumn<LinkView, String> createdColumn;
  @FXML private Button editButton;
  @FXML private Button analyticsButton;
  @FXML private Button copyButton;
  @FXML private Button tagButton;
  @FXML private Button deleteButton;
  @FXML private Label message;
  @FXML private Label summary;

  public LinksView(LinksViewModel model, ZoneId zone, Consumer<LinkView> openAnalytics) {
    this.model = model;
    this.zone = zone;
    this.openAnalytics = openAnalytics;
  }

  public Parent load() {
    return Fxml.load(this);
  }

  @FXML
  private void initialize() {
    search.textProperty().bindBidirectional(model.searchProperty());
    tag.setItems(model.tags());
    tag.valueProperty().bindBidirectional(model.tagProperty());
    minClicks.textProperty().bindBidirectional(model.minClicksProperty());
    maxClicks.textProperty().bindBidirectional(model.maxClicksProperty());
    SortedList<LinkView> sorted = new SortedList<>(model.links());
    sorted.comparatorProperty().bind(table.comparatorProperty());
    table.setItems(sorted);
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    nameColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(name(cell.getValue())));
    shortColumn.setCellValueFactory(
        cell ->
            new ReadOnlyStringWrapper(cell.getValue().shortUrl().replaceFirst("^https?://", "")));
    targetColumn.setCellValueFactory(
        cell -> new ReadOnlyStringWrapper(cell.getValue().targetUrl()));
    tagsColumn.setCellValueFactory(
        cell -> new ReadOnlyStringWrapper(String.join(", ", cell.getValue().tags())));
    clicksColumn.setCellValueFactory(
        cell -> new ReadOnlyObjectWrapper<>(cell.getValue().totalClicks()));
    clicksColumn.setCellFactory(io.linkscope.desktop.ui.Cells.counts());
    createdColumn.setCellValueFactory(
        cell ->
            new ReadOnlyStringWrapper(
                cell.getValue().createdAt() == null ? "" : cell.getValue().createdAt().toString()));
    // The ISO text sorts like the instant; cells show a friendly date.
    createdColumn.setCellFactory(
        io.linkscope.desktop.ui.Cells.formatted(
            value ->
                value.isEmpty()
                    ? ""
                    : CREATED.format(java.time.Instant.parse(value).atZone(zone))));
    table.setRowFactory(
        view -> {
          TableRow<LinkView> row = new TableRow<>();
          row.setOnMouseClicked(
              event -> {
                if (event.getClickCount() == 2 && !row.isEmpty()) {
                  edit();
                }
              });
          return row;
        });
    table.setOnKeyPressed(
        event -> {
          if (event.getCode() == KeyCode.DELETE) {
            delete();
          } else if (event.getCode() == KeyCode.ENTER) {
            edit();
          }
        });
    var none = table.getSelectionModel().selectedItemProperty().isNull();
    editButton.disableProperty().bind(none);
    analyticsButton.disableProperty().bind(none);
    copyButton.disableProperty().bind(none);
    tagButton.disableProperty().bind(none);
    deleteButton.disableProperty().bind(none);
    message.textProperty().bind(model.messageProperty());
    summary.textProperty().bind(model.summaryProperty());
  }

  private static String name(LinkView link) {
    return link.title() == null || link.title().isBlank() ? "/" + link.slug() : link.title();
  }

  private List<LinkView> selected() {
    return List.copyOf(table.getSelectionModel().getSelectedItems());
  }

  /** Focuses the search field (Ctrl+F). */
  public void focusSearch() {
    search.requestFocus();
    search.selectAll();
  }

  @FXML
  public void create() {
    new LinkEditorView(new LinkEditorViewModel(model.session(), zone, null))
        .showAndWait(table.getScene().getWindow())
        .ifPresent(saved -> select(saved.id()));
  }

  @FXML
  private void edit() {
    LinkView link = table.getSelectionModel().getSelectedItem();
    if (link != null) {
      new LinkEditorView(new LinkEditorViewModel(model.session(), zone, link))
          .showAndWait(table.getScene().getWindow());
    }
  }

  private void select(long id) {
    // The table refreshes from the store when the session's data version moves on.
    model
        .links()
        .addListener(
            new javafx.collections.ListChangeListener<LinkView>() {
              @Override
              public void onChanged(Change<? extends LinkView> change) {
                table.getItems().stream()
                    .filter(link -> link.id() == id)
                    .findFirst()
                    .ifPresent(
                        link -> {
                          table.getSelectionModel().clearAndSelect(table.getItems().indexOf(link));
                          table.scrollTo(link);
                          model.links().removeListener(this);
                        });
              }
            });
  }

  @FXML
  private void analytics() {
    LinkView link = table.getSelectionModel().getSelectedItem();
    if (link != null) {
      openAnalytics.accept(link);
    }
  }

  @FXML
  private void copy() {
    LinkView link = table.getSelectionModel().getSelectedItem();
    if (link != null) {
      ClipboardContent content = new ClipboardContent();
      content.putString(link.shortUrl());
      Clipboard.getSystemClipboard().setContent(content);
    }
  }

  @FXML
  private void bulkTag() {
    List<LinkView> chosen = selected();
    if (chosen.isEmpty()) {
      return;
    }
    TextInputDialog dialog = new TextInputDialog();
    dialog.initOwner(table.getScene().getWindow());
    dialog.setTitle("Add a tag");
    dialog.setHeaderText(
        "Add a tag to " + chosen.size() + (chosen.size() == 1 ? " link" : " links"));
    dialog.setContentText("Tag:");
    dialog.showAndWait().ifPresent(newTag -> model.addTag(chosen, newTag));
  }

  @FXML
  private void delete() {
    List<LinkView> chosen = selected();
    if (chosen.isEmpty()) {
      return;
    }
    Alert confirm =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            chosen.size() == 1
                ? "Delete " + name(chosen.getFirst()) + "? Its short URL stops working."
                : "Delete " + chosen.size() + " links? Their short URLs stop working.",
            ButtonType.CANCEL,
            ButtonType.OK);
    confirm.initOwner(table.getScene().getWindow());
    confirm.setHeaderText("Delete links");
    confirm
        .showAndWait()
        .filter(answer -> answer == ButtonType.OK)
        .ifPresent(answer -> model.delete(chosen));
  }
}
