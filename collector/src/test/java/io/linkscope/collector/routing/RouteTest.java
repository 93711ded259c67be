package io.linkscope.collector.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.RuleConditions;
import io.linkscope.api.routing.TimeWindow;
import io.linkscope.api.routing.Variant;
import io.linkscope.collector.click.Visitor;
import io.linkscope.collector.enrich.DeviceInfo;
import io.linkscope.collector.enrich.GeoLocation;
import io.linkscope.collector.http.HttpError;
import java.net.InetAddress;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The compiled route on its own: the sticky split, and the time window in a zone. */
class RouteTest {
  private static final RoutingValidation.UrlCheck URLS = (field, url) -> url;

  @Test
  void theSplitConvergesToItsWeightsOverTenThousandVisitors() {
    Route route =
        Route.compile(
            RoutingValidation.validate(
                null,
                List.of(
                    Variant.of("https://a.test", 50),
                    Variant.of("https://b.test", 30),
                    Variant.of("https://c.test", 20)),
                Routing.NONE,
                URLS));
    Random random = new Random(42);
    Map<String, Integer> counts = new HashMap<>();
    int visitors = 10_000;
    for (int i = 0; i < visitors; i++) {
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      counts.merge(route.decide(visit(hash, 0)).url(), 1, Integer::sum);
    }
    assertThat(counts.get("https://a.test") / (double) visitors).isCloseTo(0.50, within(0.02));
    assertThat(counts.get("https://b.test") / (double) visitors).isCloseTo(0.30, within(0.02));
    assertThat(counts.get("https://c.test") / (double) visitors).isCloseTo(0.20, within(0.02));
  }

  @Test
  void aVisitorKeepsTheirVariantForTheDayAndIsDrawnAgainTheNextDay() throws Exception {
    Route route =
        Route.compile(
            RoutingValidation.validate(
                null,
                List.of(Variant.of("https://a.test", 50), Variant.of("https://b.test", 50)),
                Routing.NONE,
                URLS));
    // Capture's hash is an HMAC-SHA-256 under a secret key per workspace and UTC day (DayKeys);
    // here a random key per day stands in for those keys.
    DayHash hasher = new DayHash();
    long morning = Instant.parse("2026-05-04T06:00:00Z").toEpochMilli();
    long evening = Instant.parse("2026-05-04T23:59:00Z").toEpochMilli();
    int changedNextDay = 0;
    for (int i = 0; i < 200; i++) {
      InetAddress address = InetAddress.getByName("10.1." + (i / 250) + "." + (i % 250));
      String first = route.decide(visit(hasher.hash(morning, address), morning)).url();
      assertThat(route.decide(visit(hasher.hash(evening, address), evening)).url())
          .isEqualTo(first);
      long nextDay = evening + 3_600_000;
      if (!first.equals(route.decide(visit(hasher.hash(nextDay, address), nextDay)).url())) {
        changedNextDay++;
      }
    }
    // A new day's key draws anew: about half change, none are pinned for good.
    assertThat(changedNextDay).isBetween(60, 140);
  }

  @Test
  void aTimeWindowIsJudgedByWeekdayAndHourInItsZone() {
    RoutingRule weekdayMornings =
        RoutingRule.redirect(
            RuleConditions.any()
                .withTime(
                    new TimeWindow(null, null, List.of("MON", "Fri"), 8, 12, "Europe/Berlin")),
            "https://office.test");
    RoutingRule nights =
        RoutingRule.redirect(
            RuleConditions.any().withTime(new TimeWindow(null, null, null, 22, 6, "Asia/Tokyo")),
            "https://night.test");
    Route route =
        Route.compile(
            RoutingValidation.validate(List.of(weekdayMornings, nights), null, Routing.NONE, URLS));
    // Monday 4 May 2026: 08:30 in Berlin is 06:30 UTC (summer time), 15:30 in Tokyo.
    assertThat(at(route, "2026-05-04T06:30:00Z")).isEqualTo("https://office.test");
    assertThat(at(route, "2026-05-04T05:59:00Z")).isNull(); // 07:59 in Berlin, 14:59 in Tokyo
    assertThat(at(route, "2026-05-05T06:30:00Z")).isNull(); // a Tuesday
    assertThat(at(route, "2026-05-08T09:59:00Z")).isEqualTo("https://office.test"); // Fri 11:59
    // 23:00 and 05:00 in Tokyo are in the window that wraps past midnight, 06:00 is not.
    assertThat(at(route, "2026-05-05T14:00:00Z")).isEqualTo("https://night.test");
    assertThat(at(route, "2026-05-05T20:00:00Z")).isEqualTo("https://night.test");
    assertThat(at(route, "2026-05-05T21:00:00Z")).isNull();
  }

  @Test
  void queryConditionsReadTheRawQueryDecoded() {
    assertThat(Route.queryMatches("a=1&ref=spring%20sale", "ref", "spring sale")).isTrue();
    assertThat(Route.queryMatches("a=1&ref=spring", "ref", null)).isTrue();
    assertThat(Route.queryMatches("a=1&vip", "vip", null)).isTrue();
    assertThat(Route.queryMatches("a=1&vip", "vip", "yes")).isFalse();
    assertThat(Route.queryMatches("xref=1", "ref", null)).isFalse();
    assertThat(Route.queryMatches("", "ref", null)).isFalse();
  }

