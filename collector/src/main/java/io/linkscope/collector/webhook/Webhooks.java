package io.linkscope.collector.webhook;

import io.linkscope.api.webhook.WebhookEvents;
import io.linkscope.collector.click.EnrichedClick;
import io.linkscope.collector.conversion.StoredConversion;
import io.linkscope.collector.ops.Metrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook feature as the composition root sees it: the outbox writers it hands to the click
 * pipeline, the conversion journal and the link and page stores, the sender, the API handlers and
 * the health check.
 */
public final class Webhooks implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Webhooks.class);
  private static final Duration REFRESH = Duration.ofSeconds(5);
  private static final Duration PURGE_EVERY = Duration.ofMinutes(1);

  private final Endpoints endpoints;
  private final DeliveryLog deliveryLog;
  private final Outbox outbox;
  private final Sender sender;
  private final Targets targets;
  private final WebhookOptions options;
  private final Clock clock;
  private final Thread maintenance;
  private volatile Subscriptions subscriptions = Subscriptions.NONE;
  private volatile List<String> disabled = List.of();
  private volatile boolean running = true;

  public Webhooks(DataSource dataSource, WebhookOptions options, Clock clock, Metrics metrics) {
    this.options = options;
    this.clock = clock;
    this.endpoints = new Endpoints(dataSource);
    this.deliveryLog = new DeliveryLog(dataSource);
    this.targets = Targets.system(options.allowPrivateTargets());
    this.sender =
        new Sender(
            dataSource, options, targets, clock, () -> subscriptions, this::refresh, metrics);
    this.outbox = new Outbox(() -> subscriptions, sender::wake);
    this.maintenance = Thread.ofVirtual().name("webhook-maintenance").unstarted(this::maintain);
  }

  /** Loads the endpoints and starts delivering. */
  public void start() {
    refresh();
    sender.start();
    maintenance.start();
  }

  /**
   * Writes the events of a batch of stored clicks, on the connection of the transaction that stores
   * them: {@code link.clicked}, {@code page.viewed} and {@code widget.tapped} for the endpoints
   * that subscribe. Costs nothing when none does.
   */
  public void clicksStored(Connection c, List<EnrichedClick> clicks) throws SQLException {
    List<EnrichedClick> wanted = null;
    for (EnrichedClick click : clicks) {
      String type = Payloads.type(click.event().kind());
      if (type != null && outbox.wanted(click.event().workspaceId(), type)) {
        if (wanted == null) {
          wanted = new ArrayList<>();
        }
        wanted.add(click);
      }
    }
    if (wanted == null) {
      return;
    }
    Map<Long, String[]> links = Payloads.links(c, wanted);
    List<Outbox.Event> events = new ArrayList<>(wanted.size());
    for (EnrichedClick click : wanted) {
      String type = Objects.requireNonNull(Payloads.type(click.event().kind()));
      events.add(Payloads.click(type, click, links.get(click.event().linkId())));
    }
    outbox.write(c, events, clock.instant());
  }

  /**
   * Writes the event of a link or page change ({@code link.created}, {@code link.updated}, {@code
   * link.deleted}, {@code page.published}) in the change's transaction, when an endpoint wants it.
   */
  public void changed(Connection c, String type, long workspaceId, long id) throws SQLException {
    if (!outbox.wanted(workspaceId, type)) {
      return;
    }
    Optional<Outbox.Event> event =
        type.equals(WebhookEvents.PAGE_PUBLISHED)
            ? Payloads.page(c, type, workspaceId, id, clock.instant())
            : Payloads.link(c, type, workspaceId, id, clock.instant());
    if (event.isPresent()) {
      outbox.write(c, List.of(event.get()), clock.instant());
    }
  }

  /** Writes the {@code conversion.created} events of a stored batch of conversions. */
  public void conversionsStored(Connection c, List<StoredConversion> conversions)
      throws SQLException {
    List<StoredConversion> wanted = new ArrayList<>();
    for (StoredConversion conversion : conversions) {
      if (outbox.wanted(conversion.workspaceId(), WebhookEvents.CONVERSION_CREATED)) {
        wanted.add(conversion);
      }
    }
    if (!wanted.isEmpty()) {
      outbox.write(c, Payloads.conversions(c, wanted), clock.instant());
    }
  }

  /** The handlers of {@code /api/v1/webhooks}. */
  public WebhookHandlers handlers() {
    return new WebhookHandlers(
        endpoints, deliveryLog, sender, targets, options, clock, this::refresh);
  }

  /** Endpoints disabled after a day of failures, and deliveries waiting for MariaDB. */
  public Optional<String> problem() {
    List<String> off = disabled;
    Optional<String> waiting = sender.problem();
    if (off.isEmpty()) {
      return waiting;
    }
    String endpointsOff = "webhook endpoints disabled after failing: " + String.join(", ", off);
    return Optional.of(waiting.map(w -> w + "; " + endpointsOff).orElse(endpointsOff));
  }

  /**
   * Reads the endpoints again, after a change here or to see changes made elsewhere (the change
   * feed, the API handlers, the sender and a timer all call it). One at a time: two overlapping
   * reads could otherwise finish in the wrong order and leave the older view in place.
   */
  public synchronized void refresh() {
    try {
      subscriptions = new Subscriptions(endpoints.receiving());
      List<String> off = new ArrayList<>();
      for (Endpoint endpoint : endpoints.disabledByFailures()) {
        off.add("endpoint " + endpoint.id() + " (" + endpoint.url() + ")");
      }
      disabled = List.copyOf(off);
    } catch (SQLException e) {
      log.debug("Webhook endpoints could not be read again: {}", e.getMessage());
    }
  }

  private void maintain() {
    long lastPurge = 0;
    while (running) {
      try {
        Thread.sleep(REFRESH);
      } catch (InterruptedException e) {
        return;
      }
      refresh();
      if (System.nanoTime() - lastPurge > PURGE_EVERY.toNanos()) {
        lastPurge = System.nanoTime();
        purge();
      }
    }
  }

  private void purge() {
    try {
      int rounds = 0;
      int deleted;
      do {
        deleted = deliveryLog.purge(clock.instant().minus(options.retention()));
        rounds++;
      } while (deleted > 0 && rounds < 100 && running);
    } catch (SQLException e) {
      log.debug("Old webhook events could not be purged now: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    running = false;
    maintenance.interrupt();
    sender.close();
  }
}
