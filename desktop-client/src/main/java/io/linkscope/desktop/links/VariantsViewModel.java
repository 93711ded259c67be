package io.linkscope.desktop.links;

import io.linkscope.api.routing.Variant;
import io.linkscope.desktop.ui.Formats;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * A link's A/B split: none, or 2 to 10 weighted destinations whose weights add up to 100, each with
 * an optional name and kept id; the click-id parameter for conversion tracking (off by default);
 * and the optional end of the split, a date and time in the app's zone, after which the winner (or
 * the control) becomes the link's target. Once the split ended, {@link #endedProperty()} says how.
 */
public final class VariantsViewModel {
  public static final int MIN_VARIANTS = 2;
  public static final int MAX_VARIANTS = 10;

  /** The parameter name offered when click ids are turned on. */
  public static final String DEFAULT_CLICK_ID_PARAM = "lsclid";

  /** One destination of the split. */
  public static final class Row {
    private final @Nullable Long id;
    private final StringProperty target = new SimpleStringProperty(this, "target", "");
    private final StringProperty weight = new SimpleStringProperty(this, "weight", "");
    private final StringProperty name = new SimpleStringProperty(this, "name", "");

    Row(@Nullable Long id, String target, String weight, String name) {
      this.id = id;
      this.target.set(target);
      this.weight.set(weight);
      this.name.set(name);
    }

    /** The collector's id of the variant; null for one not saved yet. */
    public @Nullable Long id() {
      return id;
    }

    public StringProperty targetProperty() {
      return target;
    }

    /** Its share of visits in whole percent. */
    public StringProperty weightProperty() {
      return weight;
    }

    public StringProperty nameProperty() {
      return name;
    }

    /** The weight as a number, or null while it is not a whole number. */
    @Nullable Integer weightValue() {
      String text = weight.get().strip().replace("%", "").strip();
      return text.matches("\\d{1,3}") ? Integer.valueOf(text) : null;
    }

    Variant toVariant() {
      return new Variant(
          id,
          target.get().strip(),
          weightValue(),
          name.get().isBlank() ? null : name.get().strip());
    }
  }

  private final ObservableList<Row> rows =
      FXCollections.observableArrayList(
          row -> new Observable[] {row.targetProperty(), row.weightProperty(), row.nameProperty()});
  private final IntegerBinding sum;
  private final StringBinding sumText;
  private final BooleanProperty clickIds = new SimpleBooleanProperty(this, "clickIds", false);
  private final StringProperty clickIdParam =
      new SimpleStringProperty(this, "clickIdParam", DEFAULT_CLICK_ID_PARAM);
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
  private final ReadOnlyStringWrapper clickIdError =
      new ReadOnlyStringWrapper(this, "clickIdError", "");
  private final ObjectProperty<LocalDate> endDate = new SimpleObjectProperty<>(this, "endDate");
  private final StringProperty endTime = new SimpleStringProperty(this, "endTime", "");
  private final ReadOnlyStringWrapper endError = new ReadOnlyStringWrapper(this, "endError", "");
  private final ReadOnlyStringWrapper endState = new ReadOnlyStringWrapper(this, "endState", "");
  private final ReadOnlyBooleanWrapper ended = new ReadOnlyBooleanWrapper(this, "ended", false);
  private final ZoneId zone;
  private final Clock clock;
  private @Nullable Instant storedEnd;
  private @Nullable Long promoted;

  /**
   * The split of a saved link: its variants, click-id parameter, end date (null for none) and the
   * variant it ended with (null while it runs); the end is shown and typed in {@code zone}.
   */
  VariantsViewModel(
      List<Variant> stored,
      @Nullable String storedClickIdParam,
      @Nullable Instant storedEnd,
      @Nullable Long promotedVariantId,
      ZoneId zone,
      Clock clock) {
    this.zone = zone;
    this.clock = clock;
    for (Variant variant : stored) {
      rows.add(
          new Row(
              variant.id(),
              Objects.requireNonNullElse(variant.targetUrl(), ""),
              variant.weight() == null ? "" : variant.weight().toString(),
              Objects.requireNonNullElse(variant.name(), "")));
    }
    if (storedClickIdParam != null && !storedClickIdParam.isBlank()) {
      clickIds.set(true);
      clickIdParam.set(storedClickIdParam);
    }
    sum =
        Bindings.createIntegerBinding(
            () ->
                rows.stream()
                    .map(Row::weightValue)
                    .filter(Objects::nonNull)
                    .mapToInt(Integer::intValue)
                    .sum(),
            rows);
    sumText =
        Bindings.createStringBinding(
            () ->
                rows.isEmpty()
                    ? "No split: every visit no rule takes goes to the target URL."
                    : "Sum of the weights: "
                        + sum.get()
                        + " %"
                        + (sum.get() == 100 ? " ✓" : " (must be 100 %)"),
            rows,
            sum);
    rows.addListener(
        (javafx.collections.ListChangeListener<Row>)
            change -> {
              if (!error.get().isEmpty()) {
                error.set(problem());
              }
            });
    clickIdParam.addListener(
        (o, a, b) -> {
          if (!clickIdError.get().isEmpty()) {
            clickIdError.set(clickIdProblem());
          }
        });
    clickIds.addListener((o, a, b) -> clickIdError.set(""));
    showEnd(storedEnd, promotedVariantId);
    endDate.addListener((o, a, b) -> recheckEnd());
    endTime.addListener((o, a, b) -> recheckEnd());
  }

