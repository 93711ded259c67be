package io.linkscope.collector.stats;

import static io.linkscope.collector.stats.StatsFixture.CURL;
import static io.linkscope.collector.stats.StatsFixture.DESKTOP_CHROME;
import static io.linkscope.collector.stats.StatsFixture.IPHONE_INSTAGRAM;
import static io.linkscope.collector.testsupport.TestGeoDatabase.BERLIN_IP;
import static io.linkscope.collector.testsupport.TestGeoDatabase.LONDON_IP;
import static io.linkscope.collector.testsupport.TestGeoDatabase.TOKYO_IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.api.bio.BioSocialIcon;
import io.linkscope.api.bio.BioWidgetInput;
import io.linkscope.api.bio.BioWidgetView;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.stats.Breakdown;
import io.linkscope.api.stats.BreakdownRow;
import io.linkscope.api.stats.CampaignReport;
import io.linkscope.api.stats.CostReport;
import io.linkscope.api.stats.Dimension;
import io.linkscope.api.stats.Heatmap;
import io.linkscope.api.stats.LinkCost;
import io.linkscope.api.stats.LinkReport;
import io.linkscope.api.stats.Orphans;
import io.linkscope.api.stats.Overview;
import io.linkscope.api.stats.PageReport;
import io.linkscope.api.stats.Series;
import io.linkscope.api.stats.SeriesPoint;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.api.stats.Summary;
import io.linkscope.api.stats.Totals;
import io.linkscope.api.stats.Velocity;
import io.linkscope.api.stats.VelocityPoint;
import io.linkscope.collector.click.ClickTarget;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TestCollector;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Statistics end to end: known visits at known instants (around the Berlin DST change of 29 March
 * 2026) through the real redirect and capture path, then exact numbers through the real client.
 */
class StatsApiTest {
  static final Instant FROM = Instant.parse("2026-03-28T00:00:00Z");
  static final Instant TO = Instant.parse("2026-03-31T00:00:00Z");

  @TempDir static Path directory;
  static TestCollector collector;
  static LinkscopeClient client;
  static LinkView spring;
  static LinkView other;
  static LinkView burst;
  static long workspaceId;
  static long pageId;
  static SettableClock clock;

