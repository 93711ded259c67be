package io.linkscope.collector.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.conversion.ConversionInput;
import io.linkscope.api.conversion.Experiment;
import io.linkscope.api.conversion.ExperimentVariant;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.Variant;
import io.linkscope.collector.testsupport.SettableClock;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of an A/B split through the real collector and client: at its end date the winner (else
 * the control) becomes the link's target and gets every visit; a promotion does the same at once;
 * the experiment report keeps showing the finished test. The collector's clock is set by the test,
 * so the end is reached without waiting; the collector's own background round promotes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExperimentEndTest {
  private static final String CHROME =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/131.0.0.0 Safari/537.36";

  @TempDir static Path directory;
  static SettableClock clock;
  static TestCollector collector;
  static LinkscopeClient client;

  @BeforeAll
  static void start() throws Exception {
    clock = new SettableClock(Instant.parse("2026-05-04T08:00:00Z"));
    collector = TestCollector.start(directory, UnaryOperator.identity(), clock);
    client = collector.client();
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  @Order(1)
  void atItsEndTheWinnerBecomesTheTargetAndTheReportKeepsTheFinishedTest() throws Exception {
    Instant end = Instant.parse("2026-05-04T10:00:00Z");
    LinkView link =
        client.createLink(
            LinkInput.to("https://shop.test/own")
                .withSlug("ends")
                .withClickIdParam("lsclid")
                .withRouting(
                    null,
                    List.of(
                        Variant.of("https://shop.test/a", 50),
                        Variant.of("https://shop.test/b", 50)))
                .withExperimentEndsAt(end));
    assertThat(link.experimentEndsAt()).isEqualTo(end);
    assertThat(link.promotedVariantId()).isNull();
    long a = link.variants().get(0).id();
    long b = link.variants().get(1).id();

    // Every visitor sent to b buys, nobody sent to a does.
    int converted = 0;
    int onA = 0;
    for (int i = 0; i < 60; i++) {
      String location = visit("/ends", i);
      if (location.startsWith("https://shop.test/b")) {
        client.reportConversion(
            new ConversionInput("buy-" + i, clickId(location), "purchase", null, null, null));
        converted++;
      } else {
        onA++;
      }
    }
    assertThat(converted).isBetween(10, 50);
    int sent = converted;
    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    Experiment running =
        await(() -> client.experiment(link.id()), e -> conversions(e) == sent, "conversions");
    assertThat(running.ended()).isFalse();
    assertThat(running.servedAfterEnd()).isNull();
    assertThat(running.endsAt()).isEqualTo(end);
    assertThat(running.control()).isEqualTo("variant:" + a);
    assertThat(running.winner()).isEqualTo("variant:" + b);

    clock.set(end.plusSeconds(1));
    LinkView promoted =
        await(() -> client.link(link.id()), l -> l.promotedVariantId() != null, "promotion");
    assertThat(promoted.promotedVariantId()).isEqualTo(b);
    assertThat(promoted.targetUrl()).isEqualTo("https://shop.test/b");
    assertThat(promoted.experimentEndsAt()).isEqualTo(end);
    assertThat(promoted.variants()).extracting(Variant::id).containsExactly(a, b);
    for (int i = 0; i < 20; i++) {
      assertThat(visit("/ends", i)).startsWith("https://shop.test/b?lsclid=");
    }

    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    Experiment finished = client.experiment(link.id());
    assertThat(finished.ended()).isTrue();
    assertThat(finished.endsAt()).isEqualTo(end);
    assertThat(finished.servedAfterEnd()).isEqualTo("variant:" + b);
    assertThat(finished.winner()).isEqualTo("variant:" + b);
    assertThat(finished.variants())
        .extracting(ExperimentVariant::key, ExperimentVariant::clicks)
        .as("the clicks after the end are not part of the test")
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("variant:" + a, (long) onA),
            org.assertj.core.groups.Tuple.tuple("variant:" + b, (long) sent));
  }

  @Test
  @Order(2)
  void withoutAWinnerTheControlIsServedAfterTheEnd() throws Exception {
    clock.set(Instant.parse("2026-05-05T08:00:00Z"));
    Instant end = Instant.parse("2026-05-05T09:00:00Z");
    LinkView link =
        client.createLink(
            LinkInput.to("https://shop.test/own")
                .withSlug("no-winner")
                .withRouting(
                    null,
                    List.of(
                        Variant.of("https://shop.test/control", 50),
                        Variant.of("https://shop.test/challenger", 50))));
    // The end date given later, by a merge patch.
    JsonObject patch = new JsonObject();
    patch.addProperty("experimentEndsAt", end.toString());
    assertThat(client.updateLink(link.id(), patch).experimentEndsAt()).isEqualTo(end);
    for (int i = 0; i < 10; i++) {
      visit("/no-winner", i);
    }
    clock.set(end);
    LinkView promoted =
        await(() -> client.link(link.id()), l -> l.promotedVariantId() != null, "promotion");
    assertThat(promoted.promotedVariantId()).isEqualTo(link.variants().getFirst().id());
    assertThat(promoted.targetUrl()).isEqualTo("https://shop.test/control");
    for (int i = 0; i < 10; i++) {
      assertThat(visit("/no-winner", i)).isEqualTo("https://shop.test/control");
    }
    Experiment finished = client.experiment(link.id());
    assertThat(finished.winner()).isNull();
    assertThat(finished.servedAfterEnd()).isEqualTo("variant:" + promoted.promotedVariantId());

    // A new end date restarts the split; removing the variants removes the end.
    JsonObject reopen = new JsonObject();
    reopen.addProperty("experimentEndsAt", end.plusSeconds(3600).toString());
    LinkView reopened = client.updateLink(link.id(), reopen);
    assertThat(reopened.promotedVariantId()).isNull();
    List<String> split = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      split.add(visit("/no-winner", i));
    }
    assertThat(split).contains("https://shop.test/control", "https://shop.test/challenger");
    JsonObject noSplit = new JsonObject();
    noSplit.add("variants", new com.google.gson.JsonArray());
    LinkView plain = client.updateLink(link.id(), noSplit);
    assertThat(plain.experimentEndsAt()).isNull();
    assertThat(plain.variants()).isEmpty();
  }

  @Test
  @Order(3)
  void promotingMakesTheVariantTheTargetAtOnceAndBadInputIsRefused() throws Exception {
    clock.set(Instant.parse("2026-05-06T08:00:00Z"));
    LinkView link =
        client.createLink(
            LinkInput.to("https://shop.test/own")
                .withSlug("promote")
                .withRouting(
                    null,
                    List.of(
                        Variant.of("https://shop.test/one", 34),
                        Variant.of("https://shop.test/two", 33),
                        Variant.of("https://shop.test/three", 33))));
    long two = link.variants().get(1).id();
    for (int i = 0; i < 10; i++) {
      visit("/promote", i);
    }
    // A clock finer than the millisecond: the end is stored to the millisecond, as a sent one is,
    // so the edit below (which keeps the end) does not count as moving it into the past.
    clock.set(Instant.parse("2026-05-06T09:30:00.123456789Z"));
    LinkView promoted = client.promoteVariant(link.id(), two);
    assertThat(promoted.targetUrl()).isEqualTo("https://shop.test/two");
    assertThat(promoted.promotedVariantId()).isEqualTo(two);
    assertThat(promoted.experimentEndsAt()).isEqualTo(Instant.parse("2026-05-06T09:30:00.123Z"));
    assertThat(promoted.variants()).hasSize(3);
    for (int i = 0; i < 10; i++) {
      assertThat(visit("/promote", i)).isEqualTo("https://shop.test/two");
    }
    collector.awaitBacklogDrained(Duration.ofSeconds(30));
    Experiment finished = client.experiment(link.id());
    assertThat(finished.ended()).isTrue();
    assertThat(finished.servedAfterEnd()).isEqualTo("variant:" + two);
    assertThat(finished.variants()).hasSize(3);
    assertThat(finished.variants().stream().mapToLong(ExperimentVariant::clicks).sum())
        .as("only the clicks before the promotion")
        .isEqualTo(10);

    // Editing another field keeps the ended split, though its end date is past now.
    JsonObject title = new JsonObject();
    title.addProperty("title", "Spring test, finished");
    LinkView edited = client.updateLink(link.id(), title);
    assertThat(edited.promotedVariantId()).isEqualTo(two);
    assertThat(edited.targetUrl()).isEqualTo("https://shop.test/two");

    refused(
        () -> client.promoteVariant(link.id(), 999),
        400,
        "invalid_field",
        "Field 'variantId': this link has no variant 999; its variants are ");
    LinkView plain = client.createLink(LinkInput.to("https://shop.test/plain"));
    refused(() -> client.promoteVariant(plain.id(), 1), 400, "no_variants", "no variants");
    refused(() -> client.promoteVariant(987_654, 1), 404, "not_found", "link");
    JsonObject past = new JsonObject();
    past.addProperty("experimentEndsAt", "2026-05-06T09:00:00Z");
    refused(
        () -> client.updateLink(link.id(), past), 400, "invalid_field", "must be in the future");
    refused(
        () -> client.updateLink(plain.id(), future()),
        400,
        "invalid_field",
        "no variants, so there is no split to end");
    refused(
        () ->
            client.createLink(
                LinkInput.to("https://shop.test/x")
                    .withExperimentEndsAt(Instant.parse("2026-06-01T00:00:00Z"))),
        400,
        "invalid_field",
        "experimentEndsAt");
    JsonObject cleared = new JsonObject();
    cleared.add("experimentEndsAt", JsonNull.INSTANCE);
    assertThat(client.updateLink(plain.id(), cleared).experimentEndsAt()).isNull();

    try (Response missing = promote(link.id(), "{}")) {
      assertThat(missing.code()).isEqualTo(400);
      assertThat(missing.body().string()).contains("variantId").contains("is required");
    }
    try (Response unknown = promote(link.id(), "{\"variant\":2}")) {
      assertThat(unknown.code()).isEqualTo(400);
      assertThat(unknown.body().string()).contains("unknown_field");
    }
    try (Response notJson = promote(link.id(), "variant two")) {
      assertThat(notJson.code()).isEqualTo(400);
    }
  }

  private static JsonObject future() {
    JsonObject patch = new JsonObject();
    patch.addProperty("experimentEndsAt", "2026-06-01T00:00:00Z");
    return patch;
  }

  private static Response promote(long linkId, String body) throws Exception {
    return collector.send(
        collector
            .request("/api/v1/links/" + linkId + "/experiment/promote")
            .header("Authorization", "Bearer " + collector.adminKey())
            .post(RequestBody.create(body, MediaType.get("application/json")))
            .build());
  }

  private static void refused(Runnable call, int status, String error, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.status()).isEqualTo(status);
              assertThat(e.error().error()).isEqualTo(error);
              assertThat(e.error().message()).contains(message);
            });
  }

  /** The visitor {@code i}'s answer: where it was sent. */
  private static String visit(String path, int i) throws Exception {
    try (Response response =
        collector.send(
            collector
                .request(path)
                .header("X-Forwarded-For", "203.0.113." + (i + 1))
                .header("User-Agent", CHROME)
                .build())) {
      assertThat(response.code()).isEqualTo(302);
      return response.header("Location");
    }
  }

  private static String clickId(String location) {
    String id = location.substring(location.indexOf("lsclid=") + "lsclid=".length());
    return UUID.fromString(id).toString();
  }

  private static long conversions(Experiment experiment) {
    return experiment.variants().stream().mapToLong(ExperimentVariant::conversions).sum();
  }

  private static <T> T await(Supplier<T> read, Predicate<T> done, String what) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (true) {
      T value = read.get();
      if (done.test(value)) {
        return value;
      }
      assertThat(System.nanoTime()).as("in time: " + what).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
