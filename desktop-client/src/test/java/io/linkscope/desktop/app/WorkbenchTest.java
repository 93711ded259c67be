package io.linkscope.desktop.app;

import static io.linkscope.desktop.testsupport.Screens.await;
import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.app.Workbench.Screen;
import io.linkscope.desktop.connection.ConnectionStore;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.ui.FxBackground;
import io.linkscope.desktop.ui.Notice;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;

/**
 * The screens of an open workspace on a made-up local copy (offline): a start that shows the
 * dashboard leaves the link analytics model unmade, since making it reads every link of the
 * workspace; the analytics screen makes it when first opened and then lists the links.
 */
@ExtendWith(ApplicationExtension.class)
class WorkbenchTest {
  @TempDir Path home;
  private final List<Notice> notices = new ArrayList<>();
  private MainViewModel model;

  @AfterEach
  void close() {
    if (model != null) {
      onFx(model::close);
    }
  }

  @Test
  void theLinkAnalyticsModelIsMadeWhenAnalyticsIsFirstOpenedNotWithTheDashboard() {
    SyntheticStore.write(home, 12, 20);
    model =
        new MainViewModel(
            new ConnectionStore(home),
            new FxBackground(),
            Clock.fixed(SyntheticStore.NOW, ZoneOffset.UTC),
            notices::add);
    onFx(model::start);
    await("the workspace is open", () -> model.sessionProperty().get() != null);
    Session session = Objects.requireNonNull(model.sessionProperty().get());
    AtomicBoolean dashboardReady = new AtomicBoolean();
    Workbench workbench =
        onFx(
            () ->
                new Workbench(
                    session,
                    ZoneOffset.UTC,
                    notices::add,
                    url -> {},
                    link -> {},
                    () -> dashboardReady.set(true)));
    await("the dashboard has its numbers", dashboardReady::get);
    onFx(() -> workbench.page(Screen.DASHBOARD));
    assertThat(onFx(workbench::analyticsMade)).isFalse();

    onFx(() -> workbench.page(Screen.ANALYTICS));
    assertThat(onFx(workbench::analyticsMade)).isTrue();
    await("the links to choose from are listed", () -> workbench.analytics().links().size() == 12);
    List<LinkView> links = onFx(() -> List.copyOf(workbench.analytics().links()));
    assertThat(links).extracting(LinkView::id).doesNotHaveDuplicates();
    assertThat(notices).isEmpty();
  }
}