  @BeforeAll
  static void start() throws Exception {
    clock = new SettableClock(Instant.parse("2026-03-01T00:00:00Z"));
    collector = TestCollector.start(directory, UnaryOperator.identity(), clock);
    client = collector.client();
    workspaceId = client.workspace().id();
    spring =
        client.createLink(
            LinkInput.to("https://shop.example.com/spring")
                .withSlug("spring")
                .withTags(List.of("spring")));
    other =
        client.createLink(
            LinkInput.to("https://shop.example.com/other")
                .withSlug("other")
                .withTags(List.of("spring")));
    burst = client.createLink(LinkInput.to("https://shop.example.com/burst").withSlug("burst"));
    // Two more links of the campaign nobody clicked, one of them deleted.
    client.createLink(
        LinkInput.to("https://shop.example.com/idle")
            .withSlug("spring-idle")
            .withTags(List.of("spring")));
    client.deleteLink(
        client
            .createLink(
                LinkInput.to("https://shop.example.com/gone")
                    .withSlug("spring-gone")
                    .withTags(List.of("spring")))
            .id());
    StatsFixture visits = new StatsFixture(collector, clock);
    visits.click("2026-03-20T09:00:00Z", "burst", "", LONDON_IP, DESKTOP_CHROME);
    for (int minute = 10; minute < 22; minute++) {
      visits.click("2026-03-20T10:" + minute + ":00Z", "burst", "", LONDON_IP, DESKTOP_CHROME);
    }
    String insta = "utm_source=instagram";
    // Berlin local times in comments; the clocks went forward at 01:00 UTC on 29 March.
    visits.click(
        "2026-03-28T22:30:00Z", "spring", insta, LONDON_IP, IPHONE_INSTAGRAM); // 28th 23:30
    visits.click(
        "2026-03-28T23:30:00Z", "spring", insta, LONDON_IP, IPHONE_INSTAGRAM); // 29th 00:30
    visits.click(
        "2026-03-29T00:30:00Z", "spring", insta, LONDON_IP, IPHONE_INSTAGRAM); // 29th 01:30
    visits.click("2026-03-29T01:30:00Z", "spring", "", BERLIN_IP, DESKTOP_CHROME); // 29th 03:30
    visits.click("2026-03-29T10:00:00Z", "spring", "", LONDON_IP, CURL); // a bot
    visits.click("2026-03-29T21:30:00Z", "spring", "", TOKYO_IP, DESKTOP_CHROME); // 29th 23:30
    visits.click("2026-03-29T22:30:00Z", "spring", "", BERLIN_IP, DESKTOP_CHROME); // 30th 00:30
    visits.click(
        "2026-03-30T12:00:00Z", "spring", "utm_source=newsletter", BERLIN_IP, IPHONE_INSTAGRAM);
    visits.click("2026-03-29T12:00:00Z", "other", "", TOKYO_IP, DESKTOP_CHROME);
    visits.click("2026-03-29T12:10:00Z", "other", "", TOKYO_IP, DESKTOP_CHROME);
    // A bio page of this workspace: three views by two visitors, three taps on two widgets.
    pageId = client.createPage(BioPageInput.of("stats-page", "Stats page")).id();
    ClickTarget view = ClickTarget.pageView(workspaceId, pageId);
    visits.capture("2026-03-29T08:00:00Z", view, LONDON_IP, IPHONE_INSTAGRAM);
    visits.capture("2026-03-29T09:00:00Z", view, LONDON_IP, IPHONE_INSTAGRAM);
    visits.capture("2026-03-29T09:30:00Z", view, BERLIN_IP, DESKTOP_CHROME);
    ClickTarget shop = ClickTarget.widgetTap(workspaceId, pageId, 5, "link", "Shop");
    visits.capture("2026-03-29T08:01:00Z", shop, LONDON_IP, IPHONE_INSTAGRAM);
    visits.capture("2026-03-29T09:01:00Z", shop, LONDON_IP, IPHONE_INSTAGRAM);
    visits.capture(
        "2026-03-29T09:31:00Z",
        ClickTarget.widgetTap(workspaceId, pageId, 6, "video", "Trailer <b>"),
        BERLIN_IP,
        DESKTOP_CHROME);
    visits.click("2026-03-29T11:00:00Z", "no-such-slug", "", LONDON_IP, DESKTOP_CHROME);
    visits.click("2026-03-29T11:05:00Z", "no-such-slug", "", BERLIN_IP, DESKTOP_CHROME);
    visits.click("2026-03-29T11:10:00Z", "gone", "", BERLIN_IP, DESKTOP_CHROME);
    visits.click("2026-03-29T11:15:00Z", "wp-login.php", "", TOKYO_IP, CURL);
    collector.awaitBacklogDrained(Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  static StatsQuery springQuery() {
    return StatsQuery.link(spring.id(), FROM, TO);
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          exclude, 7, 5
          include, 8, 6
          only,    1, 1
          """)
  void countsClicksAndDailyUniqueVisitorsWithTheBotSwitch(String bots, long clicks, long uniques) {
    Summary summary = client.statsSummary(springQuery().withBots(bots));
    assertThat(summary.current()).isEqualTo(new Totals(clicks, uniques));
    assertThat(summary.previous()).isEqualTo(new Totals(0, 0));
    assertThat(summary.clicksChange()).isNull();
  }

  @Test
  void countsLocalDaysOfBerlinAcrossTheSpringForwardChange() {
    // Dates are local days in the zone; the "to" date is included.
    Series days =
        client.get(
            "api/v1/stats/series",
            Map.of(
                "link", "" + spring.id(),
                "from", "2026-03-28",
                "to", "2026-03-30",
                "tz", "Europe/Berlin",
                "granularity", "day"),
            Series.class);
    assertThat(days.granularity()).isEqualTo("day");
    assertThat(days.points())
        .extracting(SeriesPoint::label, SeriesPoint::clicks, SeriesPoint::uniques)
        .containsExactly(
            tuple("2026-03-28", 1L, 1L), tuple("2026-03-29", 4L, 3L), tuple("2026-03-30", 2L, 1L));
    assertThat(days.points().get(1).start()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
    assertThat(days.points().get(2).start()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
    assertThat(days.previous()).hasSize(3).allMatch(p -> p.clicks() == 0);
  }

  @Test
  void countsUtcDaysInUtc() {
    Series days = client.statsSeries(springQuery(), "day");
    assertThat(days.points())
        .extracting(SeriesPoint::label, SeriesPoint::clicks, SeriesPoint::uniques)
        .containsExactly(
            tuple("2026-03-28", 2L, 1L), tuple("2026-03-29", 4L, 3L), tuple("2026-03-30", 1L, 1L));
  }

  @Test
  void placesClicksInTheLocalHourOfTheWeekWithoutTheSkippedHour() {
    Heatmap heatmap = client.statsHeatmap(springQuery().inZone("Europe/Berlin"));
    long[] sunday = heatmap.clicks()[6];
    assertThat(sunday[0]).isEqualTo(1); // 00:30 CET
    assertThat(sunday[1]).isEqualTo(1); // 01:30 CET
    assertThat(sunday[2]).isZero(); // 02:00-03:00 did not exist
    assertThat(sunday[3]).isEqualTo(1); // 03:30 CEST
    assertThat(sunday[23]).isEqualTo(1);
    assertThat(heatmap.clicks()[5][23]).isEqualTo(1); // Saturday 23:30 CET
    assertThat(heatmap.clicks()[0][0]).isEqualTo(1); // Monday 00:30 CEST
    assertThat(heatmap.clicks()[0][14]).isEqualTo(1); // Monday 14:00 CEST
  }

  @Test
  void breaksDownByCountryWithTopNAndOther() {
    Breakdown countries = client.statsBreakdown(springQuery(), Dimension.COUNTRY, 2);
    assertThat(countries.rows())
        .extracting(
            BreakdownRow::value, BreakdownRow::clicks, BreakdownRow::uniques, BreakdownRow::share)
        .containsExactly(tuple("DE", 3L, 2L, 0.4286), tuple("GB", 3L, 2L, 0.4286));
    assertThat(countries.other()).isEqualTo(new BreakdownRow("other", 1, 1, 0.1429));
    assertThat(countries.total()).isEqualTo(new Totals(7, 5));
  }

  @Test
  void reportsEveryBreakdownWithUnknownForMissingValues() {
    LinkReport report = client.statsReport(springQuery(), "day", 10);
    assertThat(report.summary().current()).isEqualTo(new Totals(7, 5));
    assertThat(report.breakdowns())
        .extracting(Breakdown::dimension)
        .containsExactlyElementsOf(Dim.ALL.stream().map(Dimension::wireName).toList());
    Breakdown utm = breakdownOf(report, "utm_source");
    assertThat(utm.rows())
        .extracting(BreakdownRow::value, BreakdownRow::clicks, BreakdownRow::uniques)
        .containsExactly(
            tuple("instagram", 3L, 2L), tuple("unknown", 3L, 2L), tuple("newsletter", 1L, 1L));
    assertThat(breakdownOf(report, "device").rows())
        .extracting(BreakdownRow::value, BreakdownRow::clicks)
        .containsExactly(tuple("mobile", 4L), tuple("desktop", 3L));
    assertThat(breakdownOf(report, "in_app").rows())
        .extracting(BreakdownRow::value, BreakdownRow::clicks)
        .containsExactly(tuple("Instagram", 4L), tuple("unknown", 3L));
    for (Breakdown breakdown : report.breakdowns()) {
      assertThat(breakdown.total()).as(breakdown.dimension()).isEqualTo(new Totals(7, 5));
    }
  }

  private static Breakdown breakdownOf(LinkReport report, String dimension) {
    return report.breakdowns().stream()
        .filter(b -> b.dimension().equals(dimension))
        .findFirst()
        .orElseThrow();
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          country=DE,                 3, 2
          country=DE&device=desktop,  2, 1
          country=GB&source=Instagram, 3, 2
          country=DE&source=Direct,   2, 1
          utm_source=instagram,       3, 2
          country=unknown,            0, 0
          in_app=Instagram&country=DE, 1, 1
          """)
  void filtersOnAnyCombinationOfDimensions(String filters, long clicks, long uniques) {
    StatsQuery query = springQuery();
    for (String filter : filters.split("&")) {
      String[] pair = filter.split("=");
      query = query.where(pair[0], pair[1]);
    }
    assertThat(client.statsSummary(query).current()).isEqualTo(new Totals(clicks, uniques));
    Breakdown devices = client.statsBreakdown(query, Dimension.DEVICE, 10);
    assertThat(devices.total()).isEqualTo(new Totals(clicks, uniques));
  }

  @Test
  void filteredAndUnfilteredQueriesAgreeOnTheSameClicks() {
    LinkReport all = client.statsReport(springQuery(), "day", 100);
    LinkReport mobile = client.statsReport(springQuery().where("device", "mobile"), "day", 100);
    Breakdown devices = breakdownOf(all, "device");
    BreakdownRow mobileRow =
        devices.rows().stream().filter(r -> r.value().equals("mobile")).findFirst().orElseThrow();
    assertThat(mobile.summary().current())
        .isEqualTo(new Totals(mobileRow.clicks(), mobileRow.uniques()));
  }

  @Test
  void comparesTheLinksOfACampaignSideBySide() {
    CampaignReport campaign = client.statsCampaign("spring", StatsQuery.workspace(FROM, TO));
    assertThat(campaign.total()).isEqualTo(new Totals(9, 6));
    assertThat(campaign.links())
        .extracting(
            CampaignReport.CampaignLink::slug,
            CampaignReport.CampaignLink::clicks,
            CampaignReport.CampaignLink::uniques,
            CampaignReport.CampaignLink::share)
        .containsExactly(
            tuple("spring", 7L, 5L, 0.7778),
            tuple("other", 2L, 1L, 0.2222),
            tuple("spring-idle", 0L, 0L, 0.0));
    assertThat(client.statsSummary(StatsQuery.tag("spring", FROM, TO)).current())
        .isEqualTo(new Totals(9, 6));
  }

  @Test
  void listsTheCampaignsLiveLinksWithoutClicksAfterTheBusyOnes() {
    CampaignReport quiet =
        client.statsCampaign(
            "spring",
            StatsQuery.workspace(
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-02T00:00:00Z")));
    assertThat(quiet.total()).isEqualTo(new Totals(0, 0));
    assertThat(quiet.links())
        .extracting(CampaignReport.CampaignLink::slug, CampaignReport.CampaignLink::clicks)
        .containsExactly(tuple("other", 0L), tuple("spring", 0L), tuple("spring-idle", 0L));
    CampaignReport germany =
        client.statsCampaign("spring", StatsQuery.workspace(FROM, TO).where("country", "DE"));
    assertThat(germany.links())
        .extracting(CampaignReport.CampaignLink::slug, CampaignReport.CampaignLink::clicks)
        .containsExactly(tuple("spring", 3L), tuple("other", 0L), tuple("spring-idle", 0L));
  }

  @Test
  void showsTheWorkspaceOverviewWithPageViews() {
    Overview overview = client.statsOverview(StatsQuery.workspace(FROM, TO), "day", 10);
    assertThat(overview.clicks().current()).isEqualTo(new Totals(9, 6));
    assertThat(overview.pageViews().current()).isEqualTo(new Totals(3, 2));
    assertThat(overview.topLinks())
        .extracting(Overview.TopLink::slug, Overview.TopLink::clicks)
        .containsExactly(tuple("spring", 7L), tuple("other", 2L));
    assertThat(overview.topCountries().rows())
        .extracting(BreakdownRow::value, BreakdownRow::clicks)
        .containsExactly(tuple("DE", 3L), tuple("GB", 3L), tuple("JP", 3L));
    assertThat(overview.trend().points())
        .extracting(SeriesPoint::clicks)
        .containsExactly(2L, 6L, 1L);
  }

  @Test
  void reportsPageViewsAndTapThroughPerWidget() {
    PageReport page = client.statsPage(pageId, StatsQuery.workspace(FROM, TO));
    assertThat(page.views().current()).isEqualTo(new Totals(3, 2));
    assertThat(page.widgets())
        .extracting(
            PageReport.WidgetStats::widgetId,
            PageReport.WidgetStats::type,
            PageReport.WidgetStats::title,
            PageReport.WidgetStats::taps,
            PageReport.WidgetStats::uniqueTaps,
            PageReport.WidgetStats::tapRate)
        .containsExactly(
            tuple(5L, "link", "Shop", 2L, 1L, 0.6667),
            tuple(6L, "video", "Trailer <b>", 1L, 1L, 0.3333));
    assertThat(page.breakdowns().getFirst().rows())
        .extracting(BreakdownRow::value, BreakdownRow::clicks)
        .containsExactly(tuple("GB", 2L), tuple("DE", 1L));
  }

  @Test
  void reportsEachIconOfASocialRowOnItsOwnRow() throws Exception {
    BioPageView page = client.createPage(BioPageInput.of("socials", "Socials"));
    BioWidgetView row =
        client.addWidget(
            page.id(),
            BioWidgetInput.social(
                List.of(
                    new BioSocialIcon("instagram", "https://instagram.com/mara"),
                    new BioSocialIcon("tiktok", "https://tiktok.com/@mara"))));
    client.publishPage(page.id());
    String icons = "/@socials/w/" + row.id() + "/";
    // One visitor taps Instagram twice and then TikTok; another taps TikTok.
    tap("2026-03-12T10:00:00Z", icons + 0, LONDON_IP);
    tap("2026-03-12T10:05:00Z", icons + 0, LONDON_IP);
    tap("2026-03-12T10:10:00Z", icons + 1, LONDON_IP);
    tap("2026-03-12T10:15:00Z", icons + 1, BERLIN_IP);
    collector.awaitBacklogDrained(Duration.ofSeconds(20));
    StatsQuery day =
        StatsQuery.workspace(
            Instant.parse("2026-03-12T00:00:00Z"), Instant.parse("2026-03-13T00:00:00Z"));
    StatsQuery hours =
        StatsQuery.workspace(
            Instant.parse("2026-03-12T09:00:00Z"), Instant.parse("2026-03-12T12:00:00Z"));
    // Whole days from the rollups, a few hours from the raw clicks: the same rows.
    for (StatsQuery range : List.of(day, hours)) {
      assertThat(client.statsPage(page.id(), range).widgets())
          .extracting(
              PageReport.WidgetStats::widgetId,
              PageReport.WidgetStats::type,
              PageReport.WidgetStats::title,
              PageReport.WidgetStats::platform,
              PageReport.WidgetStats::taps,
              PageReport.WidgetStats::uniqueTaps)
          .containsExactly(
              tuple(row.id(), "social", "Instagram", "instagram", 2L, 1L),
              tuple(row.id(), "social", "TikTok", "tiktok", 2L, 2L));
    }
    assertThat(client.statsPage(page.id(), day.where("country", "GB")).widgets())
        .extracting(PageReport.WidgetStats::title, PageReport.WidgetStats::taps)
        .containsExactly(tuple("Instagram", 2L), tuple("TikTok", 1L));
  }

  @Test
  void showsASocialRowsTapsFromBeforeIconsWereCountedApartAsAllIcons() throws Exception {
    long page = client.createPage(BioPageInput.of("older-socials", "Older socials")).id();
    long row =
        client
            .addWidget(
                page,
                BioWidgetInput.social(
                    List.of(new BioSocialIcon("tiktok", "https://tiktok.com/@older"))))
            .id();
    // What earlier versions kept of a social row: one cell per widget, titled by the last tap.
    try (java.sql.Connection c = collector.collector().database().connection();
        java.sql.Statement s = c.createStatement()) {
      s.executeUpdate(
          ("INSERT INTO rollup_day (scope, scope_id, kind, dim, period, value, workspace_id,"
                  + " clicks, uniques, bot_clicks, bot_uniques) VALUES (2, %d, 4, 100,"
                  + " '2026-03-05 00:00:00', '%d', %d, 3, 2, 0, 0)")
              .formatted(page, row, workspaceId));
      s.executeUpdate(
          ("INSERT INTO page_widget (page_id, widget_id, widget_type, widget_title)"
                  + " VALUES (%d, %d, 'social', 'TikTok')")
              .formatted(page, row));
    }
    StatsQuery fifth =
        StatsQuery.workspace(
            Instant.parse("2026-03-05T00:00:00Z"), Instant.parse("2026-03-06T00:00:00Z"));
    assertThat(client.statsPage(page, fifth).widgets())
        .extracting(
            PageReport.WidgetStats::title,
            PageReport.WidgetStats::platform,
            PageReport.WidgetStats::taps,
            PageReport.WidgetStats::uniqueTaps)
        .containsExactly(tuple("All icons", "", 3L, 2L));
  }

  private static void tap(String at, String path, String ip) throws Exception {
    clock.set(Instant.parse(at));
    try (Response response =
        collector.send(
            collector
                .request(path)
                .header("X-Forwarded-For", ip)
                .header("User-Agent", DESKTOP_CHROME)
                .build())) {
      assertThat(response.code()).isEqualTo(302);
    }
  }

  @Test
  void listsAndCountsOrphanVisits() {
    Orphans orphans = client.orphans(FROM, TO, 10);
    assertThat(orphans.total()).isEqualTo(3);
    assertThat(orphans.paths())
        .extracting(Orphans.OrphanPath::path, Orphans.OrphanPath::visits)
        .containsExactly(tuple("/no-such-slug", 2L), tuple("/gone", 1L));
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          exclude, 3, '/no-such-slug,/gone'
          include, 4, '/no-such-slug,/gone,/wp-login.php'
          only,    1, '/wp-login.php'
          """)
  void leavesBotsOutOfOrphanVisitsUnlessAskedFor(String bots, long total, String paths) {
    Orphans orphans =
        client.get(
            "api/v1/orphans",
            Map.of("from", FROM.toString(), "to", TO.toString(), "bots", bots),
            Orphans.class);
    assertThat(orphans.total()).isEqualTo(total);
    assertThat(orphans.paths())
        .extracting(Orphans.OrphanPath::path)
        .containsExactly(paths.split(","));
  }

  @Test
  void exportsRawClicksAsCsvWithoutAddresses() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    client.exportCsv("clicks", springQuery(), out);
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.getFirst()).startsWith("clicked_at,kind,link_id,page_id,widget_id,visitor");
    assertThat(lines).hasSize(8);
    assertThat(lines.get(1)).startsWith("2026-03-28T22:30:00Z,click," + spring.id() + ",,,");
    assertThat(lines.stream().filter(l -> l.contains(",GB,")).count()).isEqualTo(3);
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain(LONDON_IP, BERLIN_IP, TOKYO_IP);
  }

  @Test
  void exportsABreakdownAsCsv() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    client.exportCsv("breakdowns/country", springQuery(), out);
    assertThat(out.toString(StandardCharsets.UTF_8).lines().toList())
        .containsExactly(
            "country,clicks,uniques,share", "DE,3,2,0.4286", "GB,3,2,0.4286", "JP,1,1,0.1429");
  }

  @Test
  void flagsAnHourWithThreeTimesItsTrailingMeanAsASpike() throws Exception {
    Velocity velocity =
        client.statsVelocity(
            StatsQuery.link(
                spring.id(),
                Instant.parse("2026-03-29T00:00:00Z"),
                Instant.parse("2026-03-29T03:00:00Z")));
    assertThat(velocity.points()).extracting(VelocityPoint::clicks).containsExactly(1L, 1L, 0L);
    assertThat(velocity.points()).noneMatch(VelocityPoint::spike);
    assertThat(velocity.points().get(1).baseline()).isEqualTo(0.125);
    Velocity burst =
        client.statsVelocity(
            StatsQuery.link(
                StatsApiTest.burst.id(),
                Instant.parse("2026-03-20T09:00:00Z"),
                Instant.parse("2026-03-20T12:00:00Z")));
    assertThat(burst.points())
        .extracting(VelocityPoint::clicks, VelocityPoint::spike)
        .containsExactly(tuple(1L, false), tuple(12L, true), tuple(0L, false));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          api/v1/stats/breakdowns/colour          |                                        | 400 | unknown_dimension
          api/v1/stats/summary                    | colour=red                             | 400 | unknown_parameter
          api/v1/stats/summary                    | from=2026-03-02&to=2026-03-01          | 400 | invalid_parameter
          api/v1/stats/summary                    | tz=Mars/Olympus                        | 400 | invalid_parameter
          api/v1/stats/summary                    | from=1970-01-01                        | 400 | invalid_parameter
          api/v1/stats/summary                    | from=2010-01-01&to=2026-01-01          | 400 | invalid_parameter
          api/v1/stats/summary                    | from=yesterday                         | 400 | invalid_parameter
          api/v1/stats/series                     | granularity=minute                     | 400 | invalid_parameter
          api/v1/stats/series                     | granularity=hour&from=2025-01-01&to=2026-01-01 | 400 | invalid_parameter
          api/v1/stats/summary                    | bots=maybe                             | 400 | invalid_parameter
          api/v1/stats/summary                    | top=0                                  | 400 | invalid_parameter
          api/v1/stats/summary                    | link=abc                               | 400 | invalid_parameter
          api/v1/stats/summary                    | link=1&tag=x                           | 400 | invalid_scope
          api/v1/stats/summary                    | link=999999                            | 404 | not_found
          api/v1/stats/overview                   | link=1                                 | 400 | invalid_scope
          api/v1/sync/rollups                     | cursor=garbage                         | 400 | invalid_parameter
          api/v1/sync/rollups                     | cursor=999.1                           | 409 | cursor_expired
          api/v1/sync/links                       | cursor=x.y                             | 400 | invalid_parameter
          api/v1/export/clicks                    | country=                               | 400 | invalid_parameter
          api/v1/export/breakdowns/colour         |                                        | 400 | unknown_dimension
          """)
  void refusesBadParametersWithAClearClientError(
      String path, String query, int status, String error) throws Exception {
    try (Response response =
        collector.send(
            collector
                .request("/" + path + (query == null ? "" : "?" + query))
                .header("Authorization", "Bearer " + collector.adminKey())
                .build())) {
      assertThat(response.code()).isEqualTo(status);
      if (error != null) {
        assertThat(response.body().string()).contains("\"error\":\"" + error + "\"");
      }
    }
  }

  @Test
  void reportsClickThroughRateAndCostPerClickPerChannel() {
    LinkCost instagram =
        client.addLinkCost(
            spring.id(), cost("Instagram", "2026-03-28", "2026-03-30", 300, "30.00"));
    client.addLinkCost(spring.id(), cost("all", "2026-03-29", "2026-03-29", 100, "10.00"));
    try {
      CostReport costs = client.statsCosts(springQuery());
      assertThat(costs.channels())
          .extracting(
              CostReport.Row::channel,
              CostReport.Row::clicks,
              CostReport.Row::impressions,
              CostReport.Row::ctr,
              CostReport.Row::costPerClick)
          .containsExactly(
              tuple("instagram", 4L, 300L, 0.0133, new BigDecimal("7.50")),
              tuple("all", 3L, 100L, 0.03, new BigDecimal("3.33")));
      assertThat(costs.total())
          .isEqualTo(
              new CostReport.Row(
                  "total", 400, new BigDecimal("40.00"), "EUR", 7, 0.0175, new BigDecimal("5.71")));
      CostReport oneDay =
          client.statsCosts(
              StatsQuery.link(
                  spring.id(),
                  Instant.parse("2026-03-29T00:00:00Z"),
                  Instant.parse("2026-03-30T00:00:00Z")));
      assertThat(oneDay.channels().getFirst())
          .isEqualTo(
              new CostReport.Row(
                  "instagram",
                  100,
                  new BigDecimal("10.00"),
                  "EUR",
                  1,
                  0.01,
                  new BigDecimal("10.00")));
      assertThat(client.linkCosts(spring.id())).hasSize(2).first().isEqualTo(instagram);
    } finally {
      client.linkCosts(spring.id()).forEach(cost -> client.deleteLinkCost(spring.id(), cost.id()));
    }
  }

  @Test
  void countsEachClickUnderOneCostEntryWhereEntriesOverlap() {
    List<LinkCost> entries =
        List.of(
            cost("Instagram", "2026-03-28", "2026-03-30", 300, "30.00"),
            cost("instagram", "2026-03-29", "2026-03-29", 50, "5.00"),
            cost("all", "2026-03-28", "2026-03-30", 700, "70.00"));
    entries.forEach(entry -> client.addLinkCost(spring.id(), entry));
    try {
      CostReport costs = client.statsCosts(springQuery());
      // Instagram's clicks once, though two of its entries cover the 29th; 'all' gets the rest.
      assertThat(costs.channels())
          .extracting(
              CostReport.Row::channel,
              CostReport.Row::clicks,
              CostReport.Row::impressions,
              CostReport.Row::spend)
          .containsExactly(
              tuple("instagram", 4L, 350L, new BigDecimal("35.00")),
              tuple("all", 3L, 700L, new BigDecimal("70.00")));
      assertThat(costs.total().clicks())
          .isEqualTo(client.statsSummary(springQuery()).current().clicks())
          .isEqualTo(7);
      assertThat(costs.total().costPerClick()).isEqualTo(new BigDecimal("15.00"));
    } finally {
      client.linkCosts(spring.id()).forEach(cost -> client.deleteLinkCost(spring.id(), cost.id()));
    }
  }

  @Test
  void marksSpendInSeveralCurrenciesAsMixedAndLeavesTheTotalWithoutSpend() {
    List<LinkCost> entries =
        List.of(
            cost("Instagram", "2026-03-28", "2026-03-30", 300, "30.00"),
            cost("instagram", "2026-03-29", "2026-03-29", 50, "5.00", "USD"),
            cost("all", "2026-03-29", "2026-03-29", 100, "10.00", "USD"));
    entries.forEach(entry -> client.addLinkCost(spring.id(), entry));
    try {
      CostReport costs = client.statsCosts(springQuery());
      assertThat(costs.channels())
          .extracting(CostReport.Row::channel, CostReport.Row::currency, CostReport.Row::spend)
          .containsExactly(
              tuple("instagram", "mixed", new BigDecimal("35.00")),
              tuple("all", "USD", new BigDecimal("10.00")));
      assertThat(costs.total())
          .isEqualTo(new CostReport.Row("total", 450, null, "mixed", 7, 0.0156, null));
    } finally {
      client.linkCosts(spring.id()).forEach(cost -> client.deleteLinkCost(spring.id(), cost.id()));
    }
  }

  private static LinkCost cost(
      String channel, String start, String end, long impressions, String spend) {
    return cost(channel, start, end, impressions, spend, "EUR");
  }

  private static LinkCost cost(
      String channel, String start, String end, long impressions, String spend, String currency) {
    return new LinkCost(
        null,
        channel,
        LocalDate.parse(start),
        LocalDate.parse(end),
        impressions,
        new BigDecimal(spend),
        currency);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"channel":"Instagram","periodStart":"2026-03-01","periodEnd":"2026-03-02","impressions":1,"spend":1,"currency":"eur"} | currency
          {"channel":"","periodStart":"2026-03-01","periodEnd":"2026-03-02","impressions":1,"spend":1,"currency":"EUR"}          | channel
          {"channel":"X","periodStart":"2026-03-05","periodEnd":"2026-03-02","impressions":1,"spend":1,"currency":"EUR"}         | periodEnd
          {"channel":"X","periodStart":"2026-03-01","periodEnd":"2026-03-02","impressions":-1,"spend":1,"currency":"EUR"}        | impressions
          {"channel":"X","periodStart":"2026-03-01","periodEnd":"2026-03-02","impressions":1,"spend":1.234,"currency":"EUR"}     | spend
          {"channel":"X","periodStart":"2026-03-01","periodEnd":"2026-03-02","impressions":1,"spend":1,"currency":"EUR","x":1}   | x
          """)
  void refusesInvalidCostEntries(String body, String field) {
    assertThatThrownBy(
            () ->
                client.send(
                    "POST",
                    "api/v1/links/" + spring.id() + "/costs",
                    com.google.gson.JsonParser.parseString(body),
                    LinkCost.class))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.getMessage()).contains(field);
            });
  }

  @Test
  void hidesOtherWorkspacesLinksAndPages() throws Exception {
    assertThatThrownBy(() -> client.statsSummary(StatsQuery.link(123_456, FROM, TO)))
        .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void answersPageStatisticsOfAnotherWorkspacesPageOrAnUnknownPageWith404() throws Exception {
    LinkscopeClient otherWorkspace = collector.client(collector.createWorkspaceKey("stats-other"));
    long theirs = otherWorkspace.createPage(BioPageInput.of("their-page", "Theirs")).id();
    for (long page : new long[] {theirs, 999_999}) {
      assertThatThrownBy(() -> client.statsPage(page, StatsQuery.workspace(FROM, TO)))
          .as("page %d", page)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
      for (String path : List.of("summary", "report", "series", "breakdowns/country", "heatmap")) {
        assertThatThrownBy(
                () ->
                    client.get(
                        "api/v1/stats/" + path,
                        Map.of("page", "" + page, "from", FROM.toString(), "to", TO.toString()),
                        Summary.class))
            .as("%s of page %d", path, page)
            .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
      }
    }
    assertThat(otherWorkspace.statsPage(theirs, StatsQuery.workspace(FROM, TO)).pageId())
        .isEqualTo(theirs);
    Summary own =
        client.get(
            "api/v1/stats/summary",
            Map.of("page", "" + pageId, "from", FROM.toString(), "to", TO.toString()),
            Summary.class);
    assertThat(own.current()).isEqualTo(new Totals(3, 2));
  }

  @Test
  void answersStatisticsOfATagNoLinkCarriesWith404() throws Exception {
    LinkscopeClient otherWorkspace = collector.client(collector.createWorkspaceKey("tag-other"));
    otherWorkspace.createLink(
        LinkInput.to("https://example.com/theirs").withTags(List.of("theirs-only")));
    for (String tag : List.of("no-such-tag", "theirs-only")) {
      assertThatThrownBy(() -> client.statsSummary(StatsQuery.tag(tag, FROM, TO)))
          .as(tag)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
      assertThatThrownBy(() -> client.statsCampaign(tag, StatsQuery.workspace(FROM, TO)))
          .as(tag)
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
    assertThat(otherWorkspace.statsCampaign("theirs-only", StatsQuery.workspace(FROM, TO)).links())
        .hasSize(1);
  }

  @Test
  void keepsTheStatisticsOfADeletedPageForItsWorkspace() throws Exception {
    long page = client.createPage(BioPageInput.of("short-lived", "Short-lived")).id();
    StatsFixture visits = new StatsFixture(collector, clock);
    visits.capture(
        "2026-03-10T13:00:00Z", ClickTarget.pageView(workspaceId, page), LONDON_IP, DESKTOP_CHROME);
    collector.awaitBacklogDrained(Duration.ofSeconds(20));
    client.deletePage(page);
    StatsQuery tenth =
        StatsQuery.workspace(
            Instant.parse("2026-03-10T00:00:00Z"), Instant.parse("2026-03-11T00:00:00Z"));
    assertThat(client.statsPage(page, tenth).views().current()).isEqualTo(new Totals(1, 1));
  }
}