  private void recheckEnd() {
    if (!endError.get().isEmpty()) {
      endError.set(endProblem());
    }
  }

  /** The last day of the split (with {@link #endTimeProperty()}); empty for no end date. */
  public ObjectProperty<LocalDate> endDateProperty() {
    return endDate;
  }

  /** The time of day the split ends, "HH:mm" in the app's zone; empty for midnight. */
  public StringProperty endTimeProperty() {
    return endTime;
  }

  /** Why the end date cannot be saved, the collector's answer included; empty while it can. */
  public ReadOnlyStringProperty endErrorProperty() {
    return endError.getReadOnlyProperty();
  }

  /**
   * The end in words: when a running split ends, or how an ended one ended (which variant was
   * promoted, when); empty without an end.
   */
  public ReadOnlyStringProperty endStateProperty() {
    return endState.getReadOnlyProperty();
  }

  /** Whether the split is over: a variant was promoted, by hand or at the end date. */
  public ReadOnlyBooleanProperty endedProperty() {
    return ended.getReadOnlyProperty();
  }

  /** Removes the end date: the split runs until a variant is promoted. */
  public void clearEnd() {
    endDate.set(null);
    endTime.set("");
    endError.set("");
  }

  /** A text typed into the date picker that is no date: said at the field, the day stays. */
  public void rejectEndDate(String text) {
    endError.set(
        Formats.notADate(text, clock.instant().atZone(zone).toLocalDate())
            + " The end date is unchanged.");
  }

  /** The collector's refusal of the end date (a time past, say), shown at the field. */
  void showEndError(String message) {
    endError.set(message);
  }

  /**
   * The link as it is now after a promotion or a save: the end date, the promoted variant and the
   * ended state as the collector stored them.
   */
  void showEnd(@Nullable Instant end, @Nullable Long promotedVariantId) {
    storedEnd = end;
    promoted = promotedVariantId;
    endDate.set(end == null ? null : end.atZone(zone).toLocalDate());
    endTime.set(end == null ? "" : DateTimeFormatter.ofPattern("HH:mm").format(end.atZone(zone)));
    endError.set("");
    ended.set(promotedVariantId != null);
    endState.set(endStateText());
  }

  private String endStateText() {
    Instant end = storedEnd;
    Long variantId = promoted;
    if (variantId != null) {
      String name = variantName(variantId);
      return "The split has ended"
          + (end == null ? "" : " (" + Formats.dateTime(end, zone) + ")")
          + ": "
          + name
          + " was promoted, so its URL is now the link's target and every visit goes there. The"
          + " variants stay listed and their statistics are kept. A new end date starts the split"
          + " again.";
    }
    if (end != null) {
      return "The split ends "
          + Formats.dateTime(end, zone)
          + "; then the winner, or without one the first variant (the control), becomes the"
          + " link's target.";
    }
    return "";
  }

