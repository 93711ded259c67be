package io.linkscope.collector.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The collector's health: each part reports a problem or nothing; any problem makes the collector
 * {@code degraded} (it still redirects), and the reasons are listed.
 */
public final class Health {
  private final Map<String, Supplier<Optional<String>>> checks = new LinkedHashMap<>();

  /** The answer of {@code GET /health}. */
  public record Report(String status, List<String> problems, Map<String, Object> details) {}

  /** Adds a check: it returns a sentence when something is wrong, empty when all is well. */
  public void register(String name, Supplier<Optional<String>> check) {
    checks.put(name, check);
  }

  Report report(Map<String, Object> details) {
    List<String> problems = new ArrayList<>();
    checks.forEach(
        (name, check) -> {
          try {
            check.get().ifPresent(problem -> problems.add(name + ": " + problem));
          } catch (RuntimeException e) {
            problems.add(name + ": check failed: " + e.getMessage());
          }
        });
    return new Report(problems.isEmpty() ? "ok" : "degraded", problems, details);
  }
}
