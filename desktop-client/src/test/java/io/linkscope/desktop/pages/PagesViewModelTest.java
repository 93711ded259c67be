package io.linkscope.desktop.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.linkscope.api.ApiException;
import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioTheme;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.connection.Connection;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.ui.Background;
import io.linkscope.desktop.ui.Notice;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bio pages against a real collector: settings, every widget type, publishing, deleting, the
 * preview, and taps per widget after a sync.
 */
class PagesViewModelTest {
  @TempDir static Path collectorDirectory;
  @TempDir Path directory;

  private static TestCollector collector;
  private final List<Notice> notices = new ArrayList<>();
  private Session session;
  private PagesViewModel pages;

  @BeforeAll
  static void startCollector() throws Exception {
    collector = TestCollector.start(collectorDirectory);
  }

  @AfterAll
  static void stopCollector() {
    collector.close();
  }

  @BeforeEach
  void openSession() {
    session =
        new Session(
            new Connection("c", collector.baseUrl(), collector.adminKey(), "Default"),
            collector.client(),
            LocalStore.open(directory.resolve("store.sqlite")),
            Background.inline(),
            Clock.systemUTC());
    pages = new PagesViewModel(session, ZoneOffset.UTC, notices::add);
  }

  @AfterEach
  void closeSession() {
    session.close();
  }

  @Test
  void buildsPublishesAndMeasuresABioPage() throws Exception {
    create("anna.roasts", "Anna's coffee corner");
    addWidget("heading", w -> w.titleProperty().set("Shop"));
    addWidget(
        "link",
        w -> {
          w.titleProperty().set("Spring sale");
          w.urlProperty().set("https://shop.example.com/spring");
        });
    addWidget(
        "link",
        w -> {
          w.titleProperty().set("Subscription");
          w.urlProperty().set("https://shop.example.com/subscribe");
        });
    pages.move(2, 1);
    pages.settings().field("title").set("Anna's coffee corner ☕");
    pages.settings().field("theme.preset").set("forest");
    pages.saveSettings();
    pages.togglePublished();

    BioPageView page = pages.pageProperty().get();
    assertThat(page.published()).isTrue();
    assertThat(page.title()).isEqualTo("Anna's coffee corner ☕");
    assertThat(page.theme().preset()).isEqualTo("forest");
    assertThat(pages.widgets())
        .extracting(WidgetLabels::label)
        .containsExactly("Heading: Shop", "Link: Subscription", "Link: Spring sale");
    assertThat(notices)
        .filteredOn(n -> n.level() == Notice.Level.INFO)
        .extracting(Notice::message)
        .contains(
            "Saved Anna's coffee corner ☕.", "Published: visitors can open " + page.publicUrl());

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
    get("/@anna.roasts");
    get("/@anna.roasts");
    get("/@anna.roasts/w/" + subscription.id());
    get("/@anna.roasts/w/" + social.id() + "/1");
    get("/@anna.roasts/w/" + social.id() + "/1");
    collector.awaitBacklogDrained(Duration.ofSeconds(30));
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
    assertThat(pages.taps())
        .filteredOn(t -> t.widgetId() == social.id())
        .extracting(PagesViewModel.WidgetTaps::label, PagesViewModel.WidgetTaps::taps)
        .containsExactly(tuple("Social icons: Instagram", 0L), tuple("Social icons: TikTok", 2L));
    assertThat(pages.widgets())
        .filteredOn(w -> w.id() == social.id())
        .extracting(WidgetLabels::label)
        .containsExactly("Social icons: Instagram @anna · TikTok @anna");
  }

  @Test
  void savingTheTitleKeepsEveryValueOfACustomTheme() {
    BioTheme custom =
        new BioTheme(
            "midnight", "#101828", "#1d2939", "#f9fafb", "#fde047", "#111827", "mono", "square");
    BioPageView created =
        collector
            .client()
            .createPage(
                BioPageInput.of("custom.theme", "Before")
                    .withTheme(custom)
                    .withDescription("Kept as it is")
                    .withAvatarUrl("https://cdn.example.com/avatar.png"));
    session.store().upsertPage(created);
    pages.reload();
    pages.select(
        session.store().pages().stream()
            .filter(p -> p.id() == created.id())
            .findFirst()
            .orElseThrow());

    pages.settings().field("title").set("After");
    pages.saveSettings();

    BioPageView stored = collector.client().page(created.id());
    assertThat(stored.title()).isEqualTo("After");
    assertThat(stored.theme()).isEqualTo(custom);
    assertThat(stored.description()).isEqualTo("Kept as it is");
    assertThat(stored.avatarUrl()).isEqualTo("https://cdn.example.com/avatar.png");
    assertThat(pages.settings().field("theme.font").get()).isEqualTo("mono");
    assertThat(pages.settings().changedProperty().get()).isFalse();
  }

