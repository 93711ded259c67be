package io.linkscope.desktop.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.desktop.map.WorldMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The colours the map and the heatmap draw themselves follow the theme the user switches to. */
class ThemeTest {
  /** Primer Dark's page background, on which the dark colours must stand out. */
  private static final Color DARK_PAGE = Color.web("#0d1117");

  @BeforeAll
  static void startToolkit() {
    try {
      Platform.startup(() -> {});
    } catch (IllegalStateException alreadyRunning) {
      // Another test of this JVM started JavaFX already.
    }
  }

  @Test
  void theMapAndTheHeatmapRepaintForTheDarkThemeAndBack() throws Exception {
    CompletableFuture<Color[]> colours = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            WorldMap map = new WorldMap();
            map.setCounts(Map.of("DE", 500L, "FR", 2L));
            HeatmapGrid heatmap = new HeatmapGrid();
            long[][] values = new long[7][24];
            values[4][15] = 40;
            values[0][9] = 1;
            heatmap.setValues(values);
            Color lightNone = map.fillOf("BR");
            Theme.DARK.apply();
            Color darkNone = map.fillOf("BR");
            Color darkFew = map.fillOf("FR");
            Color darkMost = map.fillOf("DE");
            Color darkEmptyCell = heatmap.colorOf(2, 3);
            Color darkBusiestCell = heatmap.colorOf(4, 15);
            Theme.LIGHT.apply();
            colours.complete(
                new Color[] {
                  lightNone,
                  darkNone,
                  darkFew,
                  darkMost,
                  darkEmptyCell,
                  darkBusiestCell,
                  map.fillOf("BR"),
                  heatmap.colorOf(4, 15)
                });
          } catch (RuntimeException e) {
            Theme.LIGHT.apply();
            colours.completeExceptionally(e);
          }
        });
    Color[] c = colours.get(20, TimeUnit.SECONDS);
    Color lightNone = c[0];
    Color darkNone = c[1];
    Color darkFew = c[2];
    Color darkMost = c[3];
    Color darkEmptyCell = c[4];
    Color darkBusiestCell = c[5];

    assertThat(lightNone.getBrightness()).as("light: no data is a pale grey").isGreaterThan(0.8);
    assertThat(darkNone.getBrightness())
        .as("dark: no data is a dark grey, not the light theme's glare")
        .isLessThan(0.3)
        .isGreaterThan(DARK_PAGE.getBrightness() + 0.08);
    assertThat(darkMost.getBrightness())
        .as("dark: more clicks are brighter")
        .isGreaterThan(darkFew.getBrightness() + 0.3);
    assertThat(darkFew).isNotEqualTo(darkNone);
    assertThat(darkEmptyCell.getBrightness()).isLessThan(0.3);
    assertThat(darkBusiestCell.getBrightness()).isGreaterThan(darkEmptyCell.getBrightness() + 0.5);
    assertThat(c[6]).as("back in the light theme").isEqualTo(lightNone);
    assertThat(c[7]).isEqualTo(Theme.LIGHT.palette().heatHigh());
  }
}
