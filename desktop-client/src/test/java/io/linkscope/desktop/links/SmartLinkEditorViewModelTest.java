package io.linkscope.desktop.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.gate.AppTarget;
import io.linkscope.api.gate.DeepLinks;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.QueryCondition;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.RuleConditions;
import io.linkscope.api.routing.TimeWindow;
import io.linkscope.api.routing.Variant;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.desktop.connection.Session;
import io.linkscope.desktop.testsupport.SampleWorkspace;
import io.linkscope.desktop.testsupport.Sessions;
import io.linkscope.desktop.ui.Notice;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link dialog's smart-link parts: rules, variants, live test, deep links and password. */
class SmartLinkEditorViewModelTest {
  @TempDir Path directory;
  private Session session;
  private LinkEditorViewModel form;
  private final List<Notice> notices = new ArrayList<>();

  /** A rule with every kind of condition the collector knows. */
  static RoutingRule everyCondition(Long id) {
    return new RoutingRule(
        id,
        new RuleConditions(
            List.of("mobile", "tablet"),
            List.of("iOS"),
            List.of("Safari"),
            List.of("Instagram"),
            List.of("DE", "AT"),
            List.of("BY"),
            List.of("Munich"),
            List.of("203.0.113.0/24"),
            List.of("de"),
            List.of(new QueryCondition("preview", null), new QueryCondition("ref", "bio")),
            List.of("Instagram"),
            new TimeWindow(null, null, List.of("SAT", "SUN"), 22, 6, "Europe/Berlin"),
            false),
        RoutingRule.REDIRECT,
        "https://shop.example.com/de/weekend",
        "Weekend nights, German iPhones");
  }

  @BeforeEach
  void open() {
    session = Sessions.offlineWithSample(directory);
    form = new LinkEditorViewModel(session, notices::add, ZoneOffset.UTC, null);
    form.targetProperty().set("https://shop.example.com/spring");
  }

  @AfterEach
  void close() {
    session.close();
  }

  @Test
  void aRuleWithEveryConditionComesBackAsItWasAndReadsAsOneLine() {
    RoutingRule stored = everyCondition(7L);

    RuleViewModel rule = RuleViewModel.of(stored);

    assertThat(rule.toRule()).isEqualTo(stored);
    assertThat(rule.weekday(DayOfWeek.SATURDAY).get()).isTrue();
    assertThat(rule.summaryProperty().get())
        .isEqualTo(
            "Weekend nights, German iPhones: mobile, tablet · iOS · Safari · in Instagram · DE, AT"
                + " · BY · Munich · IP 203.0.113.0/24 · lang de · ?preview · ?ref=bio · from"
                + " Instagram · Sat Sun 22–6 h Europe/Berlin · humans →"
                + " https://shop.example.com/de/weekend");
  }

  @Test
  void summarisesARuleAsItIsTyped() {
    RuleViewModel rule = RuleViewModel.newRule();
    assertThat(rule.summaryProperty().get()).isEqualTo("every visit → (no URL yet)");

    rule.osProperty().set("iOS");
    rule.countriesProperty().set("de, at");
    rule.targetProperty().set("https://apps.apple.com/app/id1");

    assertThat(rule.summaryProperty().get())
        .isEqualTo("iOS · de, at → https://apps.apple.com/app/id1");
    assertThat(rule.toRule().when().countries()).containsExactly("DE", "AT");
    rule.actionProperty().set(RuleViewModel.Action.NOT_FOUND);
    assertThat(rule.summaryProperty().get()).isEqualTo("iOS · de, at → 404");
    assertThat(rule.toRule().targetUrl()).isNull();
    assertThat(rule.toRule().id()).isNull();
  }

