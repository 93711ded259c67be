package io.linkscope.desktop.pages;

import io.linkscope.api.bio.BioPageInput;
import io.linkscope.api.bio.BioPageView;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.workspace.Workspace;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The "new bio page" form: handle and title, checked before sending, errors beside the field. */
public final class NewPageViewModel {
  private static final Pattern HANDLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,29}");

  private final Workspace session;
  private final Notifier notifier;
  private final StringProperty handle = new SimpleStringProperty(this, "handle", "");
  private final StringProperty title = new SimpleStringProperty(this, "title", "");
  private final ReadOnlyStringWrapper handleError =
      new ReadOnlyStringWrapper(this, "handleError", "");
  private final ReadOnlyStringWrapper titleError =
      new ReadOnlyStringWrapper(this, "titleError", "");
  private final ReadOnlyStringWrapper address = new ReadOnlyStringWrapper(this, "address", "");
  private final ReadOnlyBooleanWrapper saving = new ReadOnlyBooleanWrapper(this, "saving");

  public NewPageViewModel(Workspace session, Notifier notifier) {
    this.session = session;
    this.notifier = notifier;
    handle.addListener(
        (o, a, b) -> {
          if (!handleError.get().isEmpty() && handleProblem().isEmpty()) {
            handleError.set("");
          }
          updateAddress();
        });
    title.addListener(
        (o, a, b) -> {
          if (!titleError.get().isEmpty() && titleProblem().isEmpty()) {
            titleError.set("");
          }
        });
    updateAddress();
  }

  public StringProperty handleProperty() {
    return handle;
  }

  public StringProperty titleProperty() {
    return title;
  }

  public ReadOnlyStringProperty handleErrorProperty() {
    return handleError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty titleErrorProperty() {
    return titleError.getReadOnlyProperty();
  }

  /** Where the page will be: "https://go.example.com/@anna.roasts". */
  public ReadOnlyStringProperty addressProperty() {
    return address.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty savingProperty() {
    return saving.getReadOnlyProperty();
  }

  public boolean validate() {
    handleError.set(handleProblem());
    titleError.set(titleProblem());
    return handleError.get().isEmpty() && titleError.get().isEmpty();
  }

  /** Creates the page; the form stays as it is when the collector refuses it. */
  public void create(Consumer<BioPageView> onCreated) {
    if (!validate()) {
      return;
    }
    BioPageInput input = BioPageInput.of(handle.get().strip(), title.get().strip());
    saving.set(true);
    session.change(
        "Create page",
        () -> {
          BioPageView page = session.client().createPage(input);
          session.store().upsertPage(page);
          return page;
        },
        page -> {
          saving.set(false);
          notifier.info("Created " + page.publicUrl() + " (a draft until you publish it).");
          onCreated.accept(page);
        },
        problem -> {
          saving.set(false);
          FieldProblem field = FieldProblem.parse(problem).orElse(null);
          if (field != null && field.field().equals("handle")) {
            handleError.set(field.message());
          } else if (field != null && field.field().equals("title")) {
            titleError.set(field.message());
          } else if (problem.toLowerCase(java.util.Locale.ROOT).contains("handle")) {
            handleError.set(problem);
          } else {
            notifier.error("Cannot create the page", problem);
          }
        });
  }

  private String handleProblem() {
    String value = handle.get().strip();
    if (value.isEmpty()) {
      return "Enter a handle: the page will be at /@handle.";
    }
    return HANDLE.matcher(value).matches()
        ? ""
        : "Use 1–30 letters, digits, '.', '_' or '-', starting with a letter or digit.";
  }

  private String titleProblem() {
    String value = title.get().strip();
    if (value.isEmpty()) {
      return "Enter the page's title.";
    }
    return value.length() > 100 ? "At most 100 characters (now " + value.length() + ")." : "";
  }

  private void updateAddress() {
    String value = handle.get().strip();
    String base = session.collectorUrl().replaceFirst("/+$", "");
    address.set(
        value.isEmpty() || !HANDLE.matcher(value).matches()
            ? ""
            : base + "/@" + value.toLowerCase(java.util.Locale.ROOT));
  }
}