  @Test
  void changingOneColourSendsOnlyThatColour() {
    create("one.colour", "One colour");
    pages.settings().field("theme.button").set("#1e3a8a");
    pages.settings().field("theme.buttonText").set("#ffffff");

    assertThat(pages.settings().patch().toString())
        .isEqualTo("{\"theme\":{\"button\":\"#1e3a8a\",\"buttonText\":\"#ffffff\"}}");
    pages.saveSettings();

    BioTheme theme = collector.client().page(pages.pageProperty().get().id()).theme();
    assertThat(theme.preset()).isEqualTo("daylight");
    assertThat(theme.button()).isEqualTo("#1e3a8a");
    assertThat(theme.background()).isEqualTo("#f6f3ee");
  }

  @Test
  void choosingAPresetShowsItsValuesAndChoosingTheSavedOneAgainShowsTheSavedValues() {
    create("presets", "Presets");
    PageSettingsViewModel settings = pages.settings();
    settings.field("theme.button").set("#1e3a8a");

    settings.field("theme.preset").set("midnight");
    assertThat(settings.field("theme.background").get()).isEqualTo("#0b1022");
    assertThat(settings.field("theme.button").get()).isEqualTo("#5b4fe0");
    assertThat(settings.patch().getAsJsonObject("theme").get("preset").getAsString())
        .isEqualTo("midnight");

    settings.field("theme.preset").set("daylight");
    assertThat(settings.field("theme.background").get()).isEqualTo("#f6f3ee");
    assertThat(settings.field("theme.button").get()).isEqualTo("#ffffff");
    assertThat(settings.changedProperty().get()).isFalse();
  }

  @Test
  void showsTheCollectorsContrastVerdictWhileColoursArePicked() {
    create("contrast", "Contrast");
    PageSettingsViewModel settings = pages.settings();
    assertThat(settings.readableProperty().get()).isTrue();
    assertThat(settings.contrastProperty().get()).startsWith("Readable: text ");

    settings.field("theme.text").set("#777777");
    settings.field("theme.background").set("#888888");

    assertThat(settings.readableProperty().get()).isFalse();
    String refusal =
        assertThatThrownBy(
                () ->
                    collector
                        .client()
                        .updatePage(pages.pageProperty().get().id(), settings.patch()))
            .isInstanceOf(ApiException.class)
            .actual()
            .getMessage();
    String collectorSays = refusal.substring(refusal.indexOf("#777777"));
    assertThat(settings.contrastProperty().get()).contains(collectorSays);

    int before = notices.size();
    pages.saveSettings();
    assertThat(notices).hasSize(before);
    assertThat(collector.client().page(pages.pageProperty().get().id()).theme().text())
        .isEqualTo("#1f1a17");

    settings.field("theme.text").set("#111111");
    assertThat(settings.readableProperty().get()).isTrue();

    // What the collector says about the theme is shown under the theme, whichever field it names.
    assertThat(settings.show(FieldProblem.parse("Field 'theme.font': must be one of mono.").get()))
        .isTrue();
    assertThat(settings.themeErrorProperty().get()).isEqualTo("Must be one of mono.");
    settings.load(pages.pageProperty().get());
    assertThat(settings.themeErrorProperty().get()).isEmpty();
  }

  @Test
  void showsAProblemOfAPageFieldNextToIt() {
    create("bad.avatar", "Avatar");
    pages.settings().field("avatarUrl").set("ftp://files.example.com/a.png");
    pages.saveSettings();
    assertThat(pages.settings().error("avatarUrl").get()).startsWith("Start the URL with https://");

    pages.settings().field("avatarUrl").set("https://files.example.com/a.png");
    assertThat(pages.settings().error("avatarUrl").get()).isEmpty();
    pages.settings().field("seoTitle").set("Anna – coffee in Berlin");
    pages.settings().field("seoDescription").set("Single origins, roasted weekly.");
    pages.settings().field("ogImageUrl").set("https://files.example.com/share.png");
    pages.saveSettings();

    BioPageView stored = collector.client().page(pages.pageProperty().get().id());
    assertThat(stored.avatarUrl()).isEqualTo("https://files.example.com/a.png");
    assertThat(stored.seoTitle()).isEqualTo("Anna – coffee in Berlin");
    assertThat(stored.seoDescription()).isEqualTo("Single origins, roasted weekly.");
    assertThat(stored.ogImageUrl()).isEqualTo("https://files.example.com/share.png");
  }

