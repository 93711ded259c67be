package io.linkscope.collector.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.linkscope.api.ApiException;
import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.bulk.BulkCreate;
import io.linkscope.api.bulk.BulkIds;
import io.linkscope.api.bulk.BulkPatch;
import io.linkscope.api.bulk.BulkTags;
import io.linkscope.api.bulk.BulkUpdate;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkQuery;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bulk API through the real collector, client and MariaDB: a thousand links created, patched
 * and deleted per request, the 1,001st refused, one bad item refusing the whole request, tags added
 * and taken off many links. Each test works in a workspace of its own.
 */
class BulkApiTest {
  private static final AtomicInteger WORKSPACES = new AtomicInteger();

  @TempDir static Path directory;
  static TestCollector collector;

  @BeforeAll
  static void start() throws Exception {
    collector = TestCollector.start(directory);
  }

  @AfterAll
  static void stop() {
    if (collector != null) {
      collector.close();
    }
  }

  private static LinkscopeClient newWorkspace() throws Exception {
    return collector.client(collector.createWorkspaceKey("bulk-" + WORKSPACES.incrementAndGet()));
  }

  private static List<LinkInput> inputs(String prefix, int count) {
    List<LinkInput> inputs = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      inputs.add(
          LinkInput.to("https://shop.example.com/item/" + i)
              .withSlug(prefix + i)
              .withTags(List.of("bulk", "batch-" + (i % 3))));
    }
    return inputs;
  }

  private static long count(LinkscopeClient client, String tag) {
    return client.links(new LinkQuery(null, tag, null, 0, 1)).total();
  }

  private static void assertStatus(Runnable call, int status, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.status()).as(e.getMessage()).isEqualTo(status))
        .hasMessageContaining(message);
  }

  @Test
  void aThousandLinksAreCreatedPatchedAndDeletedInOneRequestEach() throws Exception {
    LinkscopeClient client = newWorkspace();
    List<LinkView> created =
        client.bulkCreateLinks(new BulkCreate(inputs("thousand-", 1_000))).links();
    assertThat(created).hasSize(1_000);
    assertThat(created).extracting(LinkView::slug).startsWith("thousand-0", "thousand-1");
    assertThat(created.get(999).targetUrl()).isEqualTo("https://shop.example.com/item/999");
    assertThat(created.get(999).tags()).containsExactlyInAnyOrder("bulk", "batch-0");
    assertThat(count(client, "bulk")).isEqualTo(1_000);
    try (Response redirect = collector.send(collector.request("/thousand-500").build())) {
      assertThat(redirect.code()).isEqualTo(302);
      assertThat(redirect.header("Location")).isEqualTo("https://shop.example.com/item/500");
    }

    List<BulkPatch> patches = new ArrayList<>();
    for (LinkView link : created) {
      JsonObject patch = new JsonObject();
      patch.addProperty("title", "Item " + link.slug());
      patch.addProperty("targetUrl", link.targetUrl() + "?v=2");
      patches.add(new BulkPatch(link.id(), patch));
    }
    List<LinkView> updated = client.bulkUpdateLinks(new BulkUpdate(patches)).links();
    assertThat(updated).hasSize(1_000);
    assertThat(updated.get(500).title()).isEqualTo("Item thousand-500");
    assertThat(client.link(created.get(500).id()).targetUrl())
        .isEqualTo("https://shop.example.com/item/500?v=2");
    assertThat(updated.get(500).tags()).containsExactlyInAnyOrder("bulk", "batch-2");
    // The redirect cache follows the change.
    try (Response redirect = collector.send(collector.request("/thousand-500").build())) {
      assertThat(redirect.header("Location")).isEqualTo("https://shop.example.com/item/500?v=2");
    }

    List<Long> ids = created.stream().map(LinkView::id).toList();
    assertThat(client.bulkDeleteLinks(new BulkIds(ids)).count()).isEqualTo(1_000);
    assertThat(count(client, null)).isZero();
    try (Response gone = collector.send(collector.request("/thousand-500").build())) {
      assertThat(gone.code()).isEqualTo(404);
    }
  }

  @Test
  void theThousandAndFirstLinkIsRefused() throws Exception {
    LinkscopeClient client = newWorkspace();
    assertStatus(
        () -> client.bulkCreateLinks(new BulkCreate(inputs("over-", 1_001))), 400, "at most 1000");
    assertThat(count(client, null)).isZero();
    List<Long> ids = new ArrayList<>();
    for (long i = 1; i <= 1_001; i++) {
      ids.add(i);
    }
    assertStatus(() -> client.bulkDeleteLinks(new BulkIds(ids)), 400, "at most 1000");
    assertStatus(() -> client.tagLinks(new BulkTags(ids, List.of("x"))), 400, "at most 1000");
    assertStatus(() -> client.bulkCreateLinks(new BulkCreate(List.of())), 400, "at least one");
    List<Long> withNull = new ArrayList<>();
    withNull.add(null);
    assertStatus(() -> client.bulkDeleteLinks(new BulkIds(withNull)), 400, "ids[0] is null");
  }

  @Test
  void oneBadItemRefusesTheWholeRequest() throws Exception {
    LinkscopeClient client = newWorkspace();
    List<LinkInput> withBadUrl = new ArrayList<>(inputs("bad-url-", 10));
    withBadUrl.set(5, LinkInput.to("ftp://files.example.com/").withSlug("bad-url-5"));
    assertStatus(
        () -> client.bulkCreateLinks(new BulkCreate(withBadUrl)),
        400,
        "links[5]: Field 'targetUrl'");
    assertThat(count(client, null)).isZero();

    List<LinkInput> twice = new ArrayList<>(inputs("twice-", 3));
    twice.add(LinkInput.to("https://example.com/").withSlug("twice-1"));
    assertStatus(() -> client.bulkCreateLinks(new BulkCreate(twice)), 409, "links[1]");

    LinkView existing = client.createLink(LinkInput.to("https://example.com/").withSlug("taken-7"));
    List<LinkInput> taken = inputs("taken-", 10);
    assertStatus(() -> client.bulkCreateLinks(new BulkCreate(taken)), 409, "links[7]");
    assertThat(count(client, null)).isEqualTo(1);

    List<LinkView> links = client.bulkCreateLinks(new BulkCreate(inputs("patch-", 3))).links();
    JsonObject good = new JsonObject();
    good.addProperty("title", "Changed");
    JsonObject bad = new JsonObject();
    bad.addProperty("redirectType", 303);
    assertStatus(
        () ->
            client.bulkUpdateLinks(
                new BulkUpdate(
                    List.of(
                        new BulkPatch(links.get(0).id(), good),
                        new BulkPatch(links.get(1).id(), bad)))),
        400,
        "items[1]: Field 'redirectType'");
    assertThat(client.link(links.get(0).id()).title()).isEmpty();
    JsonObject slugOfAnother = new JsonObject();
    slugOfAnother.addProperty("slug", existing.slug());
    assertStatus(
        () ->
            client.bulkUpdateLinks(
                new BulkUpdate(List.of(new BulkPatch(links.get(2).id(), slugOfAnother)))),
        409,
        "taken-7");
    assertStatus(
        () -> client.bulkDeleteLinks(new BulkIds(List.of(links.get(0).id(), 999_999_999L))),
        404,
        "ids[1]");
    assertThat(count(client, null)).isEqualTo(4);

    // Another workspace's link is not there for this one.
    LinkscopeClient other = newWorkspace();
    assertStatus(
        () -> other.bulkDeleteLinks(new BulkIds(List.of(links.get(0).id()))), 404, "ids[0]");
    assertThat(count(client, null)).isEqualTo(4);
  }

  @Test
  void slugsMoveAlongAChainAndSwapWithinOneUpdate() throws Exception {
    LinkscopeClient client = newWorkspace();
    List<LinkView> links =
        client
            .bulkCreateLinks(
                new BulkCreate(
                    List.of(
                        LinkInput.to("https://example.com/x").withSlug("chain-a"),
                        LinkInput.to("https://example.com/y").withSlug("chain-b"),
                        LinkInput.to("https://example.com/p").withSlug("swap-1"),
                        LinkInput.to("https://example.com/q").withSlug("swap-2"))))
            .links();
    // X takes B's slug in item 0, before B moves on to C in item 1; P and Q swap.
    List<LinkView> moved =
        client
            .bulkUpdateLinks(
                new BulkUpdate(
                    List.of(
                        new BulkPatch(links.get(0).id(), slug("chain-b")),
                        new BulkPatch(links.get(1).id(), slug("chain-c")),
                        new BulkPatch(links.get(2).id(), slug("swap-2")),
                        new BulkPatch(links.get(3).id(), slug("swap-1")))))
            .links();
    assertThat(moved)
        .extracting(LinkView::slug)
        .containsExactly("chain-b", "chain-c", "swap-2", "swap-1");
    assertThat(location("chain-a")).isNull();
    assertThat(location("chain-b")).isEqualTo("https://example.com/x");
    assertThat(location("chain-c")).isEqualTo("https://example.com/y");
    assertThat(location("swap-1")).isEqualTo("https://example.com/q");
    assertThat(location("swap-2")).isEqualTo("https://example.com/p");

    // A slug still held by a link outside the request stays refused, naming the item.
    assertStatus(
        () ->
            client.bulkUpdateLinks(
                new BulkUpdate(
                    List.of(
                        new BulkPatch(links.get(2).id(), slug("chain-a")),
                        new BulkPatch(links.get(3).id(), slug("chain-b"))))),
        409,
        "items[1]: the slug 'chain-b' is already used");
    assertThat(client.link(links.get(2).id()).slug()).isEqualTo("swap-2");
  }

  private static JsonObject slug(String slug) {
    JsonObject patch = new JsonObject();
    patch.addProperty("slug", slug);
    return patch;
  }

  /** Where the collector sends a visitor of {@code slug}, or null when it answers otherwise. */
  private static String location(String slug) throws Exception {
    try (Response response = collector.send(collector.request("/" + slug).build())) {
      return response.code() == 302 ? response.header("Location") : null;
    }
  }

  @Test
  void tagsAreAddedToAndTakenOffManyLinks() throws Exception {
    LinkscopeClient client = newWorkspace();
    List<LinkView> links = client.bulkCreateLinks(new BulkCreate(inputs("tags-", 300))).links();
    List<Long> ids = links.stream().map(LinkView::id).toList();
    assertThat(client.tagLinks(new BulkTags(ids, List.of("Summer", "sale"))).count())
        .isEqualTo(300);
    assertThat(count(client, "summer")).isEqualTo(300);
    assertThat(client.link(ids.get(0)).tags())
        .containsExactlyInAnyOrder("bulk", "batch-0", "summer", "sale");
    // Tagging again changes nothing.
    client.tagLinks(new BulkTags(ids, List.of("sale")));
    assertThat(count(client, "sale")).isEqualTo(300);

    assertThat(
            client.untagLinks(new BulkTags(ids.subList(0, 100), List.of("sale", "bulk"))).count())
        .isEqualTo(100);
    assertThat(count(client, "sale")).isEqualTo(200);
    assertThat(count(client, "bulk")).isEqualTo(200);
    assertThat(client.link(ids.get(0)).tags()).containsExactlyInAnyOrder("batch-0", "summer");
    assertThat(client.link(ids.get(0)).updatedAt()).isAfter(links.get(0).updatedAt());

    assertStatus(() -> client.tagLinks(new BulkTags(ids, List.of("!bad"))), 400, "tags");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 19; i++) {
      many.add("t" + i);
    }
    assertStatus(() -> client.tagLinks(new BulkTags(ids, many)), 400, "at most 20");
    assertThat(count(client, "t0")).isZero();
  }
}
