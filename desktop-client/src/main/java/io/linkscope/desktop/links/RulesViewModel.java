package io.linkscope.desktop.links;

import io.linkscope.api.routing.RoutingRule;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * A link's routing rules in their order (the first that matches wins): add, remove, move up and
 * down, and the rule selected for the detail editor. Rules keep their ids, so their statistics stay
 * attached when the list is saved.
 */
public final class RulesViewModel {
  /** As many rules as the collector takes on one link. */
  public static final int MAX_RULES = 50;

  private final ObservableList<RuleViewModel> rules =
      FXCollections.observableArrayList(
          rule -> new Observable[] {rule.summaryProperty(), rule.errorProperty()});
  private final ObjectProperty<@Nullable RuleViewModel> selected =
      new SimpleObjectProperty<>(this, "selected");
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");

  RulesViewModel(List<RoutingRule> stored) {
    stored.forEach(rule -> rules.add(RuleViewModel.of(rule)));
    if (!rules.isEmpty()) {
      selected.set(rules.getFirst());
    }
    rules.addListener(
        (javafx.collections.ListChangeListener<RuleViewModel>)
            change -> {
              if (!error.get().isEmpty()) {
                error.set(listProblem());
              }
            });
  }

  public ObservableList<RuleViewModel> rules() {
    return rules;
  }

  /** The rule shown in the detail editor; null while none is. */
  public ObjectProperty<@Nullable RuleViewModel> selectedProperty() {
    return selected;
  }

  /** A problem of the list as a whole, or the rule that has one ("Rule 3: ..."); "" if none. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  /** Adds a rule at the end and selects it. */
  public void add() {
    RuleViewModel rule = RuleViewModel.newRule();
    rules.add(rule);
    selected.set(rule);
  }

  /** Removes the selected rule and selects its neighbour. */
  public void removeSelected() {
    RuleViewModel rule = selected.get();
    int at = rule == null ? -1 : rules.indexOf(rule);
    if (at < 0) {
      return;
    }
    rules.remove(at);
    selected.set(rules.isEmpty() ? null : rules.get(Math.min(at, rules.size() - 1)));
  }

  /** Moves the selected rule one place up ({@code -1}) or down ({@code 1}); it stays selected. */
  public void moveSelected(int by) {
    RuleViewModel rule = selected.get();
    int at = rule == null ? -1 : rules.indexOf(rule);
    int to = at + by;
    if (rule == null || at < 0 || to < 0 || to >= rules.size()) {
      return;
    }
    rules.remove(at);
    rules.add(to, rule);
    selected.set(rule);
  }

  /**
   * Checks every rule; the first with a problem is selected and named in {@link #errorProperty}.
   */
  boolean validate() {
    boolean valid = true;
    for (RuleViewModel rule : rules) {
      valid &= rule.validate();
    }
    error.set(listProblem());
    rules.stream()
        .filter(rule -> !rule.errorProperty().get().isEmpty())
        .findFirst()
        .ifPresent(selected::set);
    return valid && error.get().isEmpty();
  }

  private String listProblem() {
    if (rules.size() > MAX_RULES) {
      return "At most " + MAX_RULES + " rules per link; this has " + rules.size() + ".";
    }
    for (int i = 0; i < rules.size(); i++) {
      String problem = rules.get(i).errorProperty().get();
      if (!problem.isEmpty()) {
        return "Rule " + (i + 1) + ": " + problem;
      }
    }
    return "";
  }

  /**
   * Shows the collector's refusal of {@code rules[index]...} at that rule (selected), or of the
   * list as a whole ({@code index} null).
   */
  void showCollectorError(@Nullable Integer index, String message) {
    if (index != null && index >= 0 && index < rules.size()) {
      RuleViewModel rule = rules.get(index);
      rule.showError(message);
      selected.set(rule);
      error.set("Rule " + (index + 1) + ": " + message);
    } else {
      error.set(message);
    }
  }

  List<RoutingRule> toRules() {
    return rules.stream().map(RuleViewModel::toRule).toList();
  }
}
