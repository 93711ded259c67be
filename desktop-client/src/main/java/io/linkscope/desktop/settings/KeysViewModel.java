package io.linkscope.desktop.settings;

import io.linkscope.api.workspace.ApiKeyCreated;
import io.linkscope.api.workspace.ApiKeyInput;
import io.linkscope.api.workspace.ApiKeyView;
import io.linkscope.desktop.ui.Formats;
import io.linkscope.desktop.ui.Notifier;
import io.linkscope.desktop.ui.Problem;
import io.linkscope.desktop.workspace.Remote;
import io.linkscope.desktop.workspace.Workspace;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.jspecify.annotations.Nullable;

/**
 * The workspace's API keys as the collector lists them: each with its role, when it expires (or
 * expired) and when it was last used, both relative and in the window's zone; a new key with an
 * optional expiry date, its secret shown once; revoking a key. Keys are an admin's: with another
 * key the screen says so.
 */
public final class KeysViewModel {
  static final Set<String> ROLES = Set.of("admin", "editor", "viewer");

  /** A new key's secret, to show this once. */
  public record NewKey(String name, String secret) {}

  private final Workspace session;
  private final ZoneId zone;
  private final Notifier notifier;
  private final ObservableList<ApiKeyView> keys = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper loaded = new ReadOnlyBooleanWrapper(this, "loaded");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
  private final StringProperty name = new SimpleStringProperty(this, "name", "");
  private final StringProperty role = new SimpleStringProperty(this, "role", "viewer");
  private final ObjectProperty<@Nullable LocalDate> expiry =
      new SimpleObjectProperty<>(this, "expiry");
  private final ReadOnlyStringWrapper nameError = new ReadOnlyStringWrapper(this, "nameError", "");
  private final ReadOnlyStringWrapper expiryError =
      new ReadOnlyStringWrapper(this, "expiryError", "");
  private final ReadOnlyObjectWrapper<@Nullable NewKey> created =
      new ReadOnlyObjectWrapper<>(this, "created");
  private final StringBinding readOnlyReason;
  private final BooleanBinding changesDisabled;
  private @Nullable Instant loadedAt;

  public KeysViewModel(Workspace session, ZoneId zone, Notifier notifier) {
    this.session = session;
    this.zone = zone;
    this.notifier = notifier;
    this.readOnlyReason = Remote.readOnlyReason(session, "");
    this.changesDisabled = session.writableProperty().not().or(busy).or(loaded.not());
    name.addListener((o, a, b) -> nameError.set(""));
    expiry.addListener((o, a, b) -> expiryError.set(""));
  }

  /** The keys, live ones first (newest first), then expired and revoked ones. */
  public ObservableList<ApiKeyView> keys() {
    return keys;
  }

  /** True once the collector listed the keys (an admin's key, online). */
  public ReadOnlyBooleanProperty loadedProperty() {
    return loaded.getReadOnlyProperty();
  }

  /** "Loading…", why the keys cannot be shown, or "Offline: the keys as of …"; "" when current. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** The new key's name. */
  public StringProperty nameProperty() {
    return name;
  }

  /** The new key's role: admin, editor or viewer. */
  public StringProperty roleProperty() {
    return role;
  }

  /** The new key's last day, in the window's zone (it stops working at its end); null: never. */
  public ObjectProperty<@Nullable LocalDate> expiryProperty() {
    return expiry;
  }

