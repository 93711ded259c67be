package io.linkscope.desktop.ui;

import atlantafx.base.controls.Notification;
import atlantafx.base.theme.Styles;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.Window;
import javafx.util.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Shows notices in a window: confirmations as an AtlantaFX {@link Notification} in the top right
 * corner of {@code overlay} for three seconds, errors as a modal {@link Alert} owned by the window.
 * Every notice shown is also passed to the listeners (the window's tests read them).
 */
public final class FxNotifier implements Notifier {
  private static final Duration SHOWN_FOR = Duration.seconds(3);

  private final StackPane overlay;
  private final List<Consumer<Notice>> listeners = new ArrayList<>();
  private @Nullable Alert lastDialog;

  /** {@code overlay} is a stack pane over the whole window (the window's root). */
  public FxNotifier(StackPane overlay) {
    this.overlay = overlay;
  }

  @Override
  public void show(Notice notice) {
    if (Platform.isFxApplicationThread()) {
      display(notice);
    } else {
      Platform.runLater(() -> display(notice));
    }
  }

  /** Calls {@code listener} with every notice shown, on the JavaFX thread. */
  public void addListener(Consumer<Notice> listener) {
    listeners.add(listener);
  }

  /** The error dialog shown last, if any (for tests and screenshots). */
  public @Nullable Alert lastDialog() {
    return lastDialog;
  }

  private void display(Notice notice) {
    switch (notice.level()) {
      case INFO -> toast(notice.message());
      case ERROR -> dialog(notice);
    }
    listeners.forEach(listener -> listener.accept(notice));
  }

  private void toast(String message) {
    Notification toast = new Notification(message);
    toast.getStyleClass().addAll(Styles.ELEVATED_1, Styles.SUCCESS);
    toast.setMaxSize(360, Region.USE_PREF_SIZE);
    toast.setMouseTransparent(false);
    toast.setOnClose(event -> overlay.getChildren().remove(toast));
    StackPane.setAlignment(toast, Pos.TOP_RIGHT);
    StackPane.setMargin(toast, new Insets(56, 16, 0, 0));
    overlay.getChildren().add(toast);
    PauseTransition hide = new PauseTransition(SHOWN_FOR);
    hide.setOnFinished(event -> overlay.getChildren().remove(toast));
    hide.play();
  }

  private void dialog(Notice notice) {
    Alert alert = new Alert(Alert.AlertType.ERROR);
    Window owner = window(overlay);
    if (owner != null) {
      alert.initOwner(owner);
    }
    alert.setTitle(notice.title());
    alert.setHeaderText(notice.title());
    alert.setContentText(notice.message());
    alert.getDialogPane().setMinWidth(420);
    lastDialog = alert;
    alert.show();
  }

  private static @Nullable Window window(Node node) {
    return node.getScene() == null ? null : node.getScene().getWindow();
  }
}
