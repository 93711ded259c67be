package io.linkscope.collector.ops;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.DoubleSupplier;

/**
 * The collector's counters and gauges, rendered in the Prometheus text format at {@code /metrics}.
 * Counters are {@link LongAdder}s so the redirect path never contends on them.
 */
public final class Metrics {
  private final Map<String, Metric> metrics = new ConcurrentSkipListMap<>();

  private sealed interface Metric permits CounterMetric, GaugeMetric, InfoMetric {
    String help();
  }

  private record CounterMetric(String help, LongAdder adder) implements Metric {}

  private record GaugeMetric(String help, DoubleSupplier value) implements Metric {}

  private record InfoMetric(String help, String labels) implements Metric {}

  /** A monotonically increasing count. */
  public static final class Counter {
    private final LongAdder adder;

    private Counter(LongAdder adder) {
      this.adder = adder;
    }

    public void increment() {
      adder.increment();
    }

    public void add(long amount) {
      adder.add(amount);
    }

    public long value() {
      return adder.sum();
    }
  }

  /** Registers (or returns the already registered) counter {@code name}. */
  public Counter counter(String name, String help) {
    Metric metric = metrics.computeIfAbsent(name, n -> new CounterMetric(help, new LongAdder()));
    if (!(metric instanceof CounterMetric counter)) {
      throw new IllegalArgumentException(name + " is not a counter");
    }
    return new Counter(counter.adder());
  }

  /** Registers a gauge read when metrics are scraped. */
  public void gauge(String name, String help, DoubleSupplier value) {
    metrics.put(name, new GaugeMetric(help, value));
  }

  /**
   * Registers a gauge of value 1 whose labels say what something is (the Prometheus {@code _info}
   * convention), such as this collector's id.
   */
  public void info(String name, String help, Map<String, String> labels) {
    StringBuilder text = new StringBuilder();
    new java.util.TreeMap<>(labels)
        .forEach(
            (label, value) ->
                text.append(text.isEmpty() ? "" : ",")
                    .append(label)
                    .append("=\"")
                    .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n"))
                    .append('"'));
    metrics.put(name, new InfoMetric(help, text.toString()));
  }

  /** The value of a counter or gauge, for health checks and tests. */
  public double value(String name) {
    return switch (metrics.get(name)) {
      case CounterMetric counter -> counter.adder().sum();
      case GaugeMetric gauge -> gauge.value().getAsDouble();
      case InfoMetric info -> 1;
      case null -> throw new IllegalArgumentException("no metric " + name);
    };
  }

  /** All metrics in the Prometheus text exposition format 0.0.4. */
  String render() {
    StringBuilder out = new StringBuilder(4096);
    metrics.forEach(
        (name, metric) -> {
          out.append("# HELP ").append(name).append(' ').append(metric.help()).append('\n');
          switch (metric) {
            case CounterMetric counter ->
                out.append("# TYPE ")
                    .append(name)
                    .append(" counter\n")
                    .append(name)
                    .append(' ')
                    .append(counter.adder().sum())
                    .append('\n');
            case GaugeMetric gauge -> {
              double value = gauge.value().getAsDouble();
              out.append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ');
              if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                out.append((long) value);
              } else {
                out.append(value);
              }
              out.append('\n');
            }
            case InfoMetric info ->
                out.append("# TYPE ")
                    .append(name)
                    .append(" gauge\n")
                    .append(name)
                    .append('{')
                    .append(info.labels())
                    .append("} 1\n");
          }
        });
    return out.toString();
  }
}
