package io.linkscope.collector.enrich;

/**
 * The one {@link UserAgentEnricher} all tests of a JVM share: building it loads Yauaa's rules,
 * which takes seconds and over a hundred megabytes.
 */
final class SharedEnrichers {

  static final UserAgentEnricher USER_AGENT = new UserAgentEnricher(1_000);

  private SharedEnrichers() {}
}
