package io.linkscope.desktop.webhooks;

import io.linkscope.api.webhook.WebhookAttempt;
import io.linkscope.api.webhook.WebhookEndpointView;
import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.desktop.ui.Formats;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** How endpoints, their states, events and attempts read on the screen. */
public final class WebhookLabels {
  /** The type of the collector's test events: sent once and not kept, so not redelivered. */
  public static final String TEST_EVENT = "webhook.test";

  private static final Map<String, String> EVENT_NAMES =
      Map.of(
          WebhookEvents.LINK_CLICKED,
          "Link clicked",
          WebhookEvents.PAGE_VIEWED,
          "Bio page viewed",
          WebhookEvents.WIDGET_TAPPED,
          "Widget tapped",
          WebhookEvents.CONVERSION_CREATED,
          "Conversion reported",
          WebhookEvents.LINK_CREATED,
          "Link created",
          WebhookEvents.LINK_UPDATED,
          "Link changed",
          WebhookEvents.LINK_DELETED,
          "Link deleted",
          WebhookEvents.PAGE_PUBLISHED,
          "Bio page published",
          TEST_EVENT,
          "Test event");

  private WebhookLabels() {}

  /** "Link clicked (link.clicked)"'s first half; a type the app does not know, as sent. */
  public static String event(String type) {
    return EVENT_NAMES.getOrDefault(type, type);
  }

  /** "Link clicked, Conversion reported" or "all 8 events". */
  public static String events(List<String> types) {
    if (types.containsAll(WebhookEvents.ALL)) {
      return "all " + WebhookEvents.ALL.size() + " events";
    }
    return String.join(", ", types.stream().map(WebhookLabels::event).toList());
  }

  /**
   * True when the collector disabled the endpoint itself, after its deliveries failed for as long
   * as its operator allows (a day unless configured otherwise).
   */
  public static boolean disabledByFailures(WebhookEndpointView endpoint) {
    String reason = endpoint.disabledReason();
    return WebhookEndpointView.DISABLED.equals(endpoint.state())
        && reason != null
        && reason.toLowerCase(Locale.ROOT).contains("fail");
  }

  /**
   * The endpoint's state in words: "Active", "Failing since 2 Dec 2026, 14:05", "Disabled after
   * failed deliveries", "Disabled", "Paused".
   */
  public static String state(WebhookEndpointView endpoint, ZoneId zone) {
    return switch (endpoint.state()) {
      case WebhookEndpointView.ACTIVE -> "Active";
      case WebhookEndpointView.FAILING -> {
        Instant since = endpoint.failingSince();
        yield since == null ? "Failing" : "Failing since " + Formats.dateTime(since, zone);
      }
      case WebhookEndpointView.DISABLED ->
          disabledByFailures(endpoint) ? "Disabled after failed deliveries" : "Disabled";
      case WebhookEndpointView.PAUSED -> "Paused";
      default -> endpoint.state();
    };
  }

  /** The style class of the state's pill: green, amber or red as for the connection's status. */
  public static String stateStyle(WebhookEndpointView endpoint) {
    return switch (endpoint.state()) {
      case WebhookEndpointView.ACTIVE -> "status-online";
      case WebhookEndpointView.DISABLED -> "status-rejected";
      default -> "status-offline";
    };
  }

  /**
   * What a disabled or failing endpoint needs the user to know, or "" for one that is fine: why it
   * stopped and how to start it again.
   */
  public static String warning(WebhookEndpointView endpoint, ZoneId zone) {
    if (disabledByFailures(endpoint)) {
      // The collector's reason: "deliveries failed for 24 h without a success; enable it again…".
      String reason = Objects.requireNonNull(endpoint.disabledReason()).strip();
      int end = reason.indexOf(';');
      return "The collector stopped sending to this endpoint: "
          + (end < 0 ? reason : reason.substring(0, end))
          + " ("
          + Formats.count(endpoint.pending(), "events")
          + " waiting). Fix the receiver, try it with Send test event, then Enable it again.";
    }
    if (WebhookEndpointView.DISABLED.equals(endpoint.state())) {
      String reason = endpoint.disabledReason();
      return "Disabled"
          + (reason == null || reason.isBlank() ? "" : " (" + reason.strip() + ")")
          + ": nothing is sent until it is enabled again.";
    }
    if (WebhookEndpointView.FAILING.equals(endpoint.state())) {
      return state(endpoint, zone)
          + ": deliveries are retried, and if they keep failing the collector disables the"
          + " endpoint. See the delivery log below.";
    }
    return "";
  }

  /** False for a test event's attempt: the collector keeps no test events to send again. */
  public static boolean redeliverable(WebhookAttempt attempt) {
    return !TEST_EVENT.equals(attempt.eventType());
  }

  /** "200 OK", "503", "No answer" (the response column says why). */
  public static String result(WebhookAttempt attempt) {
    Integer status = attempt.status();
    if (status == null) {
      return "No answer";
    }
    return status + (status >= 200 && status < 300 ? " OK" : "");
  }

  /** True for a 2xx answer. */
  public static boolean delivered(WebhookAttempt attempt) {
    Integer status = attempt.status();
    return status != null && status >= 200 && status < 300;
  }

  /** "84 ms" below a second, "1.2 s" from a second on. */
  public static String latency(WebhookAttempt attempt) {
    long millis = attempt.latencyMillis();
    return millis < 1000 ? millis + " ms" : String.format(Locale.US, "%.1f s", millis / 1000.0);
  }

  /**
   * A time as short as a table column needs: "20 Nov, 14:05" in the year of {@code now}, the whole
   * date and time in another year.
   */
  public static String when(Instant at, ZoneId zone, Instant now) {
    var time = at.atZone(zone);
    return time.getYear() == now.atZone(zone).getYear()
        ? Formats.dayMonthFormat().format(time) + ", " + Formats.time(time)
        : Formats.dateTime(time);
  }

  /** The start of the receiver's answer on one line, "" when there was none. */
  public static String excerpt(WebhookAttempt attempt) {
    String text = attempt.responseExcerpt();
    if (text == null || text.isBlank()) {
      return attempt.error() == null ? "" : attempt.error();
    }
    return text.strip().replaceAll("\\s+", " ");
  }
}