  /** A variant's name as the editor shows it: its own, else its letter; by id. */
  String variantName(long variantId) {
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      if (Objects.equals(row.id(), variantId)) {
        return row.nameProperty().get().isBlank()
            ? "Variant " + (char) ('A' + i)
            : row.nameProperty().get().strip();
      }
    }
    return "Variant " + variantId;
  }

  /** The end typed, or null for none; null too while the time is not a time (see validate). */
  @Nullable Instant toEnd() {
    LocalDate date = endDate.get();
    LocalTime time = endLocalTime();
    if (date == null || time == null) {
      return null;
    }
    Instant typed = date.atTime(time).atZone(zone).toInstant();
    Instant stored = storedEnd;
    // The fields show minutes; a stored end with seconds (a promotion's) is kept as it is.
    return stored != null && typed.equals(stored.truncatedTo(ChronoUnit.MINUTES)) ? stored : typed;
  }

  /** Whether the end differs from the stored one, so that it is sent on save. */
  boolean endChanged() {
    return !Objects.equals(toEnd(), storedEnd);
  }

  private @Nullable LocalTime endLocalTime() {
    String text = endTime.get().strip();
    if (text.isEmpty()) {
      return LocalTime.MIDNIGHT;
    }
    try {
      return LocalTime.parse(text.length() == 4 ? "0" + text : text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private String endProblem() {
    if (endDate.get() == null) {
      return endTime.get().isBlank() ? "" : "Choose the day the split ends, or clear the time.";
    }
    if (endLocalTime() == null) {
      return "Enter the time as hours and minutes, e.g. 18:00.";
    }
    if (rows.isEmpty()) {
      return "Only a split ends: add variants, or clear the end date.";
    }
    Instant end = toEnd();
    if (endChanged() && end != null && !end.isAfter(clock.instant())) {
      return "The end must lie ahead. To end the split now, promote a variant in the live test.";
    }
    return "";
  }

  public ObservableList<Row> rows() {
    return rows;
  }

  /** The weights added up. */
  public IntegerBinding sumProperty() {
    return sum;
  }

  /** "Sum of the weights: 90 % (must be 100 %)". */
  public StringBinding sumTextProperty() {
    return sumText;
  }

  /** Whether the click's id is put on the destination for conversion tracking. */
  public BooleanProperty clickIdsProperty() {
    return clickIds;
  }

  /** The query parameter the click id goes in. */
  public StringProperty clickIdParamProperty() {
    return clickIdParam;
  }

  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty clickIdErrorProperty() {
    return clickIdError.getReadOnlyProperty();
  }

  /**
   * Adds a destination; the first one added to a link without a split brings a second, since a
   * split has at least two. New weights are left empty for the user (or "split evenly") to fill.
   */
  public void add() {
    if (rows.size() >= MAX_VARIANTS) {
      error.set("At most " + MAX_VARIANTS + " variants.");
      return;
    }
    rows.add(new Row(null, "", "", ""));
    if (rows.size() == 1) {
      rows.add(new Row(null, "", "", ""));
    }
    if (sum.get() == 0) {
      splitEvenly();
    }
  }

  public void remove(Row row) {
    rows.remove(row);
  }

  /** Gives every variant the same weight, the first ones one more where 100 does not divide. */
  public void splitEvenly() {
    int count = rows.size();
    if (count == 0) {
      return;
    }
    for (int i = 0; i < count; i++) {
      rows.get(i).weightProperty().set(Integer.toString(100 / count + (i < 100 % count ? 1 : 0)));
    }
  }

  boolean validate() {
    error.set(problem());
    clickIdError.set(clickIdProblem());
    endError.set(endProblem());
    return error.get().isEmpty() && clickIdError.get().isEmpty() && endError.get().isEmpty();
  }

  private String problem() {
    if (rows.isEmpty()) {
      return "";
    }
    if (rows.size() < MIN_VARIANTS || rows.size() > MAX_VARIANTS) {
      return "A split has "
          + MIN_VARIANTS
          + " to "
          + MAX_VARIANTS
          + " variants, not "
          + rows.size()
          + "; remove the last one to have none.";
    }
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      String label = "Variant " + (i + 1) + ": ";
      String url = row.targetProperty().get().strip();
      if (url.isEmpty()) {
        return label + "enter the URL it sends visits to.";
      }
      String urlProblem = LinkEditorViewModel.urlProblem(url, true);
      if (!urlProblem.isEmpty()) {
        return label + urlProblem;
      }
      Integer weight = row.weightValue();
      if (weight == null || weight < 1 || weight > 99) {
        return label + "the weight is a whole number from 1 to 99.";
      }
    }
    if (sum.get() != 100) {
      return "The weights must add up to 100, not " + sum.get() + ". Try \"Split evenly\".";
    }
    return "";
  }

  private String clickIdProblem() {
    if (!clickIds.get()) {
      return "";
    }
    String param = clickIdParam.get().strip();
    return param.matches("[A-Za-z0-9_.-]{1,64}")
        ? ""
        : "Use 1–64 letters, digits, _ . or - for the parameter name.";
  }

  void showCollectorError(String message) {
    error.set(message);
  }

  void showClickIdError(String message) {
    clickIdError.set(message);
  }

  List<Variant> toVariants() {
    List<Variant> variants = new ArrayList<>();
    rows.forEach(row -> variants.add(row.toVariant()));
    return variants;
  }

  /** The click-id parameter to send, or null for none. */
  @Nullable String toClickIdParam() {
    return clickIds.get() && !clickIdParam.get().isBlank() ? clickIdParam.get().strip() : null;
  }
}
