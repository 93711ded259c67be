package io.linkscope.collector.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void rendersCountersAndGaugesInThePrometheusTextFormat() {
    Metrics metrics = new Metrics();
    Metrics.Counter counter = metrics.counter("linkscope_things_total", "Things.");
    counter.add(3);
    counter.increment();
    metrics.gauge("linkscope_ratio", "A ratio.", () -> 0.25);
    assertThat(metrics.render())
        .isEqualTo(
            """
            # HELP linkscope_ratio A ratio.
            # TYPE linkscope_ratio gauge
            linkscope_ratio 0.25
            # HELP linkscope_things_total Things.
            # TYPE linkscope_things_total counter
            linkscope_things_total 4
            """);
    assertThat(metrics.value("linkscope_things_total")).isEqualTo(4);
  }

  @Test
  void registeringACounterTwiceSharesItsCount() {
    Metrics metrics = new Metrics();
    metrics.counter("c_total", "c").increment();
    metrics.counter("c_total", "c").increment();
    assertThat(metrics.value("c_total")).isEqualTo(2);
  }
}
