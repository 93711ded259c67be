package io.linkscope.api.routing;

import org.jspecify.annotations.Nullable;

/**
 * One rule of a link: when every condition in {@code when} matches a visit, the rule decides where
 * it goes. Rules are tried in their order; the first that matches wins, else the link's variants
 * (if any), else its target.
 *
 * @param id the rule's id on its link, assigned by the collector; give it back unchanged to keep a
 *     rule's statistics when the list is sent again, leave it out for a new rule
 * @param when the conditions, all of which must match; absent or empty matches every visit
 * @param action {@code redirect} (the default: to {@code targetUrl}), {@code fallback} (what the
 *     link answers when it is not active: its fallback URL, else the "not available" page) or
 *     {@code not_found} (the 404 page)
 * @param targetUrl where a {@code redirect} rule sends the visit; an absolute http(s) URL
 * @param name an optional label shown in reports next to the rule's key
 */
public record RoutingRule(
    @Nullable Long id,
    @Nullable RuleConditions when,
    @Nullable String action,
    @Nullable String targetUrl,
    @Nullable String name) {

  public static final String REDIRECT = "redirect";
  public static final String FALLBACK = "fallback";
  public static final String NOT_FOUND = "not_found";

  /** A new rule sending visits that match {@code when} to {@code targetUrl}. */
  public static RoutingRule redirect(RuleConditions when, String targetUrl) {
    return new RoutingRule(null, when, REDIRECT, targetUrl, null);
  }
}
