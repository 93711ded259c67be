package io.linkscope.desktop.app;

import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.workspace.WorkspaceView;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.ui.Background;
import io.linkscope.desktop.ui.Notice;
import io.linkscope.desktop.ui.Notifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The window's state: saved connections (add, rename, re-key, remove), the chosen one (the
 * switcher) and its open session, and the theme. A connection is opened from its local store at
 * once and synced in the background; the one used last is opened at start.
 */
public final class MainViewModel {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(MainViewModel.class);
  private final ConnectionStore connections;
  private final Settings settings;
  private final Background background;
  private final Clock clock;
  private ZoneId zone;
  private final Notifier notifier;
  private final ObservableList<Connection> saved = FXCollections.observableArrayList();
  private final ObjectProperty<@Nullable Connection> selected =
      new SimpleObjectProperty<>(this, "selected");
  private final ReadOnlyObjectWrapper<@Nullable Session> session =
      new ReadOnlyObjectWrapper<>(this, "session");
  private final BooleanProperty darkTheme = new SimpleBooleanProperty(this, "darkTheme");

  /** Problems go to {@code notifier} (the window's, or a test's list). */
  public MainViewModel(
      ConnectionStore connections, Background background, Clock clock, Notifier notifier) {
    this.connections = connections;
    this.settings = new Settings(connections.directory());
    this.background = background;
    this.clock = clock;
    this.zone = clock.getZone();
    this.notifier = notifier;
    saved.setAll(connections.load());
    darkTheme.set(settings.darkTheme());
    darkTheme.addListener((o, was, dark) -> settings.darkTheme(dark));
    selected.addListener(
        (o, before, after) -> {
          if (after != null) {
            settings.lastConnection(after.id());
          }
          open(after);
        });
  }

  /** Problems are shown by the window once {@link MainView} is loaded (see {@link #notices()}). */
  public MainViewModel(ConnectionStore connections, Background background, Clock clock) {
    this(connections, background, clock, new Relay());
  }

  /** The zone the window shows times in; sessions opened from now on show their status in it. */
  void zone(ZoneId shown) {
    this.zone = shown;
  }

  /** Where this model's notices go until the window shows them (a relay), else null. */
  @Nullable Relay notices() {
    return notifier instanceof Relay relay ? relay : null;
  }

  public ObservableList<Connection> connections() {
    return saved;
  }

  /** The workspace in view; setting it switches the whole window. */
  public ObjectProperty<@Nullable Connection> selectedProperty() {
    return selected;
  }

  public ReadOnlyObjectProperty<@Nullable Session> sessionProperty() {
    return session.getReadOnlyProperty();
  }

  /** The dark theme is on; remembered for the next start. */
  public BooleanProperty darkThemeProperty() {
    return darkTheme;
  }

  /**
   * How the switcher names a connection: label, workspace and host; two that would read the same
   * (the same workspace on the same host without labels) are numbered in the order they were added.
   */
  public String displayName(@Nullable Connection connection) {
    if (connection == null) {
      return "";
    }
    String name = connection.displayName();
    List<Connection> same =
        saved.stream().filter(other -> other.displayName().equals(name)).toList();
    int at = same.indexOf(connection);
    return same.size() < 2 || at < 0 ? name : name + " (" + (at + 1) + ")";
  }

  /** Opens the workspace used last, else the first saved one, if any. */
  public void start() {
    if (saved.isEmpty() || selected.get() != null) {
      return;
    }
    String last = settings.lastConnection().orElse("");
    selected.set(
        saved.stream().filter(c -> c.id().equals(last)).findFirst().orElse(saved.getFirst()));
  }

  /** {@link #connect(String, String, String, Runnable, Consumer)} without a label. */
  public void connect(String url, String apiKey, Runnable done, Consumer<String> error) {
    connect(url, apiKey, null, done, error);
  }

