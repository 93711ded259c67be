package io.linkscope.desktop.testsupport;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.ui.Background;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;

/** Sessions for view-model tests: work runs inline, the clock stands at the sample's "now". */
public final class Sessions {
  /** Nothing listens on port 9 (discard) here: a collector that cannot be reached. */
  public static final String UNREACHABLE = "http://127.0.0.1:9";

  private Sessions() {}

  public static Session open(Path directory, String url, String key) {
    Connection connection = new Connection("test", url, key, "Acme Coffee Roasters");
    return new Session(
        connection,
        new LinkscopeClient(url, key),
        LocalStore.open(directory.resolve("store.sqlite")),
        Background.inline(),
        Clock.fixed(SampleWorkspace.NOW, ZoneOffset.UTC));
  }

  /** A session with the sample data whose collector is unreachable, already found offline. */
  public static Session offlineWithSample(Path directory) {
    SampleWorkspace.copyTo(directory.resolve("store.sqlite"));
    Session session = open(directory, UNREACHABLE, "lsk_unused");
    session.sync();
    return session;
  }
}
