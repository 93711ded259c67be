package io.linkscope.desktop.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.desktop.testsupport.Sessions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionTest {
  @TempDir Path directory;

  @Test
  void aSyncThatCannotReachTheCollectorGoesOfflineWithoutReloadingTheScreens() {
    try (Session session = Sessions.open(directory, Sessions.UNREACHABLE, "lsk_unused")) {
      session.sync();

      assertThat(session.onlineProperty().get()).isFalse();
      assertThat(session.statusProperty().get()).startsWith("Offline");
      assertThat(session.dataVersionProperty().get()).isZero();
    }
  }

  @Test
  void theSyncTimeIsAsShortAsTheTopBarNeedsInTheFormatLocale() {
    Locale before = Locale.getDefault(Locale.Category.FORMAT);
    Clock clock = Clock.fixed(Instant.parse("2026-12-05T11:00:00Z"), ZoneOffset.UTC);
    try {
      Locale.setDefault(Locale.Category.FORMAT, Locale.UK);
      assertThat(Session.syncedAt(Instant.parse("2026-12-05T09:07:00Z"), clock, ZoneOffset.UTC))
          .isEqualTo("09:07");
      assertThat(Session.syncedAt(Instant.parse("2026-11-20T15:02:00Z"), clock, ZoneOffset.UTC))
          .isEqualTo("20 Nov, 15:02");
      assertThat(Session.syncedAt(Instant.parse("2025-11-20T15:02:00Z"), clock, ZoneOffset.UTC))
          .isEqualTo("20 Nov 2025, 15:02");
      Locale.setDefault(Locale.Category.FORMAT, Locale.US);
      assertThat(Session.syncedAt(Instant.parse("2026-11-20T15:02:00Z"), clock, ZoneOffset.UTC))
          .matches("Nov 20, 3:02\\hPM");
    } finally {
      Locale.setDefault(Locale.Category.FORMAT, before);
    }
  }

  @Test
  void theSyncTimeIsShownInTheWindowsZoneNotTheClocks() {
    Locale before = Locale.getDefault(Locale.Category.FORMAT);
    Clock utc = Clock.fixed(Instant.parse("2026-12-05T23:50:00Z"), ZoneOffset.UTC);
    try {
      Locale.setDefault(Locale.Category.FORMAT, Locale.UK);
      // 09:07 today in UTC; in Berlin it is already 6 Dec, so the sync was yesterday there.
      assertThat(Session.syncedAt(Instant.parse("2026-12-05T09:07:00Z"), utc, ZoneOffset.UTC))
          .isEqualTo("09:07");
      assertThat(
              Session.syncedAt(
                  Instant.parse("2026-12-05T09:07:00Z"), utc, ZoneId.of("Europe/Berlin")))
          .isEqualTo("5 Dec, 10:07");
      // Already the next day in Tokyo, for the sync as for now: a time of today there.
      assertThat(
              Session.syncedAt(Instant.parse("2026-12-05T23:30:00Z"), utc, ZoneId.of("Asia/Tokyo")))
          .isEqualTo("08:30");
      // Today in UTC, yesterday in Tokyo's terms.
      assertThat(
              Session.syncedAt(Instant.parse("2026-12-05T14:30:00Z"), utc, ZoneId.of("Asia/Tokyo")))
          .isEqualTo("5 Dec, 23:30");
    } finally {
      Locale.setDefault(Locale.Category.FORMAT, before);
    }
  }
}
