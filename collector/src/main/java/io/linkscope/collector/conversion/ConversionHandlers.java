package io.linkscope.collector.conversion;

import io.linkscope.api.Json;
import io.linkscope.api.conversion.ConversionInput;
import io.linkscope.api.conversion.ConversionReceipt;
import io.linkscope.api.conversion.PostbackSecret;
import io.linkscope.collector.db.Sql;
import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.Reply;
import io.linkscope.collector.journal.JournalFullException;
import io.linkscope.collector.ops.Metrics;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Conversions coming in: {@code POST /api/v1/conversions} with an API key, and the signed
 * server-to-server postback {@code GET /api/v1/postback/{workspace}}; both validate, then journal
 * the conversion ({@link ConversionJournal}) before answering. Also the postback secret's
 * endpoints.
 */
public final class ConversionHandlers {
  private static final Logger log = LoggerFactory.getLogger(ConversionHandlers.class);
  private static final BigDecimal MAX_VALUE = new BigDecimal("99999999999999");

  private final ConversionJournal journal;
  private final DataSource dataSource;
  private final PostbackSecrets secrets;
  private final URI baseUrl;
  private final Clock clock;
  private final Metrics.Counter journaled;
  private final Metrics.Counter duplicates;
  private final Metrics.Counter refusedPostbacks;

  public ConversionHandlers(
      ConversionJournal journal, DataSource dataSource, URI baseUrl, Clock clock, Metrics metrics) {
    this.journal = journal;
    this.dataSource = dataSource;
    this.secrets = new PostbackSecrets(dataSource, clock);
    this.baseUrl = baseUrl;
    this.clock = clock;
    this.journaled =
        metrics.counter(
            "linkscope_conversions_journaled_total",
            "Conversions (API and postback) appended to the conversion journal.");
    this.duplicates =
        metrics.counter(
            "linkscope_conversions_duplicate_total",
            "Conversions answered as duplicates: their event id was stored already.");
    this.refusedPostbacks =
        metrics.counter(
            "linkscope_postbacks_refused_total",
            "Postbacks refused for a missing or invalid signature.");
  }

  /**
   * Forgets the remembered postback secrets of these workspaces, changed through another collector
   * on the database (the change feed).
   */
  public void forgetSecrets(Collection<Long> workspaceIds) {
    secrets.forget(workspaceIds);
  }

  /** Forgets every remembered postback secret, when changes may have been missed. */
  public void forgetAllSecrets() {
    secrets.forgetAll();
  }

  /** {@code POST /api/v1/conversions}: 202 once journaled, 200 when the event is stored already. */
  public Reply report(ApiRequest request) throws Exception {
    ConversionInput input = Json.readStrict(request.body(), ConversionInput.class);
    Conversion conversion =
        validate(
            request.workspaceId(),
            Fields.field("eventId", input.eventId()),
            Fields.field("clickId", input.clickId()),
            Fields.field("event", input.event()),
            input.value(),
            input.currency(),
            input.occurredAt(),
            Conversion.Via.API,
            false);
    return accept(conversion);
  }

  /**
   * {@code GET /api/v1/postback/{workspace}?click_id=&event_id=&event=&value=&currency=&sig=}: the
   * same as {@link #report} for platforms that can only call a URL, authenticated by {@code sig}
   * instead of a key. A replayed postback is the same event id and is stored once.
   */
  public Reply postback(ApiRequest request) throws Exception {
    long workspaceId;
    try {
      workspaceId = Long.parseLong(request.path("workspace"));
    } catch (NumberFormatException e) {
      throw HttpError.notFound("The workspace");
    }
    String clickId = request.query("click_id").orElse("");
    String eventId = request.query("event_id").orElse("");
    String event = request.query("event").orElse("");
    String value = request.query("value").orElse("");
    String currency = request.query("currency").orElse("");
    String signature = request.query("sig").orElse("");
    if (signature.isEmpty()) {
      refusedPostbacks.increment();
      throw new HttpError(
          401, "signature_required", "The postback is not signed: give 'sig' (see the README).");
    }
    String message = PostbackSecrets.message(workspaceId, clickId, eventId, event, value, currency);
    if (!secrets.verify(workspaceId, message, signature)) {
      refusedPostbacks.increment();
      throw new HttpError(
          403,
          "invalid_signature",
          "The signature does not match the postback's parameters and the workspace's secret.");
    }
    BigDecimal amount = null;
    if (!value.isEmpty()) {
      try {
        amount = new BigDecimal(value);
      } catch (NumberFormatException e) {
        throw HttpError.invalidParameter("value", "must be an amount such as 19.90.");
      }
    }
    Conversion conversion =
        validate(
            workspaceId,
            Fields.parameter("event_id", eventId),
            Fields.parameter("click_id", clickId),
            Fields.parameter("event", event),
            amount,
            currency.isEmpty() ? null : currency,
            null,
            Conversion.Via.POSTBACK,
            true);
    return accept(conversion);
  }