  @Test
  void movesAPageToAnotherHandleAndDomain() {
    create("old.handle", "Moving");
    pages.settings().field("handle").set("new handle");
    pages.saveSettings();
    assertThat(pages.settings().error("handle").get()).startsWith("Use 1–30 letters");

    pages.settings().field("handle").set("new.handle");
    pages.settings().field("domain").set("links.client.example");
    assertThat(pages.settings().patch().toString())
        .isEqualTo("{\"handle\":\"new.handle\",\"domain\":\"links.client.example\"}");
    pages.saveSettings();

    BioPageView stored = collector.client().page(pages.pageProperty().get().id());
    assertThat(stored.handle()).isEqualTo("new.handle");
    assertThat(stored.publicUrl()).contains("links.client.example").endsWith("/@new.handle");
    assertThat(pages.pageProperty().get().publicUrl()).isEqualTo(stored.publicUrl());
  }

  @Test
  void addsAndEditsEveryWidgetType() {
    create("every.widget", "Every widget");
    addWidget(
        "link",
        w -> {
          w.titleProperty().set("Shop");
          w.urlProperty().set("https://shop.example.com");
          w.imageUrlProperty().set("https://cdn.example.com/thumb.png");
        });
    addWidget(
        "social",
        w -> {
          w.icons().getFirst().urlProperty().set("https://instagram.com/anna");
          w.addIcon();
          w.icons().get(1).urlProperty().set("https://www.tiktok.com/@anna.roasts");
        });
    addWidget("heading", w -> w.titleProperty().set("About us"));
    addWidget("text", w -> w.textProperty().set("Roasted in Berlin since 2012.\nOpen daily."));
    addWidget(
        "image",
        w -> {
          w.imageUrlProperty().set("https://cdn.example.com/shop.jpg");
          w.titleProperty().set("Our shop in Mitte");
        });
    addWidget(
        "video",
        w -> {
          w.urlProperty().set("https://youtu.be/dQw4w9WgXcQ");
          w.titleProperty().set("How we roast");
        });
    addWidget("divider", w -> {});
    addWidget("email", w -> w.urlProperty().set("mailto:hello@example.com"));

    assertThat(pages.widgets())
        .extracting(WidgetLabels::label)
        .containsExactly(
            "Link: Shop",
            "Social icons: Instagram @anna · TikTok @anna.roasts",
            "Heading: About us",
            "Text: Roasted in Berlin since 2012. …",
            "Image: Our shop in Mitte",
            "Video: How we roast",
            "Divider: A line between widgets",
            "Email button: Email me → hello@example.com");
    assertThat(pages.widgets())
        .extracting(WidgetLabels::detail)
        .element(0)
        .isEqualTo("shop.example.com");

    for (BioWidgetView widget : List.copyOf(pages.widgets())) {
      WidgetEditorViewModel editor = pages.widgetEditor(widget);
      switch (widget.type()) {
        case "social" -> editor.icons().remove(1);
        case "text" -> editor.textProperty().set("Changed text");
        case "divider" -> {}
        case "email" -> editor.titleProperty().set("Write to us");
        default -> editor.titleProperty().set("Changed " + widget.type());
      }
      save(editor);
    }
    BioPageView stored = collector.client().page(pages.pageProperty().get().id());
    assertThat(stored.widgets())
        .extracting(WidgetLabels::label)
        .containsExactly(
            "Link: Changed link",
            "Social icons: Instagram @anna",
            "Heading: Changed heading",
            "Text: Changed text",
            "Image: Changed image",
            "Video: Changed video",
            "Divider: A line between widgets",
            "Email button: Write to us → hello@example.com");
    assertThat(stored.widgets().getFirst().imageUrl())
        .isEqualTo("https://cdn.example.com/thumb.png");
  }

  @Test
  void aWidgetTheCollectorRefusesKeepsItsInputAndShowsTheErrorBesideTheField() {
    create("refused", "Refused");
    WidgetEditorViewModel editor = pages.widgetEditor(null);
    editor.typeProperty().set("video");
    editor.titleProperty().set("Our roastery tour");
    // A YouTube address without a valid video id: only the collector can tell.
    editor.urlProperty().set("https://www.youtube.com/watch?v=short");
    List<BioPageView> saved = new ArrayList<>();

    editor.save(saved::add);

    assertThat(saved).isEmpty();
    assertThat(editor.urlErrorProperty().get())
        .isEqualTo("The URL must be a YouTube or Vimeo video URL, e.g. https://youtu.be/<id>.");
    assertThat(editor.titleProperty().get()).isEqualTo("Our roastery tour");
    assertThat(editor.urlProperty().get()).isEqualTo("https://www.youtube.com/watch?v=short");
    assertThat(notices).filteredOn(n -> n.level() == Notice.Level.ERROR).isEmpty();

    editor.urlProperty().set("shop.example.com/tour");
    assertThat(editor.urlErrorProperty().get()).isNotEmpty();
    editor.urlProperty().set("https://youtu.be/dQw4w9WgXcQ");
    assertThat(editor.urlErrorProperty().get()).isEmpty();
    editor.save(saved::add);
    assertThat(saved).singleElement().extracting(p -> p.widgets().size()).isEqualTo(1);
  }