  @Test
  void checksEachRuleAndNamesTheFirstBadOne() {
    RulesViewModel rules = form.rules();
    rules.add();
    rules.selectedProperty().get().targetProperty().set("https://shop.example.com/a");
    rules.add();
    RuleViewModel second = rules.selectedProperty().get();
    second.fromHourProperty().set("25");
    rules.add();
    rules.selectedProperty().get().actionProperty().set(RuleViewModel.Action.FALLBACK);

    assertThat(form.validate()).isFalse();

    assertThat(second.errorProperty().get())
        .isEqualTo("Enter the URL this rule sends visits to, or choose another action.");
    assertThat(rules.errorProperty().get()).startsWith("Rule 2: Enter the URL");
    assertThat(rules.selectedProperty().get()).as("the bad rule is shown").isSameAs(second);
    second.targetProperty().set("https://shop.example.com/b");
    assertThat(second.errorProperty().get())
        .isEqualTo("The hour 'from' is a whole hour from 0 to 23.");
    second.fromHourProperty().set("22");
    assertThat(second.errorProperty().get()).as("fixed: gone").isEmpty();
    second.zoneProperty().set("Mars/Olympus");
    assertThat(form.validate()).isFalse();
    assertThat(second.errorProperty().get()).startsWith("'Mars/Olympus' is no time zone");
    second.zoneProperty().set("Europe/Berlin");
    assertThat(second.errorProperty().get()).isEmpty();
    assertThat(rules.errorProperty().get()).isEmpty();
    assertThat(form.validate()).isTrue();
  }

  @Test
  void movesAndRemovesRulesKeepingTheirIds() {
    LinkView link = withRouting(List.of(everyCondition(3L), rule(5L, "https://b.example/")), null);
    LinkEditorViewModel edit = new LinkEditorViewModel(session, notices::add, ZoneOffset.UTC, link);
    RulesViewModel rules = edit.rules();

    assertThat(rules.selectedProperty().get().id()).isEqualTo(3L);
    rules.moveSelected(1);
    assertThat(rules.toRules()).extracting(RoutingRule::id).containsExactly(5L, 3L);
    rules.moveSelected(1);
    assertThat(rules.toRules()).extracting(RoutingRule::id).containsExactly(5L, 3L);
    rules.add();
    assertThat(rules.toRules()).extracting(RoutingRule::id).containsExactly(5L, 3L, null);
    rules.selectedProperty().set(rules.rules().getFirst());
    rules.removeSelected();
    assertThat(rules.toRules()).extracting(RoutingRule::id).containsExactly(3L, null);
    assertThat(rules.selectedProperty().get().id()).isEqualTo(3L);
  }

  @Test
  void variantsMustAddUpToAHundredAndSplitEvenlyOnRequest() {
    VariantsViewModel variants = form.variants();
    assertThat(variants.sumTextProperty().get()).startsWith("No split");

    variants.add();
    assertThat(variants.rows()).hasSize(2);
    assertThat(variants.rows())
        .extracting(r -> r.weightProperty().get())
        .containsExactly("50", "50");
    variants.add();
    variants.rows().get(0).targetProperty().set("https://shop.example.com/a");
    variants.rows().get(1).targetProperty().set("https://shop.example.com/b");
    variants.rows().get(2).targetProperty().set("https://shop.example.com/c");
    variants.rows().get(2).weightProperty().set("10");
    assertThat(variants.sumTextProperty().get())
        .isEqualTo("Sum of the weights: 110 % (must be 100 %)");

    assertThat(form.validate()).isFalse();
    assertThat(variants.errorProperty().get())
        .isEqualTo("The weights must add up to 100, not 110. Try \"Split evenly\".");
    variants.splitEvenly();
    assertThat(variants.rows())
        .extracting(r -> r.weightProperty().get())
        .containsExactly("34", "33", "33");
    assertThat(variants.errorProperty().get()).isEmpty();
    assertThat(variants.sumTextProperty().get()).isEqualTo("Sum of the weights: 100 % ✓");

    variants.remove(variants.rows().get(2));
    variants.remove(variants.rows().get(1));
    assertThat(form.validate()).isFalse();
    assertThat(variants.errorProperty().get()).startsWith("A split has 2 to 10 variants, not 1");
    variants.remove(variants.rows().getFirst());
    assertThat(form.validate()).isTrue();
  }

  @Test
  void clickIdsAreOffByDefaultAndTheirParameterIsChecked() {
    VariantsViewModel variants = form.variants();
    assertThat(variants.clickIdsProperty().get()).isFalse();
    assertThat(form.toInput().clickIdParam()).isNull();

    variants.clickIdsProperty().set(true);
    variants.clickIdParamProperty().set("click id");
    assertThat(form.validate()).isFalse();
    assertThat(variants.clickIdErrorProperty().get()).startsWith("Use 1–64 letters");
    variants.clickIdParamProperty().set("lsclid");
    assertThat(variants.clickIdErrorProperty().get()).isEmpty();
    assertThat(form.toInput().clickIdParam()).isEqualTo("lsclid");
  }