  /** {@code GET /api/v1/conversions/postback-secret}: the secret (created on first use). */
  public Reply secret(ApiRequest request) throws Exception {
    return Reply.ok(
        new PostbackSecret(secrets.secret(request.workspaceId()), postbackUrl(request)));
  }

  /** {@code POST /api/v1/conversions/postback-secret}: a new secret; the old one stops working. */
  public Reply rotateSecret(ApiRequest request) throws Exception {
    return Reply.ok(
        new PostbackSecret(secrets.rotate(request.workspaceId()), postbackUrl(request)));
  }

  private String postbackUrl(ApiRequest request) {
    return baseUrl.toString().replaceAll("/+$", "") + "/api/v1/postback/" + request.workspaceId();
  }

  private Reply accept(Conversion conversion) throws IOException {
    ConversionReceipt duplicate = new ConversionReceipt(conversion.eventId(), "duplicate");
    if (storedAlready(conversion)) {
      duplicates.increment();
      return Reply.ok(duplicate);
    }
    try {
      journal.append(conversion);
    } catch (JournalFullException e) {
      log.error("A conversion was refused: the conversion journal is full. {}", e.getMessage());
      throw new HttpError(
          503, "journal_full", "The collector cannot take conversions right now; send it again.");
    }
    journaled.increment();
    return new Reply(
        202,
        "application/json; charset=utf-8",
        Json.write(new ConversionReceipt(conversion.eventId(), "accepted"))
            .getBytes(StandardCharsets.UTF_8),
        Map.of());
  }

  /**
   * Whether the event is in MariaDB already, to tell the sender; without MariaDB the conversion is
   * journaled anyway and the unique key drops a repeat later.
   */
  private boolean storedAlready(Conversion conversion) {
    if (journal.problem().isPresent()) {
      // MariaDB is away: answer from the journal at once instead of waiting for a connection.
      return false;
    }
    try {
      return Sql.of(
              "SELECT 1 FROM conversion WHERE workspace_id = ? AND event_id = ?",
              conversion.workspaceId(),
              conversion.eventId())
          .one(dataSource, row -> true)
          .isPresent();
    } catch (SQLException e) {
      return false;
    }
  }

  /** A field's name as the sender knows it (JSON field or query parameter) and its value. */
  private record Fields(String name, @Nullable String value, boolean parameter) {
    static Fields field(String name, @Nullable String value) {
      return new Fields(name, value, false);
    }

    static Fields parameter(String name, String value) {
      return new Fields(name, value.isEmpty() ? null : value, true);
    }

    HttpError invalid(String message) {
      return parameter
          ? HttpError.invalidParameter(name, message)
          : HttpError.invalidField(name, message);
    }
  }

  private Conversion validate(
      long workspaceId,
      Fields eventId,
      Fields clickId,
      Fields event,
      @Nullable BigDecimal value,
      @Nullable String currency,
      @Nullable Instant occurredAt,
      Conversion.Via via,
      boolean parameters) {
    String id = eventId.value();
    if (id == null || id.isBlank() || id.length() > 128 || hasControl(id)) {
      throw eventId.invalid("is required: your id of the event, 1 to 128 characters.");
    }
    String click = clickId.value();
    UUID clickUuid = click == null ? null : ClickIds.parse(click).orElse(null);
    if (clickUuid == null) {
      throw clickId.invalid(
          "must be the click id the link appended to its destination (a UUID such as"
              + " 0190c6c2-5b4e-7a8e-9d3f-2a1b3c4d5e6f).");
    }
    String name = event.value();
    if (name == null || name.isBlank() || name.length() > 64 || hasControl(name)) {
      throw event.invalid("is required: what happened, e.g. purchase, 1 to 64 characters.");
    }
    if (value != null
        && (value.signum() < 0 || value.scale() > 4 || value.compareTo(MAX_VALUE) > 0)) {
      throw invalid(parameters, "value", "must be an amount such as 19.90, not negative.");
    }
    if (value != null && (currency == null || !currency.matches("[A-Z]{3}"))) {
      throw invalid(parameters, "currency", "must be an ISO 4217 code such as EUR with a value.");
    }
    if (value == null && currency != null) {
      throw invalid(parameters, "currency", "is only given together with a value.");
    }
    Instant now = clock.instant();
    if (occurredAt != null
        && (occurredAt.isAfter(now.plus(Duration.ofDays(1)))
            || occurredAt.isBefore(Instant.parse("2000-01-01T00:00:00Z")))) {
      throw HttpError.invalidField("occurredAt", "must be a time between 2000 and now.");
    }
    return new Conversion(
        workspaceId,
        id,
        clickUuid,
        name.strip(),
        value,
        currency,
        (occurredAt == null ? now : occurredAt).toEpochMilli(),
        now.toEpochMilli(),
        via);
  }

  private static HttpError invalid(boolean parameter, String name, String message) {
    return parameter
        ? HttpError.invalidParameter(name, message)
        : HttpError.invalidField(name, message);
  }

  private static boolean hasControl(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }
}
