package io.linkscope.desktop.ui;

import static io.linkscope.desktop.testsupport.Screens.onFx;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Locale;
import javafx.scene.Scene;
import javafx.scene.control.DatePicker;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A date picker with the app's converter, typed into as a user would. */
@ExtendWith(ApplicationExtension.class)
class DatePickerFormatTest {
  private final Locale before = Locale.getDefault(Locale.Category.FORMAT);
  private DatePicker picker;

  @Start
  void start(Stage stage) {
    Locale.setDefault(Locale.Category.FORMAT, Locale.UK);
    picker = new DatePicker(LocalDate.of(2026, 12, 1));
    picker.setConverter(Formats.datePickerConverter());
    picker.setId("day");
    stage.setScene(new Scene(new VBox(picker, new TextField()), 400, 200));
    stage.show();
  }

  @AfterEach
  void restoreLocale() {
    Locale.setDefault(Locale.Category.FORMAT, before);
  }

  @Test
  void showsTheTablesFormatAndReadsATypedDate(FxRobot robot) {
    assertThat(onFx(() -> picker.getEditor().getText())).isEqualTo("1 Dec 2026");

    robot.doubleClickOn("#day .text-field").eraseText(12).write("2026-12-24").type(KeyCode.ENTER);

    assertThat(onFx(picker::getValue)).isEqualTo(LocalDate.of(2026, 12, 24));
    assertThat(onFx(() -> picker.getEditor().getText())).isEqualTo("24 Dec 2026");
  }

  @Test
  void keepsTheDateWhenTheTextIsNoDate(FxRobot robot) {
    robot.doubleClickOn("#day .text-field").eraseText(12).write("next Tuesday");
    robot.clickOn(".text-field:focused").type(KeyCode.TAB);

    assertThat(onFx(picker::getValue)).isEqualTo(LocalDate.of(2026, 12, 1));
  }
}
