package io.linkscope.desktop.analytics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Bounds;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import javafx.stage.Popup;
import org.jspecify.annotations.Nullable;

/**
 * A button that shows the chosen item and opens a search field over a list of many items: typing
 * narrows the list to the items that contain every word typed (in their name or detail); Enter or a
 * click chooses. Used for links (title and slug) and time zones (offset and id).
 */
final class SearchPicker<T> {
  private final Button button = new Button();
  private final TextField search = new TextField();
  private final ListView<T> list = new ListView<>();
  private final Label count = new Label();
  private final Popup popup = new Popup();
  private final FilteredList<T> shown;
  private final ObjectProperty<@Nullable T> value = new SimpleObjectProperty<>(this, "value");
  private final Function<T, String> name;
  private final Function<T, String> detail;
  private final String noun;

  /**
   * @param name the item's main text (on the button and in bold in the list)
   * @param detail a second text shown muted after the name, also searched
   * @param noun what the items are, plural ("links"), for the count line
   */
  SearchPicker(
      ObservableList<T> items,
      Function<T, String> name,
      Function<T, String> detail,
      String prompt,
      String noun) {
    this.name = name;
    this.detail = detail;
    this.noun = noun;
    shown = new FilteredList<>(items, item -> true);
    button.getStyleClass().add("search-picker");
    button.setAlignment(Pos.CENTER_LEFT);
    button.setTextOverrun(OverrunStyle.CENTER_ELLIPSIS);
    button.setMnemonicParsing(false);
    button.setText(prompt);
    value.addListener((o, before, after) -> button.setText(after == null ? prompt : text(after)));
    button.setOnAction(event -> open());

    search.setPromptText("Type to search " + noun);
    search.textProperty().addListener((o, before, after) -> narrow(after));
    search.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
    list.setItems(shown);
    list.setPrefHeight(320);
    list.setCellFactory(view -> new Cell());
    list.setOnMouseClicked(
        event -> {
          T picked = list.getSelectionModel().getSelectedItem();
          if (picked != null) {
            choose(picked);
          }
        });
    list.addEventFilter(
        KeyEvent.KEY_PRESSED,
        event -> {
          if (event.getCode() == KeyCode.ENTER) {
            T picked = list.getSelectionModel().getSelectedItem();
            if (picked != null) {
              choose(picked);
            }
            event.consume();
          }
        });
    count.getStyleClass().add("muted");
    VBox content = new VBox(6, search, list, count);
    content.setStyle(
        "-fx-background-color: white; -fx-border-color: #c9ced6; -fx-padding: 8;"
            + " -fx-background-radius: 6; -fx-border-radius: 6;"
            + " -fx-effect: dropshadow(gaussian, rgba(0,0,0,0.18), 12, 0, 0, 3);");
    popup.getContent().add(content);
    popup.setAutoHide(true);
    popup.setOnShown(event -> search.requestFocus());
    items.addListener((javafx.collections.ListChangeListener<T>) change -> updateCount());
    updateCount();
  }

  Button node() {
    return button;
  }

  ObjectProperty<@Nullable T> valueProperty() {
    return value;
  }

  TextField searchField() {
    return search;
  }

  ListView<T> list() {
    return list;
  }

  Popup popup() {
    return popup;
  }

  private String text(T item) {
    String extra = detail.apply(item);
    return extra.isEmpty() ? name.apply(item) : name.apply(item) + "  ·  " + extra;
  }

  void open() {
    search.clear();
    narrow("");
    T current = value.get();
    if (current != null) {
      list.getSelectionModel().select(current);
      list.scrollTo(Math.max(0, list.getSelectionModel().getSelectedIndex() - 3));
    }
    double width = Math.max(button.getWidth(), 480);
    list.setPrefWidth(width);
    Bounds bounds = button.localToScreen(button.getBoundsInLocal());
    if (bounds == null) {
      return;
    }
    popup.show(button, bounds.getMinX(), bounds.getMaxY() + 2);
  }

  private void narrow(String typed) {
    List<String> words =
        Arrays.stream(typed.toLowerCase(Locale.ROOT).trim().split("\\s+"))
            .filter(word -> !word.isEmpty())
            .toList();
    shown.setPredicate(
        item -> {
          String haystack = (name.apply(item) + " " + detail.apply(item)).toLowerCase(Locale.ROOT);
          return words.stream().allMatch(haystack::contains);
        });
    if (!shown.isEmpty()) {
      list.getSelectionModel().selectFirst();
      list.scrollTo(0);
    }
    updateCount();
  }

  private void updateCount() {
    int all = shown.getSource().size();
    count.setText(
        shown.size() == all
            ? all + " " + noun
            : shown.size() + " of " + all + " " + noun + (shown.isEmpty() ? ": none matches" : ""));
  }

  private void keys(KeyEvent event) {
    switch (event.getCode()) {
      case DOWN -> {
        list.getSelectionModel().selectNext();
        list.scrollTo(Math.max(0, list.getSelectionModel().getSelectedIndex() - 3));
        event.consume();
      }
      case UP -> {
        list.getSelectionModel().selectPrevious();
        list.scrollTo(Math.max(0, list.getSelectionModel().getSelectedIndex() - 3));
        event.consume();
      }
      case ENTER -> {
        T picked = list.getSelectionModel().getSelectedItem();
        if (picked != null) {
          choose(picked);
        }
        event.consume();
      }
      case ESCAPE -> {
        popup.hide();
        event.consume();
      }
      default -> {
        // Typing goes to the field.
      }
    }
  }

  /** Chooses {@code item} as if the user had clicked it, and closes the list. */
  void choose(T item) {
    value.set(item);
    popup.hide();
  }

  private final class Cell extends ListCell<T> {
    private final Label main = new Label();
    private final Label second = new Label();
    private final VBox box = new VBox(1, main, second);

    Cell() {
      // Cells as wide as the list: a long text ends in "…" instead of scrolling sideways.
      setPrefWidth(0);
      box.setMinWidth(0);
      main.setStyle("-fx-font-weight: bold;");
      main.setTextOverrun(OverrunStyle.ELLIPSIS);
      second.getStyleClass().add("muted");
      second.setTextOverrun(OverrunStyle.ELLIPSIS);
    }

    @Override
    protected void updateItem(T item, boolean empty) {
      super.updateItem(item, empty);
      if (empty || item == null) {
        setGraphic(null);
        setText(null);
      } else {
        main.setText(name.apply(item));
        second.setText(detail.apply(item));
        setText(null);
        setGraphic(box);
      }
    }
  }
}
