package io.linkscope.desktop.testsupport;

import io.linkscope.api.link.LinkView;
import io.linkscope.api.sync.RollupRow;
import io.linkscope.desktop.store.LocalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic data written straight into a local store, as a sync would leave it: an agency's client
 * with a dozen campaign links and 90 days of hourly rollups with a daily rhythm.
 */
public final class SampleWorkspace {
  /** The "now" of every sample: a Friday afternoon. */
  public static final Instant NOW = Instant.parse("2026-11-20T15:30:00Z");

  private static final String[][] LINKS = {
    {
      "spring-sale",
      "Spring sale – Instagram bio",
      "https://shop.acme-coffee.example/collections/spring?ref=bio",
      "campaign-spring, instagram"
    },
    {
      "holiday-gift-guide",
      "Holiday gift guide 2026",
      "https://shop.acme-coffee.example/pages/gift-guide",
      "campaign-holiday, newsletter"
    },
    {
      "tiktok-cold-brew",
      "Cold brew launch (TikTok)",
      "https://shop.acme-coffee.example/products/cold-brew-concentrate",
      "campaign-coldbrew, tiktok"
    },
    {
      "podcast",
      "Podcast sponsorship – The Morning Grind",
      "https://acme-coffee.example/podcast?utm_source=podcast",
      "sponsorship"
    },
    {
      "subscribe",
      "Coffee subscription landing page",
      "https://shop.acme-coffee.example/pages/subscription",
      "evergreen"
    },
    {
      "barista-course",
      "Barista course sign-up",
      "https://events.acme-coffee.example/barista-course-winter-2026",
      "events"
    },
    {
      "store-berlin",
      "Berlin flagship store – opening hours and directions for visitors",
      "https://maps.example.com/?q=Acme+Coffee+Berlin+Mitte",
      "stores, de"
    },
    {
      "store-london",
      "London Shoreditch store",
      "https://maps.example.com/?q=Acme+Coffee+Shoreditch",
      "stores, uk"
    },
    {"menu-qr", "Café menu (table QR codes)", "https://acme-coffee.example/menu", "qr, in-store"},
    {
      "newsletter-nov",
      "November newsletter – origin story Ethiopia",
      "https://acme-coffee.example/blog/ethiopia-yirgacheffe",
      "newsletter"
    },
    {
      "yt-latte-art",
      "Latte art tutorial (YouTube)",
      "https://youtube.example.com/watch?v=acme-latte-art",
      "youtube"
    },
    {"careers", "Careers", "https://acme-coffee.example/careers", "evergreen"},
  };
  private static final double[] LINK_WEIGHT = {9, 7, 6, 3, 4, 1.5, 1.2, 1.4, 2.5, 2, 1.8, 0.4};
  private static final String[][] COUNTRIES = {
    {"US", "30"}, {"GB", "14"}, {"DE", "13"}, {"FR", "6"}, {"CA", "6"}, {"AU", "4"}, {"NL", "4"},
    {"JP", "3"}, {"BR", "3"}, {"ES", "3"}, {"IN", "3"}, {"SE", "2"}, {"IT", "2"}, {"MX", "2"},
    {"ZA", "1"}, {"KR", "1"}, {"PL", "1"}, {"unknown", "1"}
  };
  private static final String[][] DEVICES = {{"mobile", "64"}, {"desktop", "30"}, {"tablet", "6"}};
  private static final String[][] BROWSERS = {
    {"Chrome", "45"},
    {"Safari", "33"},
    {"Instagram", "8"},
    {"Firefox", "6"},
    {"Edge", "5"},
    {"Samsung Internet", "3"}
  };
  private static final String[][] OSES = {
    {"iOS", "38"}, {"Android", "30"}, {"Windows", "18"}, {"macOS", "12"}, {"Linux", "2"}
  };
  private static final String[][] IN_APP = {
    {"", "70"}, {"Instagram", "16"}, {"TikTok", "7"}, {"Facebook", "5"}, {"LinkedIn", "2"}
  };
  private static final String[][] SOURCES = {
    {"Instagram", "28"},
    {"Direct", "24"},
    {"Google", "14"},
    {"Email", "12"},
    {"TikTok", "9"},
    {"Facebook", "6"},
    {"YouTube", "4"},
    {"Other", "3"}
  };
  private static final String[][] UTM_SOURCES = {
    {"", "55"}, {"instagram", "20"}, {"newsletter", "12"}, {"tiktok", "8"}, {"podcast", "5"}
  };
  private static final String[][] UTM_MEDIUMS = {
    {"", "55"}, {"social", "28"}, {"email", "12"}, {"audio", "5"}
  };
  private static final String[][] UTM_CAMPAIGNS = {
    {"", "55"}, {"spring-2026", "18"}, {"holiday-2026", "15"}, {"coldbrew-launch", "12"}
  };