  @Test
  void checksDeepLinksAndThePassword() {
    form.iosStoreUrlProperty().set("https://apps.apple.com/app/id1");
    form.androidAppUrlProperty().set("javascript://alert(1)");
    form.androidPackageProperty().set("not a package");
    form.passwordProperty().set("abc");

    assertThat(form.validate()).isFalse();
    assertThat(form.iosErrorProperty().get()).startsWith("Enter the app URL");
    assertThat(form.androidErrorProperty().get())
        .startsWith("An app URL cannot start with javascript://");
    assertThat(form.passwordErrorProperty().get()).isEqualTo("Use 4 to 128 characters.");

    form.iosAppUrlProperty().set("https://app.example.com/p/42");
    form.androidAppUrlProperty().set("shopapp://p/42");
    assertThat(form.androidErrorProperty().get()).startsWith("'not a package' is no Android");
    form.androidPackageProperty().set("com.example.shop");
    form.passwordProperty().set("open sesame");
    assertThat(form.validate()).isTrue();
    LinkInput input = form.toInput();
    assertThat(input.deepLinks())
        .isEqualTo(
            new DeepLinks(
                new AppTarget(
                    "https://app.example.com/p/42", "https://apps.apple.com/app/id1", null),
                new AppTarget("shopapp://p/42", null, "com.example.shop")));
    assertThat(input.password()).isEqualTo("open sesame");
  }

  @Test
  void neverShowsTheStoredPasswordKeepsItUnlessChangedAndSendsNullToRemoveIt() {
    LinkView link = withRouting(List.of(), null);
    LinkView locked = protectedCopy(link);
    LinkEditorViewModel edit =
        new LinkEditorViewModel(session, notices::add, ZoneOffset.UTC, locked);

    assertThat(edit.passwordProperty().get()).isEmpty();
    assertThat(edit.isPasswordProtected()).isTrue();
    assertThat(edit.passwordState()).startsWith("Protected");
    assertThat(edit.toPatch().has("password")).as("kept").isFalse();
    edit.removePasswordProperty().set(true);
    assertThat(edit.toPatch().get("password").isJsonNull()).isTrue();
    edit.passwordProperty().set("new secret");
    assertThat(edit.removePasswordProperty().get()).as("typing undoes the removal").isFalse();
    assertThat(edit.toPatch().get("password").getAsString()).isEqualTo("new secret");
    assertThat(edit.toPatch().get("deepLinks").isJsonNull()).as("none: removed").isTrue();
    assertThat(edit.toPatch().get("rules").getAsJsonArray()).isEmpty();
    assertThat(form.passwordState()).startsWith("Not protected");
  }

  @Test
  void promotingOfflineIsDisabledWithTheReason() {
    LinkView link =
        withRouting(
            List.of(),
            List.of(
                new Variant(1L, "https://a.example/", 50, "Spring"),
                new Variant(2L, "https://b.example/", 50, null)));
    SignificanceViewModel live =
        new LinkEditorViewModel(session, notices::add, ZoneOffset.UTC, link).significance();

    assertThat(live.canPromoteProperty().get()).isFalse();
    assertThat(live.promoteBlockedReasonProperty().get())
        .startsWith("Promoting needs the collector: ")
        .contains(session.writeBlockedReasonProperty().get());
    live.promote(new SignificanceViewModel.Row("B", "0", "0", "0", "", "", "", false, false, 2L));
    assertThat(notices).isEmpty();
  }

