package io.linkscope.desktop.links;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Fxml;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;

/** The link table screen; binds {@link LinksViewModel} to LinksView.fxml. */
public final class LinksView {

  private final LinksViewModel model;
  private final ZoneId zone;
  private final Consumer<LinkView> openAnalytics;
  private final Consumer<String> browser;

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
  @FXML private Label summary;
  @FXML private Label offlineReason;
  @FXML private Button newButton;
  @FXML private Button importButton;

  /**
   * {@code openAnalytics} shows a link's analytics screen; {@code browser} opens a URL in the
   * user's web browser.
   */
  public LinksView(
      LinksViewModel model,
      ZoneId zone,
      Consumer<LinkView> openAnalytics,
      Consumer<String> browser) {
    this.model = model;
    this.zone = zone;
    this.openAnalytics = openAnalytics;
    this.browser = browser;
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
    // Titles, addresses and tags longer than their column end in "…" and show whole on hover.
    for (TableColumn<LinkView, String> text :
        List.of(nameColumn, shortColumn, targetColumn, tagsColumn)) {
      text.setCellFactory(io.linkscope.desktop.ui.Cells.withTooltip(value -> value));
    }
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
                value.isEmpty() ? "" : Formats.date(java.time.Instant.parse(value).atZone(zone))));
    table.setRowFactory(
        view -> {
          TableRow<LinkView> row = new TableRow<>();
          // The context menu acts on the row it was opened on, as in a file manager.
          row.addEventFilter(
              MouseEvent.MOUSE_PRESSED,
              event -> {
                if (event.getButton() == MouseButton.SECONDARY
                    && !row.isEmpty()
                    && !row.isSelected()) {
                  table.getSelectionModel().clearAndSelect(row.getIndex());
                }
              });
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
    var offline = model.canChangeProperty().not();
    editButton.disableProperty().bind(none);
    analyticsButton.disableProperty().bind(none);
    copyButton.disableProperty().bind(none);
    tagButton.disableProperty().bind(none.or(offline));
    deleteButton.disableProperty().bind(none.or(offline));
    newButton.disableProperty().bind(offline);
    importButton.disableProperty().bind(offline);
    offlineReason.textProperty().bind(model.offlineReasonProperty());
    offlineReason.visibleProperty().bind(offline);
    offlineReason.managedProperty().bind(offline);
    summary.textProperty().bind(model.summaryProperty());
    table.setContextMenu(contextMenu(none, offline));
  }

  /** The actions on the link under the mouse (right-click selects it first). */
  private ContextMenu contextMenu(BooleanBinding none, BooleanBinding offline) {
    MenuItem copyItem = item("Copy short URL", "menu-copy", this::copy);
    MenuItem openItem = item("Open in browser", "menu-open", this::openInBrowser);
    MenuItem qrItem = item("QR code…", "menu-qr", this::exportQr);
    MenuItem analyticsItem = item("Analytics", "menu-analytics", this::analytics);
    MenuItem editItem = item("Edit…", "menu-edit", this::edit);
    MenuItem deleteItem = item("Delete…", "menu-delete", this::delete);
    MenuItem deleteClicksItem =
        item("Delete clicks only…", "menu-delete-clicks", this::deleteClicks);
    for (MenuItem item : List.of(copyItem, openItem, qrItem, analyticsItem, editItem)) {
      item.disableProperty().bind(none);
    }
    deleteItem.disableProperty().bind(none.or(offline));
    deleteClicksItem.disableProperty().bind(none.or(offline));
    ContextMenu menu =
        new ContextMenu(
            copyItem,
            openItem,
            qrItem,
            new SeparatorMenuItem(),
            analyticsItem,
            editItem,
            new SeparatorMenuItem(),
            deleteItem,
            deleteClicksItem);
    menu.setId("links-menu");
    return menu;
  }

  private static MenuItem item(String text, String id, Runnable action) {
    MenuItem item = new MenuItem(text);
    item.setId(id);
    item.setOnAction(event -> action.run());
    return item;
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

  /** Opens the dialog for a new link; while offline, says why it cannot (Ctrl+N). */
  @FXML
  public void create() {
    if (model.checkCanChange("Cannot create a link")) {
      new LinkEditorView(model.editor(zone, null))
          .showAndWait(table.getScene().getWindow())
          .ifPresent(saved -> select(saved.id()));
    }
  }

  /** Opens the import wizard; while offline, says why it cannot. */
  @FXML
  public void importLinks() {
    if (model.checkCanChange("Cannot import links")) {
      new io.linkscope.desktop.importing.ImportView(model.importer())
          .show(table.getScene().getWindow());
    }
  }

  @FXML
  private void edit() {
    LinkView link = table.getSelectionModel().getSelectedItem();
    if (link != null) {
      new LinkEditorView(model.editor(zone, link)).showAndWait(table.getScene().getWindow());
    }
  }

  private void openInBrowser() {
    LinkView link = table.getSelectionModel().getSelectedItem();
    if (link != null) {
      browser.accept(link.shortUrl());
    }
  }

  private void exportQr() {
    LinkView link = table.getSelectionModel().getSelectedItem();
    if (link != null) {
      new QrExportView(model.qrExport(link)).show(table.getScene().getWindow());
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
      model.copied(link);
    }
  }

  @FXML
  private void bulkTag() {
    List<LinkView> chosen = selected();
    if (chosen.isEmpty() || !model.checkCanChange("Cannot add the tag")) {
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
    if (chosen.isEmpty() || !model.checkCanChange("Cannot delete")) {
      return;
    }
    boolean one = chosen.size() == 1;
    ButtonType keepClicks = new ButtonType("Delete, keep clicks", ButtonBar.ButtonData.OK_DONE);
    ButtonType withClicks = new ButtonType("Delete with clicks", ButtonBar.ButtonData.OTHER);
    Alert confirm =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            (one
                    ? "Delete " + name(chosen.getFirst()) + "? Its short URL stops working."
                    : "Delete " + chosen.size() + " links? Their short URLs stop working.")
                + "\n\nKeep clicks: the raw clicks and every statistic stay (the dashboard, tags"
                + " and the workspace's totals keep counting them).\nWith clicks: "
                + (one ? "its" : "their")
                + " raw clicks and "
                + (one ? "its" : "their")
                + " own statistics are deleted too; the workspace's totals still count them.",
            ButtonType.CANCEL,
            withClicks,
            keepClicks);
    confirm.initOwner(table.getScene().getWindow());
    confirm.setHeaderText(one ? "Delete the link" : "Delete links");
    confirm.getDialogPane().setId("delete-confirmation");
    confirm.getDialogPane().lookupButton(withClicks).setId("delete-with-clicks");
    confirm.getDialogPane().lookupButton(keepClicks).setId("delete-keep-clicks");
    confirm
        .showAndWait()
        .ifPresent(
            answer -> {
              if (answer == keepClicks) {
                model.delete(chosen, LinksViewModel.Deletion.LINKS);
              } else if (answer == withClicks) {
                model.delete(chosen, LinksViewModel.Deletion.LINKS_AND_CLICKS);
              }
            });
  }

  private void deleteClicks() {
    List<LinkView> chosen = selected();
    if (chosen.isEmpty() || !model.checkCanChange("Cannot delete the clicks")) {
      return;
    }
    boolean one = chosen.size() == 1;
    Alert confirm =
        new Alert(
            Alert.AlertType.CONFIRMATION,
            (one
                    ? "Delete every raw click of " + name(chosen.getFirst()) + "?"
                    : "Delete every raw click of " + chosen.size() + " links?")
                + " "
                + (one ? "The link stays and its" : "The links stay and their")
                + " short URLs keep working; "
                + (one ? "its" : "their")
                + " own statistics start again from zero. The workspace's totals still count the"
                + " deleted clicks. This cannot be undone.",
            ButtonType.CANCEL,
            ButtonType.OK);
    confirm.initOwner(table.getScene().getWindow());
    confirm.setHeaderText(one ? "Delete the link's clicks" : "Delete the links' clicks");
    confirm.getDialogPane().setId("delete-clicks-confirmation");
    ((Button) confirm.getDialogPane().lookupButton(ButtonType.OK)).setText("Delete clicks");
    confirm
        .showAndWait()
        .filter(answer -> answer == ButtonType.OK)
        .ifPresent(answer -> model.delete(chosen, LinksViewModel.Deletion.CLICKS));
  }
}