  @Test
  void idsAreKeptWhenGivenBackAndNeverGivenTwice() {
    Routing first =
        RoutingValidation.validate(
            List.of(
                RoutingRule.redirect(
                    RuleConditions.any().withCountries(List.of("de")), "https://de"),
                RoutingRule.redirect(RuleConditions.any().withBot(true), "https://bot")),
            null,
            Routing.NONE,
            URLS);
    assertThat(first.rules()).extracting(RoutingRule::id).containsExactly(1L, 2L);
    assertThat(first.rules().getFirst().when().countries()).containsExactly("DE");
    // The first rule dropped, the second kept by its id, a new one added: it gets 3, not 1.
    Routing second =
        RoutingValidation.validate(
            List.of(
                first.rules().get(1),
                RoutingRule.redirect(
                    RuleConditions.any().withLanguages(List.of("fr")), "https://fr")),
            null,
            first,
            URLS);
    assertThat(second.rules()).extracting(RoutingRule::id).containsExactly(2L, 3L);
    assertThat(Routing.fromJson(second.toJson())).isEqualTo(second);
  }

  @Test
  void anUnknownIdIsRefusedNamingTheRule() {
    RoutingRule made = new RoutingRule(7L, RuleConditions.any(), null, "https://x.test", null);
    try {
      RoutingValidation.validate(List.of(made), null, Routing.NONE, URLS);
      throw new AssertionError("accepted");
    } catch (HttpError e) {
      assertThat(e.getMessage()).contains("rules[0].id").contains("no rule 7");
    }
  }

  @Test
  void afterItsEndDateTheSplitSendsEveryVisitToTheControlUntilAVariantIsPromoted() {
    Instant now = Instant.parse("2026-05-04T08:00:00Z");
    Instant end = Instant.parse("2026-05-04T10:00:00Z");
    Routing split = abSplit();
    Routing ending = RoutingValidation.experimentEnd(split, Routing.NONE, end, now);
    assertThat(ending.endsAt()).isEqualTo(end);
    assertThat(ending.pendingEnd()).isEqualTo(end);
    Route route = Route.compile(ending);
    Random random = new Random(3);
    Map<String, Integer> before = new HashMap<>();
    Map<String, Integer> after = new HashMap<>();
    for (int i = 0; i < 1_000; i++) {
      byte[] hash = new byte[32];
      random.nextBytes(hash);
      before.merge(route.decide(visit(hash, end.toEpochMilli() - 1)).url(), 1, Integer::sum);
      after.merge(route.decide(visit(hash, end.toEpochMilli())).key(), 1, Integer::sum);
    }
    assertThat(before).containsOnlyKeys("https://a.test", "https://b.test");
    long control = split.variants().getFirst().id();
    assertThat(after).containsOnlyKeys(Routing.variantKey(control));
    assertThat(ending.ended(end.minusMillis(1))).isFalse();
    assertThat(ending.ended(end)).isTrue();

    // Promoted: the variant is the link's target, so a split without rules routes nothing.
    Routing promoted = ending.withEnd(end, split.variants().get(1).id());
    assertThat(promoted.pendingEnd()).isNull();
    assertThat(Route.compile(promoted).isPlain()).isTrue();
    assertThat(Routing.fromJson(promoted.toJson())).isEqualTo(promoted);
  }

  @Test
  void anEndDateMustBeInTheFutureAndNeedsASplitButAKeptOneIsNotCheckedAgain() {
    Instant now = Instant.parse("2026-05-04T08:00:00Z");
    Routing split = abSplit();
    try {
      RoutingValidation.experimentEnd(split, Routing.NONE, now, now);
      throw new AssertionError("accepted");
    } catch (HttpError e) {
      assertThat(e.getMessage()).contains("experimentEndsAt").contains("in the future");
    }
    try {
      RoutingValidation.experimentEnd(Routing.NONE, Routing.NONE, now.plusSeconds(60), now);
      throw new AssertionError("accepted");
    } catch (HttpError e) {
      assertThat(e.getMessage()).contains("experimentEndsAt").contains("no variants");
    }
    // Ended and promoted: the same (past) end date sent back keeps both.
    Routing ended = split.withEnd(now.minusSeconds(60), split.variants().get(1).id());
    assertThat(RoutingValidation.experimentEnd(split, ended, ended.endsAt(), now)).isEqualTo(ended);
    // A new end date reopens the split; no variants any more drops the end.
    Routing reopened = RoutingValidation.experimentEnd(split, ended, now.plusSeconds(60), now);
    assertThat(reopened.promotedVariantId()).isNull();
    assertThat(reopened.splits()).isTrue();
    assertThat(RoutingValidation.experimentEnd(Routing.NONE, ended, ended.endsAt(), now))
        .isEqualTo(Routing.NONE);
  }

  private static Routing abSplit() {
    return RoutingValidation.validate(
        null,
        List.of(Variant.of("https://a.test", 50), Variant.of("https://b.test", 50)),
        Routing.NONE,
        URLS);
  }

  /** HMAC-SHA-256 of an address under a random key per UTC day. */
  private static final class DayHash {
    private final Map<Long, byte[]> keys = new HashMap<>();
    private final Random random = new Random(7);

    byte[] hash(long epochMillis, InetAddress address) throws Exception {
      byte[] key =
          keys.computeIfAbsent(
              Math.floorDiv(epochMillis, 86_400_000L),
              day -> {
                byte[] bytes = new byte[32];
                random.nextBytes(bytes);
                return bytes;
              });
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(address.getAddress());
    }
  }

  private static String at(Route route, String instant) {
    long millis = Instant.parse(instant).toEpochMilli();
    return route.decide(visit(new byte[32], millis)).url();
  }

  private static RouteVisit visit(byte[] hash, long epochMillis) {
    return new RouteVisit(
        new Visitor(null, "", "", "", "", ""),
        GeoLocation.unknown(),
        hash,
        epochMillis,
        v -> DeviceInfo.UNKNOWN);
  }
}
