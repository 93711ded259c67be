package io.linkscope.desktop.workspace;

import io.linkscope.desktop.store.LocalStore;
import io.linkscope.desktop.ui.Background;
import java.time.Clock;
import javafx.beans.property.ReadOnlyLongProperty;

/** The open workspace's local copy as a screen reads it: the store, when it changed, the clock. */
public interface LocalData {
  /** The offline copy; read it through {@link #background()}, never on the FX thread. */
  LocalStore store();

  /** Grows whenever the local copy changed; screens reload when it does. */
  ReadOnlyLongProperty dataVersionProperty();

  /** Where reads (and changes) run, off the FX thread. */
  Background background();

  /** "Now" of the workspace's numbers (fixed in tests and the training run). */
  Clock clock();
}
