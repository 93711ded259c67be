package io.linkscope.desktop.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.ui.Background;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bio pages against a real collector: edit, reorder, publish, then taps per widget after a sync.
 */
class PagesViewModelTest {
  @TempDir Path directory;

  @Test
  void buildsPublishesAndMeasuresABioPage() throws Exception {
    try (TestCollector collector = TestCollector.start(directory.resolve("collector"));
        Session session =
            new Session(
                new Connection("c", collector.baseUrl(), collector.adminKey(), "Default"),
                collector.client(),
                LocalStore.open(directory.resolve("store.sqlite")),
                Background.inline(),
                Clock.systemUTC())) {
      PagesViewModel pages = new PagesViewModel(session, java.time.ZoneOffset.UTC);

      pages.createPage("anna.roasts", "Anna's coffee corner");
      pages.addWidget("heading", "Shop", "");
      pages.addWidget("link", "Spring sale", "https://shop.example.com/spring");
      pages.addWidget("link", "Subscription", "https://shop.example.com/subscribe");
      pages.move(2, 1);
      pages.titleProperty().set("Anna's coffee corner ☕");
      pages.presetProperty().set("forest");
      pages.saveSettings();
      pages.togglePublished();

      BioPageView page = pages.pageProperty().get();
      assertThat(page.published()).isTrue();
      assertThat(page.title()).isEqualTo("Anna's coffee corner ☕");
      assertThat(page.theme().preset()).isEqualTo("forest");
      assertThat(pages.widgets())
          .extracting(PagesViewModel::label)
          .containsExactly("heading: Shop", "link: Subscription", "link: Spring sale");

      BioWidgetView subscription = pages.widgets().get(1);
      BioWidgetView social =
          collector
              .client()
              .addWidget(
                  page.id(),
                  BioWidgetInput.social(
                      List.of(
                          new BioSocialIcon("instagram", "https://instagram.com/anna"),
                          new BioSocialIcon("tiktok", "https://tiktok.com/@anna"))));
      get(collector, "/@anna.roasts");
      get(collector, "/@anna.roasts");
      get(collector, "/@anna.roasts/w/" + subscription.id());
      get(collector, "/@anna.roasts/w/" + social.id() + "/1");
      get(collector, "/@anna.roasts/w/" + social.id() + "/1");
      collector.awaitBacklogDrained(java.time.Duration.ofSeconds(30));
      session.sync();

      assertThat(pages.viewsProperty().get()).isEqualTo("2 page views in the last 30 days");
      assertThat(pages.taps())
          .filteredOn(t -> t.widgetId() == subscription.id())
          .singleElement()
          .satisfies(
              t -> {
                assertThat(t.taps()).isEqualTo(1);
                assertThat(t.rate()).isEqualTo(50.0);
              });
      pages.select(session.store().pages().getFirst());
      assertThat(pages.taps())
          .filteredOn(t -> t.widgetId() == social.id())
          .extracting(PagesViewModel.WidgetTaps::label, PagesViewModel.WidgetTaps::taps)
          .containsExactly(tuple("social: instagram", 0L), tuple("social: TikTok", 2L));
      assertThat(session.store().pages())
          .extracting(BioPageView::handle)
          .containsExactly("anna.roasts");
    }
  }

  @Test
  void refusesPageChangesWhileOffline() {
    Session session = Sessions.offlineWithSample(directory);
    PagesViewModel pages = new PagesViewModel(session, java.time.ZoneOffset.UTC);

    pages.createPage("offline", "Offline page");

    assertThat(pages.messageProperty().get()).startsWith("You are offline");
    session.close();
  }

  private static void get(TestCollector collector, String path) throws Exception {
    try (Response response =
        collector.send(
            collector
                .request(path)
                .header("X-Forwarded-For", "81.2.69.160")
                .header("User-Agent", io.linkscope.desktop.testsupport.Visits.IPHONE)
                .build())) {
      assertThat(response.code()).as(path).isIn(200, 302);
    }
  }
}
