package io.linkscope.desktop.app;

import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.workspace.WorkspaceView;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.ui.Background;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The window's state: saved connections, the chosen one (the switcher) and its open session. A
 * connection is opened from its local store at once and synced in the background.
 */
public final class MainViewModel {
  private final ConnectionStore connections;
  private final Background background;
  private final Clock clock;
  private final ObservableList<Connection> saved = FXCollections.observableArrayList();
  private final ObjectProperty<Connection> selected = new SimpleObjectProperty<>(this, "selected");
  private final ReadOnlyObjectWrapper<Session> session =
      new ReadOnlyObjectWrapper<>(this, "session");

  public MainViewModel(ConnectionStore connections, Background background, Clock clock) {
    this.connections = connections;
    this.background = background;
    this.clock = clock;
    saved.setAll(connections.load());
    selected.addListener((o, before, after) -> open(after));
  }

  public ObservableList<Connection> connections() {
    return saved;
  }

  /** The workspace in view; setting it switches the whole window. */
  public ObjectProperty<Connection> selectedProperty() {
    return selected;
  }

  public ReadOnlyObjectProperty<Session> sessionProperty() {
    return session.getReadOnlyProperty();
  }

  /** Opens the first saved connection, if any. */
  public void start() {
    if (!saved.isEmpty() && selected.get() == null) {
      selected.set(saved.getFirst());
    }
  }

  /**
   * Checks the URL and key against the collector, saves the connection and switches to it. A
   * connection with the same URL and key is reused.
   */
  public void connect(String url, String apiKey, Runnable done, Consumer<String> error) {
    String cleanUrl = url == null ? "" : url.strip().replaceFirst("/+$", "");
    String cleanKey = apiKey == null ? "" : apiKey.strip();
    if (!cleanUrl.matches("https?://\\S+")) {
      error.accept("Enter the collector's address, e.g. https://links.example.com.");
      return;
    }
    if (cleanKey.isEmpty()) {
      error.accept("Enter an API key of the workspace.");
      return;
    }
    background.run(
        "Connect",
        () -> new LinkscopeClient(cleanUrl, cleanKey).workspace(),
        (WorkspaceView workspace) -> {
          Connection connection =
              saved.stream()
                  .filter(c -> c.url().equals(cleanUrl) && c.apiKey().equals(cleanKey))
                  .findFirst()
                  .orElse(null);
          Connection updated =
              new Connection(
                  connection == null ? UUID.randomUUID().toString() : connection.id(),
                  cleanUrl,
                  cleanKey,
                  workspace.name());
          List<Connection> all = new ArrayList<>(saved);
          if (connection != null) {
            all.set(all.indexOf(connection), updated);
          } else {
            all.add(updated);
          }
          connections.save(all);
          saved.setAll(all);
          selected.set(updated);
          done.run();
        },
        failure ->
            error.accept(
                failure instanceof ApiException api && api.status() == 401
                    ? "The collector did not accept this API key."
                    : failure instanceof ApiException api
                        ? api.error().message()
                        : "Cannot reach " + cleanUrl + ". Check the address and your network."));
  }

  /** Forgets a connection and its offline copy. */
  public void remove(Connection connection) {
    if (connection.equals(selected.get())) {
      selected.set(null);
    }
    List<Connection> all = new ArrayList<>(saved);
    all.remove(connection);
    connections.save(all);
    saved.setAll(all);
    try {
      java.nio.file.Files.deleteIfExists(connections.storeFile(connection));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void open(Connection connection) {
    Session previous = session.get();
    session.set(null);
    if (previous != null) {
      previous.close();
    }
    if (connection == null) {
      return;
    }
    // Opening SQLite (and its native library, the first time) is disk work: not on the FX thread.
    background.run(
        "Open " + connection.workspaceName(),
        () -> LocalStore.open(connections.storeFile(connection)),
        store -> {
          if (!connection.equals(selected.get())) {
            store.close();
            return;
          }
          Session opened =
              new Session(
                  connection,
                  new LinkscopeClient(connection.url(), connection.apiKey()),
                  store,
                  background,
                  clock);
          session.set(opened);
          opened.sync();
        },
        failure -> selected.set(null));
  }

  /** Closes the open session (the window is closing). */
  public void close() {
    Session open = session.get();
    if (open != null) {
      open.close();
    }
  }
}
