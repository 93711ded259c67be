package io.linkscope.desktop.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.desktop.testsupport.Sessions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
  @TempDir Path directory;

  @Test
  void aSyncThatCannotReachTheCollectorGoesOfflineWithoutReloadingTheScreens() {
    try (Session session = Sessions.open(directory, Sessions.UNREACHABLE, "lsk_unused")) {
      session.sync();

      assertThat(session.onlineProperty().get()).isFalse();
      assertThat(session.statusProperty().get()).startsWith("Offline");
      assertThat(session.dataVersionProperty().get()).isZero();
    }
  }
}