  private SampleWorkspace() {}

  public static List<LinkView> links() {
    List<LinkView> links = new ArrayList<>();
    for (int i = 0; i < LINKS.length; i++) {
      String[] link = LINKS[i];
      Instant created = NOW.minus(Duration.ofDays(120 - i * 7L));
      links.add(
          LinkView.builder()
              .id(i + 1)
              .slug(link[0])
              .shortUrl("https://go.acme-coffee.example/" + link[0])
              .targetUrl(link[2])
              .title(link[1])
              .tags(List.of(link[3].split(",\\s*")))
              .createdAt(created)
              .build());
    }
    return links;
  }

  private static Path template;

  /**
   * Copies a store holding the sample (90 days) to {@code file}: writing it takes seconds, so one
   * JVM writes it once.
   */
  public static synchronized void copyTo(Path file) {
    try {
      if (template == null) {
        Path directory = Files.createTempDirectory("linkscope-sample");
        template = directory.resolve("sample.sqlite");
        try (LocalStore store = LocalStore.open(template)) {
          write(store, 90);
          store.query(c -> c.createStatement().execute("pragma wal_checkpoint(truncate)"));
        }
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.copy(template, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static final String[][] WIDGETS = {
    {"heading", "Shop our coffee", ""},
    {"link", "Spring sale – 20 % off single origins", "https://shop.acme-coffee.example/spring"},
    {"link", "Coffee subscription", "https://shop.acme-coffee.example/subscription"},
    {"link", "Barista course sign-up (winter 2026)", "https://events.acme-coffee.example/barista"},
    {"video", "How we roast", "https://youtube.example.com/watch?v=acme-roast"},
    {"email", "Write to us", "mailto:hello@acme-coffee.example"},
  };
  private static final double[] WIDGET_TAPS = {0, 0.9, 0.6, 0.25, 0.3, 0.08};

  /** The client's bio page with six widgets. */
  public static io.linkscope.api.bio.BioPageView page() {
    List<io.linkscope.api.bio.BioWidgetView> widgets = new ArrayList<>();
    for (int i = 0; i < WIDGETS.length; i++) {
      widgets.add(
          new io.linkscope.api.bio.BioWidgetView(
              100 + i, WIDGETS[i][0], i, WIDGETS[i][1], WIDGETS[i][2], null, null, null));
    }
    return new io.linkscope.api.bio.BioPageView(
        1,
        "acme.coffee",
        "",
        "https://go.acme-coffee.example/@acme.coffee",
        "Acme Coffee Roasters",
        "Small-batch roasters from Berlin and London.",
        null,
        new io.linkscope.api.bio.BioTheme(
            "forest", "#14532d", null, "#ffffff", "#bbf7d0", "#14532d", "sans", "pill"),
        null,
        null,
        null,
        true,
        widgets,
        NOW.minus(Duration.ofDays(200)),
        NOW.minus(Duration.ofDays(3)));
  }

  /** Writes the links and {@code days} days of hourly rollups ending at {@link #NOW}. */
  public static void write(LocalStore store, int days) {
    Random random = new Random(42);
    List<LinkView> links = links();
    long[] totals = new long[links.size()];
    List<RollupRow> rows = new ArrayList<>();
    Instant end = NOW.truncatedTo(java.time.temporal.ChronoUnit.HOURS);
    for (Instant hour = end.minus(Duration.ofDays(days));
        !hour.isAfter(end);
        hour = hour.plusSeconds(3600)) {
      ZonedDateTime utc = hour.atZone(ZoneOffset.UTC);
      double rhythm = 0.25 + Math.pow(Math.sin(Math.PI * ((utc.getHour() + 17) % 24) / 24.0), 2);
      double weekday = utc.getDayOfWeek().getValue() >= 6 ? 1.35 : 1.0;
      double growth = 0.6 + 0.4 * (1 - Duration.between(hour, end).toHours() / (days * 24.0));
      for (int i = 0; i < links.size(); i++) {
        double mean = LINK_WEIGHT[i] * rhythm * weekday * growth * 1.3;
        long clicks = poisson(random, mean);
        if (clicks == 0) {
          continue;
        }
        long id = i + 1;
        totals[i] += clicks;
        long uniques = Math.max(1, Math.round(clicks * 0.82));
        rows.add(
            new RollupRow(
                "link",
                id,
                hour,
                "click",
                "total",
                "",
                clicks,
                uniques,
                random.nextInt(3) == 0 ? 1 : 0));
        spread(rows, random, id, hour, "country", COUNTRIES, clicks);
        spread(rows, random, id, hour, "device", DEVICES, clicks);
        spread(rows, random, id, hour, "browser", BROWSERS, clicks);
        spread(rows, random, id, hour, "os", OSES, clicks);
        spread(rows, random, id, hour, "in_app", IN_APP, clicks);
        spread(rows, random, id, hour, "source", SOURCES, clicks);
        spread(rows, random, id, hour, "utm_source", UTM_SOURCES, clicks);
        spread(rows, random, id, hour, "utm_medium", UTM_MEDIUMS, clicks);
        spread(rows, random, id, hour, "utm_campaign", UTM_CAMPAIGNS, clicks);
      }
      long views = poisson(random, 3.5 * rhythm * weekday);
      if (views > 0) {
        rows.add(new RollupRow("page", 1, hour, "view", "total", "", views, views, 0));
        for (int w = 0; w < WIDGET_TAPS.length; w++) {
          long taps = poisson(random, views * WIDGET_TAPS[w] * 0.45);
          if (taps > 0) {
            rows.add(
                new RollupRow(
                    "page", 1, hour, "tap", "widget", Long.toString(100 + w), taps, taps, 0));
          }
        }
      }
      if (rows.size() > 20_000) {
        store.upsertRollups(rows);
        rows.clear();
      }
    }
    store.upsertRollups(rows);
    List<LinkView> withTotals = new ArrayList<>();
    for (int i = 0; i < links.size(); i++) {
      LinkView l = links.get(i);
      withTotals.add(l.toBuilder().totalClicks(totals[i]).build());
    }
    store.upsertLinks(withTotals, List.of());
    store.replacePages(List.of(page()));
    store.putState("synced.at", NOW.minus(Duration.ofMinutes(28)).toString());
  }

  private static void spread(
      List<RollupRow> rows,
      Random random,
      long id,
      Instant hour,
      String dimension,
      String[][] values,
      long clicks) {
    long[] counts = new long[values.length];
    double sum = 0;
    for (String[] value : values) {
      sum += Double.parseDouble(value[1]);
    }
    for (long c = 0; c < clicks; c++) {
      double pick = random.nextDouble() * sum;
      for (int v = 0; v < values.length; v++) {
        pick -= Double.parseDouble(values[v][1]);
        if (pick <= 0 || v == values.length - 1) {
          counts[v]++;
          break;
        }
      }
    }
    for (int v = 0; v < values.length; v++) {
      if (counts[v] > 0) {
        rows.add(
            new RollupRow(
                "link", id, hour, "click", dimension, values[v][0], counts[v], counts[v], 0));
      }
    }
  }

  private static long poisson(Random random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    long count = 0;
    while (product > limit) {
      product *= random.nextDouble();
      count++;
    }
    return count;
  }
}
