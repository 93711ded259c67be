package io.linkscope.collector.ops;

import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.Reply;
import java.util.Map;
import java.util.function.Supplier;

/** {@code /health} and {@code /metrics}. */
public final class OpsHandlers {
  private final Health health;
  private final Metrics metrics;
  private final Supplier<Map<String, Object>> details;

  public OpsHandlers(Health health, Metrics metrics, Supplier<Map<String, Object>> details) {
    this.health = health;
    this.metrics = metrics;
    this.details = details;
  }

  /** 200 with status "ok" or "degraded" (the collector still redirects when degraded). */
  public Reply health(ApiRequest request) {
    return Reply.ok(health.report(details.get()));
  }

  public Reply metrics(ApiRequest request) {
    return Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.render());
  }
}
