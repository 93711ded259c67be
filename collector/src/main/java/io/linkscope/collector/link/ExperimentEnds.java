package io.linkscope.collector.link;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the A/B splits whose end date has passed (decision 0019): every round finds them by their
 * indexed end date and promotes the variant the {@link Links.Outcome} picks (the experiment's
 * winner, else the control). Between the end date and the round that promotes, the compiled route
 * already sends every visit to the control, so no visit is split after the end.
 */
public final class ExperimentEnds implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ExperimentEnds.class);
  private static final int BATCH = 100;

  private final LinkRepository repository;
  private final Links links;
  private final Links.Outcome outcome;
  private final Clock clock;
  private final ScheduledExecutorService rounds =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("experiment-ends").daemon().factory());

  public ExperimentEnds(
      LinkRepository repository, Links links, Links.Outcome outcome, Clock clock) {
    this.repository = repository;
    this.links = links;
    this.outcome = outcome;
    this.clock = clock;
  }

  /** Runs a round every {@code period}. */
  public void start(Duration period) {
    // The future would only report a round that threw, and none does (see round); close() cancels.
    Future<?> _ =
        rounds.scheduleWithFixedDelay(
            this::round, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Ends every split that is due now; the number ended. A link that cannot be ended is logged and
   * left for the next round, so that it does not hold up the links due after it.
   */
  public int endDue() throws SQLException {
    int ended = 0;
    for (LinkRepository.DueExperiment due : repository.experimentsDue(clock.instant(), BATCH)) {
      try {
        if (links.endExperiment(due.workspaceId(), due.id(), outcome)) {
          log.info("The A/B split of link {} ended at its end date", due.id());
          ended++;
        }
      } catch (SQLException | RuntimeException e) {
        log.warn("Could not end the A/B split of link {}: {}", due.id(), e.toString());
      }
    }
    return ended;
  }

  /**
   * One scheduled round; an error is logged and the next round tries again, since an executor never
   * runs a periodic task again once it has thrown.
   */
  private void round() {
    try {
      endDue();
    } catch (Throwable e) {
      log.warn("Could not end the A/B splits due: {}", e.toString());
    }
  }

  @Override
  public void close() {
    rounds.shutdownNow();
  }
}
