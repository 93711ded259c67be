package io.linkscope.desktop.links;

import io.linkscope.api.ApiException;
import io.linkscope.api.conversion.Experiment;
import io.linkscope.api.conversion.ExperimentVariant;
import io.linkscope.api.link.LinkView;
import io.linkscope.api.routing.Variant;
import io.linkscope.api.stats.Breakdown;
import io.linkscope.api.stats.BreakdownRow;
import io.linkscope.api.stats.Dimension;
import io.linkscope.api.stats.StatsQuery;
import io.linkscope.desktop.ui.Background;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.workspace.Workspace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The live A/B test of a saved link with variants: its experiment as the collector computes it
 * (clicks, conversions, rate and uplift with their 95 % intervals, p-values, the verdict) and each
 * variant's unique visitors, read again by {@link #refresh()} while the dialog is open. A failed
 * read is told calmly in {@link #statusProperty()}; the numbers last read stay. A variant can be
 * promoted from here ({@link #promote}): its URL becomes the link's target and the split ends.
 */
public final class SignificanceViewModel {
  /** How often the open dialog reads the experiment again. */
  public static final Duration POLL_INTERVAL = Duration.ofSeconds(5);

  /** One variant's line of the panel, every value as shown. */
  public record Row(
      String variant,
      String clicks,
      String uniques,
      String conversions,
      String rate,
      String uplift,
      String pValue,
      boolean control,
      boolean winner,
      @Nullable Long variantId) {}

  private static final Pattern KEY = Pattern.compile("\\btarget\\b|\\bvariant:\\d+\\b");

  private final Workspace session;
  private final LinkView link;
  private final ZoneId zone;
  private final Map<String, String> names = new HashMap<>();
  private final Map<Long, String> urls = new HashMap<>();
  private final ReadOnlyBooleanWrapper promoting = new ReadOnlyBooleanWrapper(this, "promoting");
  private final ReadOnlyBooleanWrapper ended = new ReadOnlyBooleanWrapper(this, "ended");
  private final ReadOnlyStringWrapper promoteError =
      new ReadOnlyStringWrapper(this, "promoteError", "");
  private final BooleanBinding canPromote;
  private final StringBinding promoteBlockedReason;
  private Consumer<LinkView> onPromoted = promoted -> {};
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
  private final ReadOnlyStringWrapper test = new ReadOnlyStringWrapper(this, "test", "");
  private final ReadOnlyStringWrapper status =
      new ReadOnlyStringWrapper(this, "status", "Reading the experiment…");
  private final ReadOnlyStringWrapper empty =
      new ReadOnlyStringWrapper(this, "empty", "Reading the test…");
  private final ReadOnlyBooleanWrapper significant =
      new ReadOnlyBooleanWrapper(this, "significant", false);
  private Background.Job running = Background.Job.DONE;
  private boolean reading;
  private boolean stopped;

  SignificanceViewModel(Workspace session, LinkView link, ZoneId zone) {
    this.session = session;
    this.link = link;
    this.zone = zone;
    names.put("target", "Link target (control)");
    List<Variant> variants = link.variants() == null ? List.of() : link.variants();
    for (int i = 0; i < variants.size(); i++) {
      Variant variant = variants.get(i);
      String letter = String.valueOf((char) ('A' + i));
      String name = variant.name() == null || variant.name().isBlank() ? letter : variant.name();
      names.put("variant:" + variant.id(), name);
      if (variant.id() != null && variant.targetUrl() != null) {
        urls.put(variant.id(), variant.targetUrl());
      }
    }
    ended.set(link.promotedVariantId() != null);
    canPromote = session.writableProperty().and(promoting.not()).and(ended.not());
    promoteBlockedReason =
        Bindings.createStringBinding(
            () ->
                !session.writableProperty().get()
                    ? "Promoting needs the collector: " + session.writeBlockedReasonProperty().get()
                    : ended.get()
                        ? "The split has ended, so there is nothing to promote. A new end date on"
                            + " this tab starts it again."
                        : promoting.get() ? "Promoting…" : "",
            session.writableProperty(),
            session.writeBlockedReasonProperty(),
            ended,
            promoting);
  }

  /** Whether a variant can be promoted now: online with an editor's key, the split running. */
  public BooleanBinding canPromoteProperty() {
    return canPromote;
  }

  /** Why promoting is not possible now (offline, a viewer's key, the split over); else empty. */
  public StringBinding promoteBlockedReasonProperty() {
    return promoteBlockedReason;
  }

  /** Whether the split is over (a variant was promoted, by hand or at its end date). */
  public ReadOnlyBooleanProperty endedProperty() {
    return ended.getReadOnlyProperty();
  }

  /** The collector's refusal of the last promotion, in words; empty otherwise. */
  public ReadOnlyStringProperty promoteErrorProperty() {
    return promoteError.getReadOnlyProperty();
  }

  /** Gets the link as the collector stored it after a promotion (the dialog shows it). */
  void onPromoted(Consumer<LinkView> listener) {
    onPromoted = listener;
  }

  /** The row of the verdict's winner, when the collector named one. */
  public Optional<Row> winner() {
    return rows.stream().filter(Row::winner).filter(row -> row.variantId() != null).findFirst();
  }

  /** What promoting {@code row} does, for the confirmation before it is sent. */
  public String confirmation(Row row) {
    String url = row.variantId() == null ? null : urls.get(row.variantId());
    return "The URL of "
        + row.variant()
        + (url == null ? "" : " (" + url + ")")
        + " becomes the link's target, and every visit goes there from now on. The split ends"
        + " now; the variants stay listed and the statistics measured so far are kept.";
  }

  /**
   * Promotes the variant of {@code row} in the background. Afterwards the test is read again and
   * the dialog gets the changed link; a refusal or no answer is shown in the panel.
   */
  public void promote(Row row) {
    Long variantId = row.variantId();
    if (variantId == null || !canPromote.get()) {
      promoteError.set(variantId == null ? "Only a variant of the split can be promoted." : "");
      return;
    }
    promoteError.set("");
    promoting.set(true);
    session.change(
        "Promote variant",
        () -> {
          LinkView promoted = session.client().promoteVariant(link.id(), variantId);
          session.store().upsertLinks(List.of(promoted), List.of());
          return promoted;
        },
        promoted -> {
          promoting.set(false);
          ended.set(promoted.promotedVariantId() != null);
          onPromoted.accept(promoted);
          refresh();
        },
        problem -> {
          promoting.set(false);
          promoteError.set(row.variant() + " was not promoted: " + problem);
        });
  }

  public ObservableList<Row> rows() {
    return rows;
  }

  /** The collector's verdict, e.g. "variant:2 beats target at 95 %", with variant names. */
  public ReadOnlyStringProperty verdictProperty() {
    return verdict.getReadOnlyProperty();
  }

  /** Which test and its p-value, e.g. "two-proportion z-test, p = 0.012". */
  public ReadOnlyStringProperty testProperty() {
    return test.getReadOnlyProperty();
  }

  /** When the numbers were read, or why they could not be read now; never a dialog. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** What the table says while it has no rows: still reading, no clicks, or no answer. */
  public ReadOnlyStringProperty emptyProperty() {
    return empty.getReadOnlyProperty();
  }

  /** Whether the collector declared a winner. */
  public ReadOnlyBooleanProperty significantProperty() {
    return significant.getReadOnlyProperty();
  }

  /** Reads the experiment again in the background, unless a read is still under way. */
  public void refresh() {
    if (reading || stopped) {
      return;
    }
    reading = true;
    running =
        session
            .background()
            .run(
                "Experiment",
                this::read,
                this::show,
                failure -> {
                  reading = false;
                  if (!stopped) {
                    status.set(problem(failure));
                    empty.set("No numbers yet: see below.");
                  }
                });
  }

  /** Stops reading (the dialog closed); a read under way is cancelled. */
  public void stop() {
    stopped = true;
    running.cancel();
  }

  private record Reading(Experiment experiment, Map<String, Long> uniques) {}

  private Reading read() {
    Experiment experiment = session.client().experiment(link.id());
    Map<String, Long> uniques = new HashMap<>();
    try {
      Instant now = session.clock().instant();
      Instant created =
          link.createdAt() == null ? now.minus(Duration.ofDays(365)) : link.createdAt();
      // Every click since the link was made: the rollups are by hour, so an hour either side.
      Instant from = created.minus(Duration.ofHours(1));
      Instant to = (now.isAfter(created) ? now : created).plus(Duration.ofDays(1));
      Breakdown breakdown =
          session
              .client()
              .statsBreakdown(StatsQuery.link(link.id(), from, to), Dimension.DESTINATION, 50);
      for (BreakdownRow row : breakdown.rows()) {
        uniques.put(row.value(), row.uniques());
      }
    } catch (ApiException e) {
      // Uniques are a nicety next to the test: without them the panel shows "–".
    }
    return new Reading(experiment, uniques);
  }

  private void show(Reading reading) {
    this.reading = false;
    if (stopped) {
      return;
    }
    Experiment experiment = reading.experiment();
    empty.set("No clicks yet.");
    rows.setAll(
        experiment.variants().stream()
            .map(
                variant ->
                    row(
                        variant,
                        reading.uniques().get(variant.key()),
                        variant.key().equals(experiment.control()),
                        variant.key().equals(experiment.winner())))
            .toList());
    if (experiment.ended()) {
      ended.set(true);
    }
    verdict.set(named(experiment.verdict()));
    significant.set(experiment.significant());
    test.set(
        experiment.pValue() == null
            ? ("none".equals(experiment.test()) ? "No test yet" : experiment.test())
            : experiment.test()
                + ", p "
                + (experiment.pValue() < 0.001 ? "" : "= ")
                + pValue(experiment.pValue()));
    status.set(
        "Updated "
            + Formats.time(session.clock().instant().atZone(zone))
            + " · read again every "
            + POLL_INTERVAL.toSeconds()
            + " s while this dialog is open");
  }

  private Row row(
      ExperimentVariant variant, @Nullable Long uniques, boolean control, boolean winner) {
    return new Row(
        name(variant.key()),
        Formats.count(variant.clicks()),
        uniques == null ? "–" : Formats.count(uniques),
        Formats.count(variant.conversions()),
        rate(variant.conversionRate())
            + " ("
            + rate(variant.rateLow())
            + "–"
            + rate(variant.rateHigh())
            + ")",
        control ? "control" : uplift(variant.uplift(), variant.upliftLow(), variant.upliftHigh()),
        control || variant.pValue() == null ? "–" : pValue(variant.pValue()),
        control,
        winner,
        variant.key().startsWith("variant:")
            ? Long.valueOf(variant.key().substring("variant:".length()))
            : null);
  }

  /** A variant's name: its own, else A, B, C… in the link's order; the key when unknown. */
  String name(String key) {
    return names.getOrDefault(key, key);
  }

  /** The verdict with keys replaced by names ("B beats Link target (control) at 95 %"). */
  private String named(String text) {
    String named =
        KEY.matcher(text)
            .replaceAll(
                key ->
                    java.util.regex.Matcher.quoteReplacement(
                        key.group().equals("target") ? "the link target" : name(key.group())));
    return named.isEmpty() ? named : Character.toUpperCase(named.charAt(0)) + named.substring(1);
  }

  private static String rate(double rate) {
    return String.format(Locale.US, "%.1f %%", rate * 100);
  }

  private static String uplift(
      @Nullable Double uplift, @Nullable Double low, @Nullable Double high) {
    if (uplift == null) {
      return "–";
    }
    String text = String.format(Locale.US, "%+.0f %%", uplift * 100);
    return low == null || high == null
        ? text
        : text + String.format(Locale.US, " (%+.0f %% to %+.0f %%)", low * 100, high * 100);
  }

  private static String pValue(double p) {
    return p < 0.001 ? "< 0.001" : String.format(Locale.US, "%.3f", p);
  }

  private String problem(Throwable failure) {
    if (failure instanceof ApiException api) {
      if (api.status() == 409) {
        return "This collector does not record which variant served a click yet, so there is no"
            + " test to show.";
      }
      if (api.status() == 401 || api.status() == 403) {
        return "The collector does not let this key read the experiment.";
      }
      return "The collector could not compute the experiment: " + api.error().message();
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof IOException || t instanceof UncheckedIOException) {
        return "Offline: the collector cannot be reached. "
            + (rows.isEmpty() ? "The test shows once it answers." : "These are the last numbers.")
            + " Trying again every "
            + POLL_INTERVAL.toSeconds()
            + " s.";
      }
    }
    return "The experiment could not be read ("
        + (failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage())
        + "). Trying again every "
        + POLL_INTERVAL.toSeconds()
        + " s.";
  }
}
