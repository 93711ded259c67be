package io.linkscope.collector.routing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.linkscope.api.routing.QueryCondition;
import io.linkscope.api.routing.RoutingRule;
import io.linkscope.api.routing.RuleConditions;
import io.linkscope.api.routing.TimeWindow;
import io.linkscope.api.routing.Variant;
import io.linkscope.collector.http.HttpError;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Refuses a field the routing records do not have anywhere inside {@code rules} and {@code
 * variants} of a link body: a misspelt condition ({@code "countrys"}) would otherwise be dropped
 * and its rule match every visit.
 */
public final class RoutingShape {
  private static final Set<String> RULE = names(RoutingRule.class);
  private static final Set<String> CONDITIONS = names(RuleConditions.class);
  private static final Set<String> TIME = names(TimeWindow.class);
  private static final Set<String> QUERY = names(QueryCondition.class);
  private static final Set<String> VARIANT = names(Variant.class);

  private RoutingShape() {}

  /**
   * Checks the {@code rules} and {@code variants} of a link's JSON body (a create or a patch).
   *
   * @throws HttpError 400 naming the place of the first unknown field
   */
  public static void check(JsonObject body) {
    if (body.get("rules") instanceof JsonArray rules) {
      for (int i = 0; i < rules.size(); i++) {
        if (rules.get(i) instanceof JsonObject rule) {
          rule(rule, "rules[" + i + "]");
        }
      }
    }
    if (body.get("variants") instanceof JsonArray variants) {
      for (int i = 0; i < variants.size(); i++) {
        if (variants.get(i) instanceof JsonObject variant) {
          known(variant, VARIANT, "variants[" + i + "]");
        }
      }
    }
  }

  private static void rule(JsonObject rule, String at) {
    known(rule, RULE, at);
    if (rule.get("when") instanceof JsonObject when) {
      known(when, CONDITIONS, at + ".when");
      if (when.get("time") instanceof JsonObject time) {
        known(time, TIME, at + ".when.time");
      }
      if (when.get("query") instanceof JsonArray query) {
        for (int i = 0; i < query.size(); i++) {
          if (query.get(i) instanceof JsonObject parameter) {
            known(parameter, QUERY, at + ".when.query[" + i + "]");
          }
        }
      }
    }
  }

  private static void known(JsonObject object, Set<String> allowed, String at) {
    for (String key : object.keySet()) {
      if (!allowed.contains(key)) {
        throw HttpError.invalidField(
            at + "." + key,
            "unknown field. Allowed fields here: " + String.join(", ", allowed) + ".");
      }
    }
  }

  private static Set<String> names(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents())
        .map(RecordComponent::getName)
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
