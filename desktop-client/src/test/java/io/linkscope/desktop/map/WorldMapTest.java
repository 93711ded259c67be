package io.linkscope.desktop.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WorldMapTest {

  @BeforeAll
  static void startToolkit() {
    try {
      Platform.startup(() -> {});
    } catch (IllegalStateException alreadyRunning) {
      // Another test of this JVM started JavaFX already.
    }
  }

  @Test
  void putsClicksOfUnknownCountryOnNoShape() throws Exception {
    CompletableFuture<String[]> texts = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          WorldMap map = new WorldMap();
          map.setCounts(Map.of("", 4L, "DE", 2L));
          texts.complete(new String[] {map.hoverText(""), map.hoverText("DE")});
        });
    String[] hover = texts.get(20, TimeUnit.SECONDS);
    assertThat(hover[0]).contains("· 0 ");
    assertThat(hover[1]).startsWith("Germany · 2 ");
  }
}
