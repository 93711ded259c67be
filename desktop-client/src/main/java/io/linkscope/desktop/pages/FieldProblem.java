package io.linkscope.desktop.pages;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A collector error about one field ("Field 'url': must be …"), split so the editor can show it
 * next to that field as a sentence ("The URL must be …").
 *
 * @param field the collector's field name, e.g. {@code url} or {@code theme.text}
 * @param message the sentence to show
 */
record FieldProblem(String field, String message) {
  private static final Pattern FIELD = Pattern.compile("Field '([^']+)': (.+)", Pattern.DOTALL);
  private static final Pattern PREDICATE = Pattern.compile("(is|must|has|may|cannot) .*");
  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("handle", "The handle"),
          Map.entry("title", "The title"),
          Map.entry("description", "The description"),
          Map.entry("avatarUrl", "The avatar URL"),
          Map.entry("seoTitle", "The search title"),
          Map.entry("seoDescription", "The search description"),
          Map.entry("ogImageUrl", "The preview image URL"),
          Map.entry("url", "The URL"),
          Map.entry("imageUrl", "The image URL"),
          Map.entry("text", "The text"),
          Map.entry("icons.url", "An icon's URL"),
          Map.entry("icons.platform", "An icon's platform"),
          Map.entry("domain", "The domain"));

  static Optional<FieldProblem> parse(String problem) {
    Matcher matcher = FIELD.matcher(problem.strip());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String field = matcher.group(1);
    String message = matcher.group(2).strip();
    String sentence =
        PREDICATE.matcher(message).matches() && NAMES.containsKey(field)
            ? NAMES.get(field) + " " + message
            : Character.toUpperCase(message.charAt(0)) + message.substring(1);
    return Optional.of(new FieldProblem(field, sentence));
  }
}