  /**
   * Checks the URL and key against the collector, saves the connection and switches to it. A
   * connection with the same URL and key is reused (and takes the label, when one is given). {@code
   * error} gets a message for the form.
   */
  public void connect(
      @Nullable String url,
      @Nullable String apiKey,
      @Nullable String label,
      Runnable done,
      Consumer<String> error) {
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
          Connection existing =
              saved.stream()
                  .filter(c -> c.url().equals(cleanUrl) && c.apiKey().equals(cleanKey))
                  .findFirst()
                  .orElse(null);
          Connection updated =
              new Connection(
                      existing == null ? UUID.randomUUID().toString() : existing.id(),
                      cleanUrl,
                      cleanKey,
                      workspace.name(),
                      existing == null ? null : existing.label())
                  .withLabel(
                      label == null || label.isBlank()
                          ? existing == null ? null : existing.label()
                          : label);
          replace(existing, updated);
          selected.set(updated);
          done.run();
        },
        failure -> error.accept(keyProblem(failure, cleanUrl)));
  }

  /** Gives a connection the user's own name; blank removes it. */
  public void rename(Connection connection, @Nullable String label) {
    Connection renamed = connection.withLabel(label);
    boolean wasSelected = isSelected(connection);
    replace(connection, renamed);
    if (wasSelected) {
      // Same collector, key and store: only the name changed, the session stays open.
      selectQuietly(renamed);
    }
  }

  /**
   * Replaces the key of a connection (the old one was revoked or replaced) after checking it: the
   * connection keeps its label and its local copy. A key of another workspace is refused, since the
   * local copy would mix two clients' data. {@code error} gets a message for the key field.
   */
  public void rekey(
      Connection connection, @Nullable String apiKey, Runnable done, Consumer<String> error) {
    String cleanKey = apiKey == null ? "" : apiKey.strip();
    if (cleanKey.isEmpty()) {
      error.accept("Enter the new API key of this workspace.");
      return;
    }
    background.run(
        "Check the new key",
        () -> new LinkscopeClient(connection.url(), cleanKey).workspace(),
        (WorkspaceView workspace) -> {
          if (!workspace.name().equals(connection.workspaceName())) {
            error.accept(
                "This key belongs to the workspace \""
                    + workspace.name()
                    + "\", not \""
                    + connection.workspaceName()
                    + "\". Add it with Connect… as a connection of its own.");
            return;
          }
          Connection rekeyed = connection.withKey(cleanKey, workspace.name());
          boolean wasSelected = isSelected(connection);
          replace(connection, rekeyed);
          if (wasSelected) {
            // A new session with the new key, on the same local copy.
            selected.set(rekeyed);
          }
          done.run();
        },
        failure -> error.accept(keyProblem(failure, connection.url())));
  }

  /** Forgets a connection and deletes its offline copy; another saved one opens if it was open. */
  public void remove(Connection connection) {
    if (isSelected(connection)) {
      selected.set(null);
    }
    List<Connection> all = new ArrayList<>(saved);
    all.removeIf(c -> c.id().equals(connection.id()));
    connections.save(all);
    saved.setAll(all);
    Path store = connections.storeFile(connection);
    try {
      for (String suffix : List.of("", "-wal", "-shm")) {
        Files.deleteIfExists(store.resolveSibling(store.getFileName() + suffix));
      }
    } catch (IOException e) {
      notifier.error(
          "The local copy was not deleted",
          "The connection is removed, but its local copy "
              + store
              + " could not be deleted ("
              + e.getMessage()
              + "). Delete the file by hand to free the space.");
    }
    if (selected.get() == null && !all.isEmpty()) {
      selected.set(all.getFirst());
    }
  }

  private void replace(@Nullable Connection old, Connection updated) {
    List<Connection> all = new ArrayList<>(saved);
    int at = old == null ? -1 : indexOf(all, old.id());
    if (at >= 0) {
      all.set(at, updated);
    } else {
      all.add(updated);
    }
    connections.save(all);
    saved.setAll(all);
  }

  // A rename changes the selected connection's record but not what is open.
  private @Nullable Connection quietTarget;

  private void selectQuietly(Connection renamed) {
    quietTarget = renamed;
    try {
      selected.set(renamed);
    } finally {
      quietTarget = null;
    }
  }

  private boolean isSelected(Connection connection) {
    Connection open = selected.get();
    return open != null && open.id().equals(connection.id());
  }

  private static int indexOf(List<Connection> all, String id) {
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  private static String keyProblem(Throwable failure, String url) {
    if (failure instanceof ApiException api && api.status() == 401) {
      return "The collector did not accept this API key. Check that it was copied whole and has"
          + " not been revoked.";
    }
    if (failure instanceof ApiException api) {
      return api.error().message();
    }
    return "Cannot reach " + url + ". Check the address and your network.";
  }

  private void open(@Nullable Connection connection) {
    Session previous = session.get();
    if (connection != null
        && previous != null
        && connection.equals(quietTarget)
        && previous.connection().id().equals(connection.id())) {
      return;
    }
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
          Session opened = new Session(connection, store, background, clock, zone, notifier);
          session.set(opened);
          opened.sync();
        },
        failure -> {
          selected.set(null);
          LOG.warn("Cannot open the local copy of {}", connection, failure);
          notifier.error(
              "Cannot open " + connection.displayName(),
              "Its local copy on this computer ("
                  + connections.storeFile(connection)
                  + ") could not be opened. Free disk space or check that you may read and write"
                  + " the file, then choose the workspace again.");
        });
  }

  /** Closes the open session (the window is closing). */
  public void close() {
    Session open = session.get();
    if (open != null) {
      open.close();
    }
  }

  /** Holds notices until the window that shows them is loaded. */
  static final class Relay implements Notifier {
    private final List<Notice> waiting = new ArrayList<>();
    private @Nullable Notifier target;

    @Override
    public synchronized void show(Notice notice) {
      if (target != null) {
        target.show(notice);
      } else {
        waiting.add(notice);
      }
    }

    synchronized void attach(Notifier shown) {
      target = Objects.requireNonNull(shown);
      waiting.forEach(shown::show);
      waiting.clear();
    }
  }
}
