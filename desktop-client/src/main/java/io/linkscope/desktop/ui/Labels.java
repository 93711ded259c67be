package io.linkscope.desktop.ui;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.util.StringConverter;
import org.jspecify.annotations.Nullable;

/**
 * Converters for controls that show a label for each of a known set of values (choice boxes, axis
 * ticks): a label is read back as the value it was made from, and text that is no label reads as no
 * value.
 */
public final class Labels {
  private Labels() {}

  /**
   * Labels {@code values} (read when converting, so a list that changes is followed) with {@code
   * label}; {@code null} shows as an empty label.
   */
  public static <T> StringConverter<T> of(
      Supplier<? extends List<? extends T>> values, Function<? super T, String> label) {
    return new StringConverter<>() {
      @Override
      public String toString(@Nullable T value) {
        return value == null ? "" : label.apply(value);
      }

      @Override
      public @Nullable T fromString(@Nullable String text) {
        if (text == null) {
          return null;
        }
        for (T value : values.get()) {
          if (text.equals(label.apply(value))) {
            return value;
          }
        }
        return null;
      }
    };
  }
}
