package io.linkscope.desktop.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;

/** Work handed to the FX thread from another one, waiting for its result. */
public final class FxThread {
  private FxThread() {}

  /** Runs {@code work} on the FX thread and returns its result; fails after 60 s. */
  public static <T> T call(Callable<T> work) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            result.complete(work.call());
          } catch (Exception | Error e) {
            result.completeExceptionally(e);
          }
        });
    try {
      return result.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for the FX thread", e);
    } catch (Exception e) {
      throw new IllegalStateException("FX work failed", e);
    }
  }
}
