package io.linkscope.desktop.links;

import io.linkscope.desktop.ui.Fxml;
import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;

/** The editor of one routing rule; binds a {@link RuleViewModel} to RuleDetailView.fxml. */
final class RuleDetailView {
  private final RuleViewModel model;

  @FXML private TextField name;
  @FXML private ComboBox<RuleViewModel.Action> action;
  @FXML private Label targetLabel;
  @FXML private TextField target;
  @FXML private TextField devices;
  @FXML private TextField os;
  @FXML private TextField browsers;
  @FXML private TextField inApp;
  @FXML private TextField countries;
  @FXML private TextField regions;
  @FXML private TextField cities;
  @FXML private TextField languages;
  @FXML private TextField ipRanges;
  @FXML private TextField query;
  @FXML private TextField referrers;
  @FXML private ComboBox<RuleViewModel.Bots> bots;
  @FXML private HBox weekdays;
  @FXML private TextField fromHour;
  @FXML private TextField toHour;
  @FXML private TextField zone;
  @FXML private Label error;

  RuleDetailView(RuleViewModel model) {
    this.model = model;
  }

  Parent load() {
    return Fxml.load(this);
  }

  @FXML
  private void initialize() {
    name.textProperty().bindBidirectional(model.nameProperty());
    action.getItems().setAll(RuleViewModel.Action.values());
    action.valueProperty().bindBidirectional(model.actionProperty());
    target.textProperty().bindBidirectional(model.targetProperty());
    var redirects = model.actionProperty().isEqualTo(RuleViewModel.Action.REDIRECT);
    target.disableProperty().bind(redirects.not());
    targetLabel.disableProperty().bind(redirects.not());
    devices.textProperty().bindBidirectional(model.devicesProperty());
    os.textProperty().bindBidirectional(model.osProperty());
    browsers.textProperty().bindBidirectional(model.browsersProperty());
    inApp.textProperty().bindBidirectional(model.inAppProperty());
    countries.textProperty().bindBidirectional(model.countriesProperty());
    regions.textProperty().bindBidirectional(model.regionsProperty());
    cities.textProperty().bindBidirectional(model.citiesProperty());
    languages.textProperty().bindBidirectional(model.languagesProperty());
    ipRanges.textProperty().bindBidirectional(model.ipRangesProperty());
    query.textProperty().bindBidirectional(model.queryProperty());
    referrers.textProperty().bindBidirectional(model.referrersProperty());
    bots.getItems().setAll(RuleViewModel.Bots.values());
    bots.valueProperty().bindBidirectional(model.botsProperty());
    for (DayOfWeek day : DayOfWeek.values()) {
      CheckBox box = new CheckBox(day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
      box.setId("rule-day-" + day.name().toLowerCase(Locale.ROOT).substring(0, 3));
      box.selectedProperty().bindBidirectional(model.weekday(day));
      weekdays.getChildren().add(box);
    }
    fromHour.textProperty().bindBidirectional(model.fromHourProperty());
    toHour.textProperty().bindBidirectional(model.toHourProperty());
    zone.textProperty().bindBidirectional(model.zoneProperty());
    LinkEditorView.bindError(error, model.errorProperty());
  }
}
