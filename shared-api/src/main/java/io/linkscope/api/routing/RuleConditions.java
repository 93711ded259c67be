package io.linkscope.api.routing;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a visit must be for a rule to match. Every condition given must match (and); within a list,
 * any value may (or). An absent or empty list does not restrict. Text is compared ignoring case.
 *
 * @param devices device types as statistics name them: {@code desktop}, {@code mobile}, {@code
 *     tablet}, {@code tv}, {@code console}, {@code wearable}, {@code other}
 * @param os operating systems, e.g. {@code iOS}, {@code Android}, {@code Windows}, {@code Mac OS}
 * @param browsers browsers, e.g. {@code Chrome}, {@code Safari}, {@code Firefox}
 * @param inApp in-app browsers, e.g. {@code Instagram}, {@code Facebook}, {@code TikTok}; {@code
 *     any} matches every in-app browser, {@code none} a regular browser
 * @param countries ISO 3166-1 alpha-2 codes, e.g. {@code DE}
 * @param regions regions by ISO 3166-2 code without the country (e.g. {@code BY}) or by name
 * @param cities city names as the GeoIP database spells them, e.g. {@code Munich}
 * @param ipRanges CIDR ranges (or single addresses) of the visitor's address
 * @param languages the visitor's preferred language (highest q-value of Accept-Language), as ISO
 *     639 codes, e.g. {@code de}
 * @param query query parameters of the visit: present, or equal to a value
 * @param referrerSources referrer channels as statistics name them, e.g. {@code Instagram}, {@code
 *     Email}, {@code Direct}, {@code Other}
 * @param time when the visit happens
 * @param bot true: only bots and link previewers; false: only humans
 */
public record RuleConditions(
    @Nullable List<String> devices,
    @Nullable List<String> os,
    @Nullable List<String> browsers,
    @Nullable List<String> inApp,
    @Nullable List<String> countries,
    @Nullable List<String> regions,
    @Nullable List<String> cities,
    @Nullable List<String> ipRanges,
    @Nullable List<String> languages,
    @Nullable List<QueryCondition> query,
    @Nullable List<String> referrerSources,
    @Nullable TimeWindow time,
    @Nullable Boolean bot) {

  /** No condition: matches every visit. */
  public static RuleConditions any() {
    return new RuleConditions(
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  public RuleConditions withDevices(List<String> values) {
    return new RuleConditions(
        values,
        os,
        browsers,
        inApp,
        countries,
        regions,
        cities,
        ipRanges,
        languages,
        query,
        referrerSources,
        time,
        bot);
  }

  public RuleConditions withOs(List<String> values) {
    return new RuleConditions(
        devices,
        values,
        browsers,
        inApp,
        countries,
        regions,
        cities,
        ipRanges,
        languages,
        query,
        referrerSources,
        time,
        bot);
  }

  public RuleConditions withInApp(List<String> values) {
    return new RuleConditions(
        devices,
        os,
        browsers,
        values,
        countries,
        regions,
        cities,
        ipRanges,
        languages,
        query,
        referrerSources,
        time,
        bot);
  }

  public RuleConditions withCountries(List<String> values) {
    return new RuleConditions(
        devices,
        os,
        browsers,
        inApp,
        values,
        regions,
        cities,
        ipRanges,
        languages,
        query,
        referrerSources,
        time,
        bot);
  }

  public RuleConditions withLanguages(List<String> values) {
    return new RuleConditions(
        devices,
        os,
        browsers,
        inApp,
        countries,
        regions,
        cities,
        ipRanges,
        values,
        query,
        referrerSources,
        time,
        bot);
  }

  public RuleConditions withIpRanges(List<String> values) {
    return new RuleConditions(
        devices,
        os,
        browsers,
        inApp,
        countries,
        regions,
        cities,
        values,
        languages,
        query,
        referrerSources,
        time,
        bot);
  }

  public RuleConditions withQuery(List<QueryCondition> values) {
    return new RuleConditions(
        devices,
        os,
        browsers,
        inApp,
        countries,
        regions,
        cities,
        ipRanges,
        languages,
        values,
        referrerSources,
        time,
        bot);
  }

  public RuleConditions withTime(TimeWindow window) {
    return new RuleConditions(
        devices,
        os,
        browsers,
        inApp,
        countries,
        regions,
        cities,
        ipRanges,
        languages,
        query,
        referrerSources,
        window,
        bot);
  }

  public RuleConditions withBot(boolean value) {
    return new RuleConditions(
        devices,
        os,
        browsers,
        inApp,
        countries,
        regions,
        cities,
        ipRanges,
        languages,
        query,
        referrerSources,
        time,
        value);
  }
}
