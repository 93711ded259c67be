package io.linkscope.desktop.settings;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.ui.Background;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Sessions of the settings' tests: work inline, the clock the collector's (real time). */
final class Sessions {
  private Sessions() {}

  static Session open(Path directory, String url, String key) throws Exception {
    return open(directory, url, key, Background.inline());
  }

  static Session open(Path directory, String url, String key, Background background)
      throws Exception {
    Files.createDirectories(directory);
    return new Session(
        new Connection("acme", url, key, "Acme Coffee Roasters"),
        new LinkscopeClient(url, key),
        LocalStore.open(directory.resolve("store.sqlite")),
        background,
        Clock.systemUTC());
  }
}
