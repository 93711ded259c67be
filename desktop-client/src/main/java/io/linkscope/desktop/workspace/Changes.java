package io.linkscope.desktop.workspace;

import io.linkscope.api.LinkscopeClient;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;

/**
 * Changes sent to the workspace's collector. They are possible only while the collector can be
 * reached with a key it accepts: {@link #writableProperty()} says so, for New and Save buttons to
 * bind to, and {@link #writeBlockedReasonProperty()} says why not, in words for a tooltip or a
 * message.
 */
public interface Changes {
  /**
   * Sends a change in the background: {@code work} calls {@link #client()}, {@code done} gets its
   * result on the FX thread, {@code error} a message the user can act on (refused at once while
   * {@link #writableProperty()} is false; nothing is sent then).
   */
  <T> void change(String title, Callable<T> work, Consumer<T> done, Consumer<String> error);

  /** The collector's API client, for the work passed to {@link #change}. */
  LinkscopeClient client();

  /** The collector's base URL, e.g. for short links shown before a link is saved. */
  String collectorUrl();

  /** True while changes can be sent: the collector answers and accepts the key. */
  ReadOnlyBooleanProperty writableProperty();

  /** Why changes are not possible now ("" while they are). */
  ReadOnlyStringProperty writeBlockedReasonProperty();
}
