package io.linkscope.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where the data lives when no {@code --data-dir} is given. */
class DatabaseOptionsTest {

  @ParameterizedTest(name = "XDG_DATA_HOME={0}, HOME={1}, user.home={2}")
  @CsvSource(
      nullValues = "unset",
      textBlock =
          """
          /srv/data,     /home/ada,  /root,  /srv/data/linkscope
          unset,         /home/ada,  /root,  /home/ada/.local/share/linkscope
          '',            /home/ada,  /root,  /home/ada/.local/share/linkscope
          relative/data, /home/ada,  /root,  /home/ada/.local/share/linkscope
          unset,         unset,      /root,  /root/.local/share/linkscope
          unset,         '',         /root,  /root/.local/share/linkscope
          unset,         home,       /root,  /root/.local/share/linkscope
          """)
  void followsXdgDataHomeThenHomeThenTheJavaUserHome(
      String dataHome, String home, String userHome, String expected) {
    Map<String, String> environment = new HashMap<>();
    if (dataHome != null) {
      environment.put("XDG_DATA_HOME", dataHome);
    }
    if (home != null) {
      environment.put("HOME", home);
    }

    assertThat(DatabaseOptions.defaultDataDir(environment, userHome)).isEqualTo(Path.of(expected));
  }

  @Test
  void servesFromTheDefaultDataDirectoryWithoutTheOption() {
    ServeCommand serve = new ServeCommand();
    picocli.CommandLine commandLine = new picocli.CommandLine(serve);
    commandLine.parseArgs("--db-url", "jdbc:mariadb://127.0.0.1:3306/linkscope");

    assertThat(serve.config().dataDir())
        .isEqualTo(
            DatabaseOptions.defaultDataDir(System.getenv(), System.getProperty("user.home")));
  }
}
