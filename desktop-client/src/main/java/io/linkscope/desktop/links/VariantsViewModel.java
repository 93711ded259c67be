package io.linkscope.desktop.links;

import io.linkscope.api.routing.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * A link's A/B split: none, or 2 to 10 weighted destinations whose weights add up to 100, each with
 * an optional name and kept id; and the click-id parameter for conversion tracking (off by
 * default).
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

  VariantsViewModel(List<Variant> stored, @Nullable String storedClickIdParam) {
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
    return error.get().isEmpty() && clickIdError.get().isEmpty();
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