  @Test
  void theLiveTestOfflineSaysSoCalmly() {
    LinkView link =
        withRouting(
            List.of(),
            List.of(
                new Variant(1L, "https://a.example/", 50, "Spring"),
                new Variant(2L, "https://b.example/", 50, null)));
    LinkEditorViewModel edit = new LinkEditorViewModel(session, notices::add, ZoneOffset.UTC, link);
    SignificanceViewModel live = edit.significance();

    live.refresh();

    assertThat(live.statusProperty().get())
        .startsWith("Offline: the collector cannot be reached. The test shows once it answers.");
    assertThat(live.rows()).isEmpty();
    assertThat(live.emptyProperty().get()).isEqualTo("No numbers yet: see below.");
    assertThat(notices).isEmpty();
    assertThat(live.name("variant:1")).isEqualTo("Spring");
    assertThat(live.name("variant:2")).isEqualTo("B");
    assertThat(form.significance()).as("a new link has no test yet").isNull();
  }

  private static RoutingRule rule(Long id, String target) {
    return new RoutingRule(
        id, RuleConditions.any().withOs(List.of("Android")), "redirect", target, null);
  }

  private static LinkView withRouting(List<RoutingRule> rules, List<Variant> variants) {
    return SmartLinkViews.with(
        SampleWorkspace.links().getFirst(),
        false,
        null,
        rules,
        variants == null ? List.of() : variants);
  }

  private static LinkView protectedCopy(LinkView l) {
    return SmartLinkViews.with(l, true, null, l.rules(), l.variants());
  }

  /** Against a real collector on a real MariaDB, through the real client. */
  @Nested
  class WithTheCollector {
    @TempDir Path home;
    private TestCollector collector;
    private Session online;

    @BeforeEach
    void start() throws Exception {
      collector = TestCollector.start(home.resolve("collector"));
      online = Sessions.open(home, collector.baseUrl(), collector.adminKey());
    }

    @AfterEach
    void stop() {
      online.close();
      collector.close();
    }

    @Test
    void savesRulesVariantsDeepLinksAndPasswordAndKeepsIdsWhenEditedAgain() {
      LinkEditorViewModel create =
          new LinkEditorViewModel(online, notices::add, ZoneOffset.UTC, null);
      create.targetProperty().set("https://shop.example.com/spring");
      create.slugProperty().set("smart");
      RuleViewModel weekend = RuleViewModel.of(everyCondition(null));
      create.rules().rules().add(weekend);
      create.rules().add();
      RuleViewModel bots = create.rules().selectedProperty().get();
      bots.botsProperty().set(RuleViewModel.Bots.ONLY_BOTS);
      bots.actionProperty().set(RuleViewModel.Action.NOT_FOUND);
      create.variants().add();
      create.variants().rows().get(0).targetProperty().set("https://shop.example.com/a");
      create.variants().rows().get(0).nameProperty().set("Photo");
      create.variants().rows().get(1).targetProperty().set("https://shop.example.com/b");
      create.variants().rows().get(1).weightProperty().set("30");
      create.variants().rows().get(0).weightProperty().set("70");
      create.variants().clickIdsProperty().set(true);
      create.iosAppUrlProperty().set("https://app.example.com/p/42");
      create.iosStoreUrlProperty().set("https://apps.apple.com/app/id123456789");
      create.androidAppUrlProperty().set("shopapp://p/42");
      create.androidPackageProperty().set("com.example.shop");
      create.passwordProperty().set("open sesame");
      List<LinkView> saved = new ArrayList<>();

      create.save(saved::add);

      assertThat(notices).extracting(Notice::level).containsExactly(Notice.Level.INFO);
      LinkView stored = collector.client().link(saved.getFirst().id());
      assertThat(stored.passwordProtected()).isTrue();
      assertThat(stored.clickIdParam()).isEqualTo("lsclid");
      assertThat(stored.deepLinks().ios().storeUrl())
          .isEqualTo("https://apps.apple.com/app/id123456789");
      assertThat(stored.deepLinks().android().androidPackage()).isEqualTo("com.example.shop");
      assertThat(stored.rules()).hasSize(2);
      RoutingRule first = stored.rules().getFirst();
      assertThat(first.id()).isNotNull();
      assertThat(
              new RoutingRule(null, first.when(), first.action(), first.targetUrl(), first.name()))
          .isEqualTo(everyCondition(null));
      assertThat(stored.rules().get(1).action()).isEqualTo("not_found");
      assertThat(stored.rules().get(1).when().bot()).isTrue();
      assertThat(stored.variants())
          .extracting(Variant::targetUrl, Variant::weight, Variant::name)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("https://shop.example.com/a", 70, "Photo"),
              org.assertj.core.groups.Tuple.tuple("https://shop.example.com/b", 30, null));

