package io.linkscope.desktop.ui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where view models send network and database work: never the FX thread. Results and failures come
 * back on the thread that may touch UI state.
 */
public interface Background {

  /** Runs {@code update} on the UI thread (progress reports from background work). */
  void onUi(Runnable update);

  /** Runs {@code work} off the UI thread; the returned handle cancels it. */
  <T> Job run(String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure);

  /** A started piece of background work. */
  interface Job {
    /** The handle of work that already finished: cancelling it does nothing. */
    Job DONE =
        new Job() {
          @Override
          public void cancel() {
            // Nothing left to stop.
          }

          @Override
          public boolean isCancelled() {
            return false;
          }
        };

    void cancel();

    boolean isCancelled();
  }

  /**
   * Runs work at once on the calling thread: for view-model tests and the benchmark, which have no
   * FX thread to come back to.
   */
  static Background inline() {
    return new Background() {
      @Override
      public void onUi(Runnable update) {
        update.run();
      }

      @Override
      public <T> Job run(
          String title, Callable<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        T result;
        try {
          result = work.call();
        } catch (Exception | Error e) {
          onFailure.accept(e);
          return Job.DONE;
        }
        onSuccess.accept(result);
        return Job.DONE;
      }
    };
  }
}
