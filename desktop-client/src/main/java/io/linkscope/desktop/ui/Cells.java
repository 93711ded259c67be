package io.linkscope.desktop.ui;

import java.time.LocalDate;
import java.util.function.Function;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.Tooltip;
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

  /**
   * Text cells whose whole text shows on hover: for columns too narrow for long values (titles),
   * which the table cuts with "…".
   */
  public static <S, T> Callback<TableColumn<S, T>, TableCell<S, T>> withTooltip(
      Function<T, String> format) {
    return column ->
        new TableCell<>() {
          private final Tooltip tooltip = new Tooltip();

          @Override
          protected void updateItem(T value, boolean empty) {
            super.updateItem(value, empty);
            String text = empty || value == null ? null : format.apply(value);
            setText(text);
            tooltip.setText(text);
            setTooltip(text == null || text.isEmpty() ? null : tooltip);
          }
        };
  }

  /** Dates in the app's one date format ({@link Formats#dateFormat()}). */
  public static <S> Callback<TableColumn<S, LocalDate>, TableCell<S, LocalDate>> dates() {
    return formatted(Formats::date);
  }

  /** Counts with thousands separators. */
  public static <S> Callback<TableColumn<S, Number>, TableCell<S, Number>> counts() {
    return formatted(value -> Formats.count(value.longValue()));
  }
}