      LinkEditorViewModel edit =
          new LinkEditorViewModel(online, notices::add, ZoneOffset.UTC, stored);
      assertThat(edit.rules().rules()).hasSize(2);
      edit.rules().selectedProperty().set(edit.rules().rules().get(1));
      edit.rules().moveSelected(-1);
      edit.variants().splitEvenly();
      edit.removePasswordProperty().set(true);
      edit.iosAppUrlProperty().set("");
      edit.iosStoreUrlProperty().set("");
      edit.save(saved::add);

      LinkView again = collector.client().link(stored.id());
      assertThat(again.rules())
          .extracting(RoutingRule::id)
          .containsExactly(stored.rules().get(1).id(), stored.rules().get(0).id());
      assertThat(again.variants())
          .extracting(Variant::id, Variant::weight)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(stored.variants().get(0).id(), 50),
              org.assertj.core.groups.Tuple.tuple(stored.variants().get(1).id(), 50));
      assertThat(again.passwordProtected()).isFalse();
      assertThat(again.deepLinks().ios()).isNull();
      assertThat(again.deepLinks().android().appUrl()).isEqualTo("shopapp://p/42");
    }

    @Test
    void putsTheCollectorsRefusalOfARuleAtThatRuleAndKeepsEverythingTyped() {
      LinkEditorViewModel create =
          new LinkEditorViewModel(online, notices::add, ZoneOffset.UTC, null);
      create.targetProperty().set("https://shop.example.com/spring");
      create.rules().add();
      create.rules().selectedProperty().get().targetProperty().set("https://shop.example.com/a");
      create.rules().add();
      RuleViewModel bad = create.rules().selectedProperty().get();
      bad.targetProperty().set("https://staging.example.com/");
      bad.ipRangesProperty().set("10.0.0.0/33");
      create.rules().selectedProperty().set(create.rules().rules().getFirst());

      assertThat(create.validate()).as("the form cannot tell").isTrue();
      create.save(saved -> {});

      assertThat(bad.errorProperty().get()).startsWith("ipRanges[0]: ").contains("10.0.0.0/33");
      assertThat(create.rules().errorProperty().get()).startsWith("Rule 2: ipRanges[0]: ");
      assertThat(create.rules().selectedProperty().get()).isSameAs(bad);
      assertThat(bad.ipRangesProperty().get()).isEqualTo("10.0.0.0/33");
      assertThat(create.rules().rules()).hasSize(2);
      assertThat(notices).isEmpty();
      assertThat(collector.client().links(io.linkscope.api.link.LinkQuery.firstPage()).items())
          .isEmpty();
    }

    private LinkView split(String slug) {
      return collector
          .client()
          .createLink(
              LinkInput.to("https://shop.example.com/")
                  .withSlug(slug)
                  .withRouting(
                      List.of(),
                      List.of(
                          new Variant(null, "https://shop.example.com/a", 50, "Photo"),
                          new Variant(null, "https://shop.example.com/b", 50, "Video"))));
    }

    @Test
    void savesAnEndDateSendsItOnlyWhenChangedAndClearsIt() {
      LinkView link = split("ends");
      LinkEditorViewModel edit =
          new LinkEditorViewModel(online, notices::add, ZoneOffset.UTC, link);
      assertThat(edit.variants().endStateProperty().get()).as("no end yet").isEmpty();
      edit.variants().endDateProperty().set(LocalDate.of(2030, 6, 1));
      edit.variants().endTimeProperty().set("18:30");

      edit.save(saved -> {});

      LinkView stored = collector.client().link(link.id());
      assertThat(stored.experimentEndsAt()).isEqualTo(Instant.parse("2030-06-01T18:30:00Z"));
      LinkEditorViewModel again =
          new LinkEditorViewModel(online, notices::add, ZoneOffset.UTC, stored);
      assertThat(again.variants().endDateProperty().get()).isEqualTo(LocalDate.of(2030, 6, 1));
      assertThat(again.variants().endTimeProperty().get()).isEqualTo("18:30");
      assertThat(again.variants().endStateProperty().get())
          .startsWith("The split ends ")
          .contains("2030");
      again.titleProperty().set("Spring, with an end");
      assertThat(again.toPatch().has("experimentEndsAt")).as("unchanged: not sent").isFalse();
      again.save(saved -> {});
      assertThat(collector.client().link(link.id()).experimentEndsAt())
          .isEqualTo(Instant.parse("2030-06-01T18:30:00Z"));

      again.variants().clearEnd();
      assertThat(again.toPatch().get("experimentEndsAt").isJsonNull()).isTrue();
      again.save(saved -> {});

      assertThat(collector.client().link(link.id()).experimentEndsAt()).isNull();
      assertThat(notices).extracting(Notice::level).containsOnly(Notice.Level.INFO);
    }

    @Test
    void showsTheCollectorsRefusalOfAPastEndAtTheFieldKeepingWhatWasTyped() {
      // The form's clock stands at the sample's "now"; the collector's is the real one, later.
      LocalDate past = SampleWorkspace.NOW.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
      org.junit.jupiter.api.Assumptions.assumeTrue(
          Instant.now().isAfter(past.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
      LinkView link = split("late");
      LinkEditorViewModel edit =
          new LinkEditorViewModel(online, notices::add, ZoneOffset.UTC, link);
      edit.variants().endDateProperty().set(past);
      edit.variants().endTimeProperty().set("9:15");
      assertThat(edit.validate()).as("the form's clock cannot tell").isTrue();

      edit.save(saved -> {});

      assertThat(edit.variants().endErrorProperty().get())
          .startsWith("Must be in the future")
          .contains("promote a variant")
          .endsWith("The end date you chose is still there.");
      assertThat(edit.variants().endDateProperty().get()).isEqualTo(past);
      assertThat(edit.variants().endTimeProperty().get()).isEqualTo("9:15");
      assertThat(notices).isEmpty();
      assertThat(collector.client().link(link.id()).experimentEndsAt()).isNull();

      edit.variants().endTimeProperty().set("quarter past");
      assertThat(edit.variants().endErrorProperty().get())
          .isEqualTo("Enter the time as hours and minutes, e.g. 18:00.");
      edit.variants().endDateProperty().set(LocalDate.of(2020, 1, 1));
      edit.variants().endTimeProperty().set("");
      assertThat(edit.variants().endErrorProperty().get())
          .startsWith("The end must lie ahead. To end the split now, promote");
    }

    @Test
    void promotesAVariantAndShowsTheEndedSplitAlsoWhenOpenedAgain() {
      LinkView link = split("promote");
      LinkEditorViewModel edit =
          new LinkEditorViewModel(online, notices::add, ZoneOffset.UTC, link);
      edit.titleProperty().set("Typed before promoting");
      SignificanceViewModel live = edit.significance();
      live.refresh();
      assertThat(live.rows())
          .extracting(SignificanceViewModel.Row::variant)
          .containsExactly("Photo", "Video");
      assertThat(live.canPromoteProperty().get()).isTrue();
      assertThat(live.winner()).as("no clicks, no winner").isEmpty();
      SignificanceViewModel.Row video = live.rows().get(1);
      assertThat(live.confirmation(video))
          .contains("Video (https://shop.example.com/b) becomes the link's target")
          .contains("The split ends now")
          .contains("statistics measured so far are kept");

      live.promote(video);

      LinkView stored = collector.client().link(link.id());
      assertThat(stored.targetUrl()).isEqualTo("https://shop.example.com/b");
      assertThat(stored.promotedVariantId()).isEqualTo(video.variantId());
      assertThat(edit.targetProperty().get()).isEqualTo("https://shop.example.com/b");
      assertThat(edit.titleProperty().get()).isEqualTo("Typed before promoting");
      assertThat(edit.variants().endedProperty().get()).isTrue();
      assertThat(edit.variants().endStateProperty().get())
          .startsWith("The split has ended (")
          .contains("Video was promoted");
      assertThat(edit.variants().endDateProperty().get()).isNotNull();
      assertThat(live.canPromoteProperty().get()).isFalse();
      assertThat(live.promoteBlockedReasonProperty().get()).startsWith("The split has ended");
      assertThat(live.promoteErrorProperty().get()).isEmpty();
      assertThat(notices)
          .extracting(Notice::message)
          .anySatisfy(message -> assertThat(message).startsWith("Promoted Video: "));

      LinkView saved = collector.client().link(link.id());
      LinkEditorViewModel reopened =
          new LinkEditorViewModel(online, notices::add, ZoneOffset.UTC, saved);
      assertThat(reopened.variants().endStateProperty().get()).contains("Video was promoted");
      assertThat(reopened.significance().canPromoteProperty().get()).isFalse();
    }

    @Test
    void aRefusedPromotionIsToldInThePanel() {
      LinkView link = split("gone");
      LinkEditorViewModel edit =
          new LinkEditorViewModel(online, notices::add, ZoneOffset.UTC, link);
      SignificanceViewModel live = edit.significance();
      live.refresh();
      SignificanceViewModel.Row photo = live.rows().get(0);
      // Meanwhile someone else removed the split.
      com.google.gson.JsonObject noSplit = new com.google.gson.JsonObject();
      noSplit.add("variants", new com.google.gson.JsonArray());
      collector.client().updateLink(link.id(), noSplit);

      live.promote(photo);

      assertThat(live.promoteErrorProperty().get())
          .startsWith("Photo was not promoted: ")
          .contains("no variants");
      assertThat(live.canPromoteProperty().get()).as("may be tried again").isTrue();
      assertThat(edit.variants().endedProperty().get()).isFalse();
      assertThat(collector.client().link(link.id()).promotedVariantId()).isNull();
    }

    @Test
    void readsTheLiveTestOfALinkWithVariantsWithUniquesAndAVerdict() throws Exception {
      LinkView link =
          collector
              .client()
              .createLink(
                  LinkInput.to("https://shop.example.com/")
                      .withSlug("ab")
                      .withClickIdParam("lsclid")
                      .withRouting(
                          List.of(),
                          List.of(
                              new Variant(null, "https://shop.example.com/a", 50, "Photo"),
                              new Variant(null, "https://shop.example.com/b", 50, "Video"))));
      Map<String, Integer> clicks =
          Experiments.seed(collector, "ab", "lsclid", 120, Map.of("/a", 10, "/b", 2));
      LinkEditorViewModel edit =
          new LinkEditorViewModel(online, notices::add, ZoneOffset.UTC, link);
      SignificanceViewModel live = edit.significance();

      long deadline = System.nanoTime() + 30_000_000_000L;
      long converted;
      do {
        Thread.sleep(200);
        live.refresh();
        converted = live.rows().stream().mapToLong(r -> Experiments.number(r.conversions())).sum();
      } while (converted < clicks.get("/a") / 10 + clicks.get("/b") / 2
          && System.nanoTime() < deadline);

      assertThat(live.rows())
          .extracting(SignificanceViewModel.Row::variant)
          .containsExactly("Photo", "Video");
      SignificanceViewModel.Row photo = live.rows().get(0);
      SignificanceViewModel.Row video = live.rows().get(1);
      assertThat(Experiments.number(photo.clicks())).isEqualTo((long) clicks.get("/a"));
      assertThat(Experiments.number(video.conversions())).isEqualTo((long) clicks.get("/b") / 2);
      assertThat(Experiments.number(photo.uniques())).isEqualTo((long) clicks.get("/a"));
      assertThat(photo.control()).isTrue();
      assertThat(photo.uplift()).isEqualTo("control");
      assertThat(video.uplift()).matches("\\+\\d+ % \\(\\+?-?\\d+ % to \\+\\d+ %\\)");
      assertThat(video.pValue()).isNotEqualTo("–");
      assertThat(video.rate()).matches("\\d+\\.\\d % \\(\\d+\\.\\d %–\\d+\\.\\d %\\)");
      assertThat(live.verdictProperty().get()).isNotEmpty().doesNotContain("variant:");
      assertThat(live.testProperty().get())
          .matches("two-proportion z-test, p (= 0\\.\\d{3}|< 0\\.001)");
      assertThat(live.statusProperty().get()).startsWith("Updated ");
      assertThat(notices).isEmpty();
    }
  }
}
