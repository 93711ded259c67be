package io.linkscope.desktop.ui;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.controls.Notification;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class FxNotifierTest {
  private StackPane root;
  private FxNotifier notifier;
  private final List<Notice> seen = new ArrayList<>();

  @Start
  void start(Stage stage) {
    root = new StackPane(new Label("screen"));
    notifier = new FxNotifier(root);
    notifier.addListener(seen::add);
    stage.setScene(new Scene(root, 640, 480));
    stage.show();
  }

  @Test
  void showsAConfirmationOverTheWindowAndHidesItAgain() throws InterruptedException {
    Thread.ofPlatform().start(() -> notifier.info("Copied https://l.example/a")).join();
    await("the confirmation is shown", () -> notifications().size() == 1);
    assertThat(onFx(() -> notifications().getFirst().getMessage()))
        .isEqualTo("Copied https://l.example/a");
    await("the confirmation is hidden again", () -> notifications().isEmpty());
    assertThat(seen).containsExactly(Notice.info("Copied https://l.example/a"));
  }

  @Test
  void showsAnErrorAsADialogOwnedByTheWindow() {
    notifier.error("Cannot save the link", "The slug \"a b\" may not contain spaces.");
    await("the dialog is shown", () -> notifier.lastDialog() != null);
    Alert dialog = notifier.lastDialog();
    assertThat(onFx(dialog::isShowing)).isTrue();
    assertThat(onFx(dialog::getHeaderText)).isEqualTo("Cannot save the link");
    assertThat(onFx(dialog::getContentText)).contains("may not contain spaces");
    assertThat(onFx(() -> dialog.getOwner())).isSameAs(onFx(() -> root.getScene().getWindow()));
    assertThat(onFx(this::notifications)).isEmpty();
    onFx(dialog::close);
  }

  private List<Notification> notifications() {
    // Called on the FX thread.
    return root.getChildren().stream()
        .filter(Notification.class::isInstance)
        .map(Notification.class::cast)
        .toList();
  }
}
