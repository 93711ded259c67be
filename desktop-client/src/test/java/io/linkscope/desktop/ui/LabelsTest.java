package io.linkscope.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.util.StringConverter;
import org.junit.jupiter.api.Test;

class LabelsTest {
  @Test
  void readsALabelBackAsTheValueItWasMadeFrom() {
    StringConverter<Integer> sizes = Labels.of(() -> List.of(256, 1024), n -> n + " px");

    assertThat(sizes.toString(1024)).isEqualTo("1024 px");
    assertThat(sizes.fromString("1024 px")).isEqualTo(1024);
    assertThat(sizes.toString(null)).isEmpty();
  }

  @Test
  void textThatIsNoLabelReadsAsNoValue() {
    StringConverter<Integer> sizes = Labels.of(() -> List.of(256), n -> n + " px");

    assertThat(sizes.fromString("512 px")).isNull();
    assertThat(sizes.fromString("")).isNull();
    assertThat(sizes.fromString(null)).isNull();
  }

  @Test
  void followsAListThatChanges() {
    List<String> formats = new ArrayList<>(List.of("png"));
    StringConverter<String> labels = Labels.of(() -> formats, f -> f.toUpperCase(Locale.ROOT));

    assertThat(labels.fromString("SVG")).isNull();
    formats.add("svg");
    assertThat(labels.fromString("SVG")).isEqualTo("svg");
  }
}
