package io.linkscope.desktop.links;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.ui.FxBackground;
import io.linkscope.desktop.ui.FxNotifier;
import io.linkscope.desktop.ui.Notice;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import javafx.stage.Window;
import javax.imageio.ImageIO;

/**
 * The links screen alone in a window, as the app shows it: its view model on a real session, the
 * window's notifier over it, and what it asked to open (browser, analytics) recorded.
 */
final class LinksScreen implements AutoCloseable {
  final Stage stage;
  final Session session;
  final LinksViewModel model;
  final LinksView view;
  final List<Notice> notices = new CopyOnWriteArrayList<>();
  final List<String> browsed = new CopyOnWriteArrayList<>();
  final List<LinkView> analysed = new CopyOnWriteArrayList<>();
  private FxNotifier notifier;

  private LinksScreen(Stage stage, Session session) {
    this.stage = stage;
    this.session = session;
    this.model = new LinksViewModel(session, notice -> notifier.show(notice));
    this.view = new LinksView(model, ZoneOffset.UTC, analysed::add, browsed::add);
  }

  /** Opens the screen on the collector at {@code url} with a store in {@code directory}. */
  static LinksScreen open(Stage stage, Path directory, String url, String key, int w, int h) {
    Connection connection = new Connection("test", url, key, "Acme Coffee Roasters");
    Session session =
        new Session(
            connection,
            new LinkscopeClient(url, key),
            LocalStore.open(directory.resolve("store.sqlite")),
            new FxBackground(),
            Clock.systemUTC());
    LinksScreen screen = new LinksScreen(stage, session);
    onFx(
        () -> {
          StackPane root = new StackPane(screen.view.load());
          screen.notifier = new FxNotifier(root);
          screen.notifier.addListener(screen.notices::add);
          Scene scene = new Scene(root, w, h);
          scene
              .getStylesheets()
              .add(
                  Objects.requireNonNull(
                          io.linkscope.desktop.app.DesktopApp.class.getResource("app.css"))
                      .toExternalForm());
          stage.setScene(scene);
          stage.setX(0);
          stage.setY(0);
          stage.setWidth(w);
          stage.setHeight(h);
          stage.show();
          stage.toFront();
          screen.model.reload();
        });
    return screen;
  }

  /** The sample workspace's links with a collector that cannot be reached, found offline. */
  static LinksScreen offline(Stage stage, Path directory, int w, int h) {
    SampleWorkspace.copyTo(directory.resolve("store.sqlite"));
    LinksScreen screen = open(stage, directory, "http://127.0.0.1:9", "lsk_unused", w, h);
    onFx(screen.session::sync);
    await("the collector is found unreachable", () -> !screen.session.onlineProperty().get());
    await("the links are listed", () -> screen.table().getItems().size() == 12);
    return screen;
  }

  Scene scene() {
    return stage.getScene();
  }

  @SuppressWarnings("unchecked")
  TableView<LinkView> table() {
    return (TableView<LinkView>) scene().lookup("#links-table");
  }

  /** Selects the link with this slug (on the FX thread). */
  void select(String slug) {
    onFx(
        () -> {
          ObservableList<LinkView> items = table().getItems();
          LinkView link =
              items.stream().filter(l -> l.slug().equals(slug)).findFirst().orElseThrow();
          table().getSelectionModel().clearAndSelect(items.indexOf(link));
          table().scrollTo(link);
        });
  }

  /** Selects the link with this slug and returns its row once it is drawn. */
  Node row(String slug) {
    select(slug);
    return drawn(slug);
  }

  /** The row of the link with this slug once it is drawn, leaving the selection as it is. */
  Node drawn(String slug) {
    await("the row of " + slug + " is drawn", () -> drawnRow(slug) != null);
    return onFx(() -> drawnRow(slug));
  }

  private Node drawnRow(String slug) {
    return table().lookupAll(".table-row-cell").stream()
        .filter(
            row ->
                row instanceof javafx.scene.control.TableRow<?> r
                    && r.isVisible()
                    && r.getItem() instanceof LinkView link
                    && link.slug().equals(slug))
        .findFirst()
        .orElse(null);
  }

  /** The node with this id in any showing window (dialogs, popups), or null; on the FX thread. */
  static Node find(String id) {
    return Window.getWindows().stream()
        .filter(window -> window.isShowing() && window.getScene() != null)
        .map(window -> window.getScene().lookup(id))
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  /** The window that shows the node with this id, or null; on the FX thread. */
  static Window windowOf(String id) {
    Node node = find(id);
    return node == null ? null : node.getScene().getWindow();
  }

  /**
   * Saves what the user sees: the window and, drawn over it where they stand, the dialogs and
   * popups it owns that are showing.
   */
  void saveAsSeen(Path file, Window... over) {
    BufferedImage out =
        onFx(
            () -> {
              BufferedImage image =
                  new BufferedImage(
                      (int) scene().getWidth(),
                      (int) scene().getHeight(),
                      BufferedImage.TYPE_INT_ARGB);
              paint(image, scene(), 0, 0);
              double originX = stage.getX() + scene().getX();
              double originY = stage.getY() + scene().getY();
              for (Window window : over) {
                double left = window.getX() + window.getScene().getX() - originX;
                double top = window.getY() + window.getScene().getY() - originY;
                if (!(window instanceof javafx.stage.PopupWindow)) {
                  // The frame a window manager draws around a dialog.
                  frame(image, left, top, window.getScene());
                }
                paint(image, window.getScene(), left, top);
              }
              return image;
            });
    try {
      Files.createDirectories(file.getParent());
      ImageIO.write(out, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void frame(BufferedImage image, double left, double top, Scene scene) {
    java.awt.Graphics2D g = image.createGraphics();
    try {
      int x = (int) Math.round(left);
      int y = (int) Math.round(top);
      int w = (int) scene.getWidth();
      int h = (int) scene.getHeight();
      for (int i = 6; i >= 1; i--) {
        g.setColor(new java.awt.Color(0, 0, 0, 10));
        g.fillRect(x - i, y - i + 2, w + 2 * i, h + 2 * i);
      }
      g.setColor(new java.awt.Color(0x9c, 0xa3, 0xaf));
      g.drawRect(x - 1, y - 1, w + 1, h + 1);
    } finally {
      g.dispose();
    }
  }

  private static void paint(BufferedImage image, Scene scene, double left, double top) {
    scene.getRoot().applyCss();
    scene.getRoot().layout();
    WritableImage shot = scene.snapshot(null);
    PixelReader pixels = shot.getPixelReader();
    int x0 = (int) Math.round(left);
    int y0 = (int) Math.round(top);
    for (int y = 0; y < (int) shot.getHeight(); y++) {
      for (int x = 0; x < (int) shot.getWidth(); x++) {
        int tx = x0 + x;
        int ty = y0 + y;
        int argb = pixels.getArgb(x, y);
        if (tx >= 0
            && ty >= 0
            && tx < image.getWidth()
            && ty < image.getHeight()
            && (argb >>> 24) != 0) {
          image.setRGB(tx, ty, argb);
        }
      }
    }
  }

  @Override
  public void close() {
    onFx(
        () -> {
          for (Window window : List.copyOf(Window.getWindows())) {
            if (window != stage && window instanceof Stage dialog) {
              dialog.close();
            } else if (window != stage) {
              window.hide();
            }
          }
        });
    session.close();
  }
}
