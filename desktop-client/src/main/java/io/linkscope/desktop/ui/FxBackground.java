package io.linkscope.desktop.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javafx.concurrent.Task;

/** {@link Background} on a small pool of daemon threads, reporting back on the FX thread. */
public final class FxBackground implements Background {
  private final ExecutorService executor =
      Executors.newFixedThreadPool(
          3, Thread.ofPlatform().daemon().name("linkscope-background-", 0).factory());

  @Override
  public void onUi(Runnable update) {
    if (javafx.application.Platform.isFxApplicationThread()) {
      update.run();
    } else {
      javafx.application.Platform.runLater(update);
    }
  }

  @Override
  public <T> Job run(
      String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
    Task<T> task =
        new Task<>() {
          @Override
          protected T call() throws Exception {
            updateTitle(title);
            return work.call();
          }
        };
    task.setOnSucceeded(event -> onSuccess.accept(task.getValue()));
    task.setOnFailed(event -> onFailure.accept(task.getException()));
    executor.execute(task);
    return new Job() {
      @Override
      public void cancel() {
        task.cancel(true);
      }

      @Override
      public boolean isCancelled() {
        return task.isCancelled();
      }
    };
  }
}
