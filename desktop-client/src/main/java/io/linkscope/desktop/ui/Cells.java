package io.linkscope.desktop.ui;

import java.util.function.Function;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.util.Callback;

/** Table cells that show a column's value formatted (the value itself still sorts). */
public final class Cells {
  private Cells() {}

  public static <S, T> Callback<TableColumn<S, T>, TableCell<S, T>> formatted(
      Function<T, String> format) {
    return column ->
        new TableCell<>() {
          @Override
          protected void updateItem(T value, boolean empty) {
            super.updateItem(value, empty);
            setText(empty || value == null ? null : format.apply(value));
          }
        };
  }

  /** Counts with thousands separators. */
  public static <S> Callback<TableColumn<S, Number>, TableCell<S, Number>> counts() {
    return formatted(value -> Formats.count(value.longValue()));
  }
}
