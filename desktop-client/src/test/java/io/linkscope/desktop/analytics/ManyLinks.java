package io.linkscope.desktop.analytics;

import io.linkscope.api.link.LinkView;
import io.linkscope.desktop.store.LocalStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** An agency's long list of links (without clicks) added to a store, for the pickers. */
final class ManyLinks {
  private static final String[] CLIENTS = {
    "Acme Coffee", "Nordwind Bikes", "Harbor Dental", "Lumen Studio", "Pine & Oak Furniture",
    "Kite Travel", "Brightside Bakery", "Vela Yoga", "Orbit Games", "Tidewater Realty"
  };
  private static final String[] CHANNELS = {
    "Instagram bio", "TikTok ad", "Newsletter", "Podcast", "QR poster", "YouTube description"
  };

  private ManyLinks() {}

  static void addTo(LocalStore store, int count) {
    List<LinkView> links = new ArrayList<>();
    Instant created = Instant.parse("2026-06-01T09:00:00Z");
    for (int i = 0; i < count; i++) {
      String client = CLIENTS[i % CLIENTS.length];
      String channel = CHANNELS[(i / CLIENTS.length) % CHANNELS.length];
      String slug =
          client.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "-")
              + "-"
              + channel.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "-")
              + "-"
              + (i + 1);
      links.add(
          LinkView.builder()
              .id(10_000 + i)
              .slug(slug)
              .domain("go.example.com")
              .shortUrl("https://go.example.com/" + slug)
              .targetUrl("https://example.com/" + slug)
              .title(client + " – " + channel + " #" + (i + 1))
              .tags(List.of("client-" + (i % CLIENTS.length)))
              .forwardQuery(false)
              .createdAt(created)
              .build());
    }
    store.upsertLinks(links, List.of());
  }
}