  @Test
  void checksAWidgetBeforeSendingIt() {
    create("checked", "Checked");
    WidgetEditorViewModel editor = pages.widgetEditor(null);
    editor.titleProperty().set("Spring sale");
    editor.urlProperty().set("shop.example.com/spring");
    List<BioPageView> saved = new ArrayList<>();

    editor.save(saved::add);

    assertThat(saved).isEmpty();
    assertThat(editor.urlErrorProperty().get())
        .isEqualTo("Start the URL with https:// or http://.");
    editor.urlProperty().set("https://shop.example.com/spring");
    assertThat(editor.urlErrorProperty().get()).isEmpty();

    editor.typeProperty().set("social");
    editor.icons().getFirst().urlProperty().set("instagram.com/anna");
    editor.save(saved::add);
    assertThat(editor.iconsErrorProperty().get()).startsWith("Instagram: ");
    editor.icons().getFirst().urlProperty().set("https://instagram.com/anna");
    assertThat(editor.iconsErrorProperty().get()).isEmpty();
  }

  @Test
  void aNewPageWithATakenHandleKeepsTheFormAndSaysSoBesideTheHandle() {
    create("taken", "First");
    NewPageViewModel form = pages.newPage();
    form.handleProperty().set("taken");
    form.titleProperty().set("Second");
    List<BioPageView> created = new ArrayList<>();

    form.create(created::add);

    assertThat(created).isEmpty();
    assertThat(form.handleErrorProperty().get()).containsIgnoringCase("handle");
    assertThat(form.titleProperty().get()).isEqualTo("Second");
    form.handleProperty().set("taken-too");
    assertThat(form.handleErrorProperty().get()).isEmpty();
    form.create(created::add);
    assertThat(created).singleElement().extracting(BioPageView::handle).isEqualTo("taken-too");
  }

  @Test
  void deletesAPage() {
    create("to.delete", "To delete");
    long id = pages.pageProperty().get().id();

    pages.deletePage();

    assertThatThrownBy(() -> collector.client().page(id))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(session.store().pages()).noneMatch(p -> p.id() == id);
    assertThat(pages.pages()).noneMatch(p -> p.id() == id);
    assertThat(notices)
        .extracting(Notice::message)
        .contains("Deleted " + collector.baseUrl().replaceFirst("/+$", "") + "/@to.delete.");
  }

  @Test
  void showsThePreviewAndRefreshesItAfterASave() {
    create("preview", "Before the save");
    assertThat(pages.previewProperty().get()).contains("Before the save");

    pages.settings().field("title").set("After the save");
    pages.saveSettings();

    assertThat(pages.previewProperty().get()).contains("After the save");
    assertThat(pages.previewStatusProperty().get()).isEmpty();
  }

  @Test
  void disablesChangesWhileOfflineAndSaysWhy() {
    Session offline = Sessions.offlineWithSample(directory.resolve("offline"));
    List<Notice> seen = new ArrayList<>();
    PagesViewModel offlinePages = new PagesViewModel(offline, ZoneOffset.UTC, seen::add);
    offlinePages.select(io.linkscope.desktop.testsupport.SampleWorkspace.page());

    assertThat(offlinePages.changesDisabled().get()).isTrue();
    assertThat(offlinePages.offlineReasonProperty().get()).startsWith("You are offline: 127.0.0.1");
    assertThat(offlinePages.previewStatusProperty().get())
        .isEqualTo("No preview while offline: the collector renders it.");

    NewPageViewModel form = offlinePages.newPage();
    form.handleProperty().set("offline");
    form.titleProperty().set("Offline page");
    form.create(page -> {});
    assertThat(seen)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.level()).isEqualTo(Notice.Level.ERROR);
              assertThat(n.message()).startsWith("You are offline");
            });
    assertThat(form.handleProperty().get()).isEqualTo("offline");
    offline.close();
  }

  private void create(String handle, String title) {
    NewPageViewModel form = pages.newPage();
    form.handleProperty().set(handle);
    form.titleProperty().set(title);
    form.create(pages::showSaved);
    assertThat(pages.pageProperty().get()).extracting(BioPageView::handle).isEqualTo(handle);
  }

  private void addWidget(String type, java.util.function.Consumer<WidgetEditorViewModel> fill) {
    WidgetEditorViewModel editor = pages.widgetEditor(null);
    editor.typeProperty().set(type);
    fill.accept(editor);
    save(editor);
  }

  private void save(WidgetEditorViewModel editor) {
    List<BioPageView> saved = new ArrayList<>();
    editor.save(saved::add);
    assertThat(saved).as("saved %s; notices %s", editor.typeProperty().get(), notices).hasSize(1);
    pages.showSaved(saved.getFirst());
  }

  private static void get(String path) throws Exception {
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