  public ReadOnlyStringProperty nameErrorProperty() {
    return nameError.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty expiryErrorProperty() {
    return expiryError.getReadOnlyProperty();
  }

  /** A text typed in the expiry's date picker that is no date, explained under it. */
  public void notADate(String text) {
    expiryError.set(Formats.notADate(text, today()));
  }

  /** The key just created, to show its secret once; {@link #createdSeen()} clears it. */
  public ReadOnlyObjectProperty<@Nullable NewKey> createdProperty() {
    return created.getReadOnlyProperty();
  }

  public void createdSeen() {
    created.set(null);
  }

  /** Why keys cannot be changed now; "" while they can. */
  public StringBinding readOnlyReasonProperty() {
    return readOnlyReason;
  }

  /** True while keys cannot be created or revoked (offline, not listed, or a change under way). */
  public BooleanBinding changesDisabled() {
    return changesDisabled;
  }

  /** The zone times are shown in. */
  public ZoneId zone() {
    return zone;
  }

  private Instant now() {
    return session.clock().instant();
  }

  private LocalDate today() {
    return now().atZone(zone).toLocalDate();
  }

  /** Whether the key no longer works because its expiry passed (revoked keys say so apart). */
  public boolean expired(ApiKeyView key) {
    Instant at = key.expiresAt();
    return key.revokedAt() == null && at != null && !at.isAfter(now());
  }

  /** "Active", "Expired", or "Revoked". */
  public String state(ApiKeyView key) {
    if (key.revokedAt() != null) {
      return "Revoked";
    }
    return expired(key) ? "Expired" : "Active";
  }

  /**
   * "Never expires", "Expires in 26 days (31 Dec 2026, 23:59)", "Expired 2 days ago (3 Dec 2026,
   * 10:00)", in the window's zone.
   */
  public String expiry(ApiKeyView key) {
    Instant at = key.expiresAt();
    if (at == null) {
      return "Never expires";
    }
    String when = Formats.relative(at, now()) + " (" + Formats.dateTime(at, zone) + ")";
    return at.isAfter(now()) ? "Expires " + when : "Expired " + when;
  }

  /** "Never used", "Used 5 minutes ago (5 Dec 2026, 15:55)". */
  public String lastUse(ApiKeyView key) {
    Instant at = key.lastUsedAt();
    return at == null
        ? "Never used"
        : "Used " + Formats.relative(at, now()) + " (" + Formats.dateTime(at, zone) + ")";
  }

  /** Reads the keys; keeps what is shown when that fails, and says why. */
  public void reload() {
    if (!loaded.get()) {
      status.set("Loading the keys…");
    }
    session
        .background()
        .run(
            "API keys",
            () -> session.client().keys(),
            list -> {
              loaded.set(true);
              loadedAt = now();
              status.set("");
              keys.setAll(sorted(list));
            },
            failure -> status.set(readProblem(Problem.of(failure))));
  }

  private List<ApiKeyView> sorted(List<ApiKeyView> list) {
    return list.stream()
        .sorted(
            Comparator.comparing((ApiKeyView k) -> !state(k).equals("Active"))
                .thenComparing(ApiKeyView::createdAt, Comparator.reverseOrder())
                .thenComparing(ApiKeyView::id, Comparator.reverseOrder()))
        .toList();
  }

  private String readProblem(Problem problem) {
    if (problem.offline()) {
      return Remote.offline("the keys", loadedAt, zone);
    }
    if (problem.status() == 403) {
      return "Only an admin key can see and change the workspace's keys; this connection's key"
          + " cannot. Connect with an admin key to manage them.";
    }
    return "Cannot read the keys: " + problem.message();
  }

  /** Checks the form and creates the key; its secret then shows once ({@link #createdProperty}). */
  public void create() {
    String wanted = name.get() == null ? "" : name.get().strip();
    boolean ok = true;
    if (wanted.isEmpty()) {
      nameError.set("Give the key a name that says who or what uses it.");
      ok = false;
    } else if (wanted.length() > 100) {
      nameError.set("At most 100 characters (this one has " + wanted.length() + ").");
      ok = false;
    }
    LocalDate last = expiry.get();
    if (last != null && last.isBefore(today())) {
      expiryError.set("The last day must be today or later.");
      ok = false;
    }
    String chosenRole = ROLES.contains(role.get()) ? role.get() : "viewer";
    if (!ok) {
      return;
    }
    Instant expiresAt = last == null ? null : last.plusDays(1).atStartOfDay(zone).toInstant();
    change(
        "Create key",
        "Cannot create the key",
        () -> session.client().createKey(new ApiKeyInput(wanted, chosenRole, expiresAt)),
        (ApiKeyCreated made) -> {
          name.set("");
          expiry.set(null);
          created.set(new NewKey(made.apiKey().name(), made.key()));
          reload();
        },
        problem -> {
          if ("name".equals(problem.field())) {
            nameError.set(problem.message());
            return true;
          }
          if ("expiresAt".equals(problem.field())) {
            expiryError.set(problem.message());
            return true;
          }
          return false;
        });
  }

  /** Revokes {@code key} (the view asks first): it stops working at once. */
  public void revoke(ApiKeyView key) {
    change(
        "Revoke key",
        "Cannot revoke the key",
        () -> {
          session.client().revokeKey(key.id());
          return key;
        },
        revoked -> {
          notifier.info("Revoked the key " + revoked.name() + ".");
          reload();
        },
        problem -> false);
  }

  private <T> void change(
      String what,
      String failedTitle,
      java.util.concurrent.Callable<T> work,
      java.util.function.Consumer<T> done,
      java.util.function.Predicate<Problem> refused) {
    Remote.change(session, notifier, busy, what, failedTitle, work, done, refused, this::reload);
  }
}
