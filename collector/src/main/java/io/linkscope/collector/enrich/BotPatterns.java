package io.linkscope.collector.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A list of regular expressions that each mark a User-Agent as a bot wherever they match, compiled
 * so that most of them cost one substring search.
 *
 * <p>The bundled list is the one of the npm package isbot (see {@code bot-patterns.txt} next to
 * this class). Its authors apply it as one alternation of some 200 patterns; Java's regex engine
 * tries every alternative at every position of the User-Agent, which measured about 100 µs per
 * User-Agent. Nearly every pattern contains a literal that any match must contain ({@code "bot"} in
 * {@code (?<! cu)bots?(?:\b|_)}), so each pattern runs only when its literal occurs in the
 * lower-cased User-Agent, and the few without one run as one alternation: about 3 µs (see
 * docs/BENCHMARKS.md).
 *
 * <p>Immutable and thread-safe.
 */
public final class BotPatterns {

  private static final String BUNDLED = "bot-patterns.txt";

  /**
   * Inline flags that change what a literal character matches: comments ({@code (?x)}, spaces mean
   * nothing) and Unicode case ({@code (?iu)}, {@code s} also matches {@code ſ}, which lower-casing
   * does not turn into {@code s}).
   */
  private static final Pattern LITERAL_CHANGING_FLAGS = Pattern.compile("\\(\\?[a-zA-Z]*[xu]");

  /** Patterns that run only when their literal occurs; the two lists are parallel. */
  private final List<String> literals;

  private final List<Pattern> gated;

  /** The patterns without a literal, as one alternation; null if there are none. */
  private final @Nullable Pattern ungated;

  private final int size;

  private BotPatterns(
      List<String> literals, List<Pattern> gated, @Nullable Pattern ungated, int size) {
    this.literals = literals;
    this.gated = gated;
    this.ungated = ungated;
    this.size = size;
  }

  /** The list shipped with the collector. */
  static BotPatterns bundled() {
    try (InputStream in = BotPatterns.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IllegalStateException(BUNDLED + " is missing from the class path");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return parse(BUNDLED, text.lines().toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a pattern file: one regular expression a line, taken as it is (isbot's list has patterns
   * that start with a space); blank lines and lines starting with {@code #} are skipped.
   *
   * @throws IllegalArgumentException naming the line of the first pattern that does not compile
   */
  public static BotPatterns read(Path file) throws IOException {
    return parse(file.toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  /**
   * Compiles {@code lines} (see {@link #read}); {@code source} names them in error messages.
   *
   * @throws IllegalArgumentException naming the line of the first pattern that does not compile
   */
  static BotPatterns parse(String source, List<String> lines) {
    List<String> literals = new ArrayList<>();
    List<Pattern> gated = new ArrayList<>();
    List<String> ungated = new ArrayList<>();
    int lineNumber = 0;
    for (String line : lines) {
      lineNumber++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Pattern pattern;
      try {
        pattern = Pattern.compile(line, Pattern.CASE_INSENSITIVE);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            source + " line " + lineNumber + ": " + e.getDescription() + " in " + line, e);
      }
      String literal = requiredLiteral(line);
      if (literal.isEmpty()) {
        ungated.add(line);
      } else {
        literals.add(literal);
        gated.add(pattern);
      }
    }
    return new BotPatterns(
        List.copyOf(literals),
        List.copyOf(gated),
        ungated.isEmpty()
            ? null
            : Pattern.compile(String.join("|", ungated), Pattern.CASE_INSENSITIVE),
        gated.size() + ungated.size());
  }

  /** How many patterns the list has. */
  int size() {
    return size;
  }

  /** Whether any pattern matches somewhere in {@code userAgent}. */
  public boolean matches(String userAgent) {
    // The patterns fold ASCII case only, and lower-casing maps every ASCII capital to the small
    // letter: a literal that a match contains is always found in the lower-cased text.
    String lower = userAgent.toLowerCase(Locale.ROOT);
    for (int i = 0; i < literals.size(); i++) {
      if (lower.contains(literals.get(i)) && gated.get(i).matcher(userAgent).find()) {
        return true;
      }
    }
    return ungated != null && ungated.matcher(userAgent).find();
  }

  /**
   * The longest run of literal characters, lower-cased, that every match of {@code regex} contains,
   * or {@code ""} if none is found.
   *
   * <p>Reads the pattern's top level only: groups, character classes, escapes for classes and
   * anchors end a run, and an optional character ({@code s?}, {@code s*}, {@code s{0,2}}) ends it
   * without being part of it. A top-level {@code |} makes every run optional, and so gives {@code
   * ""}. Anything it does not understand ends a run, so the answer is only ever too short, never
   * wrong.
   */
  static String requiredLiteral(String regex) {
    if (LITERAL_CHANGING_FLAGS.matcher(regex).find()) {
      return "";
    }
    String longest = "";
    StringBuilder run = new StringBuilder();
    int i = 0;
    int n = regex.length();
    while (i < n) {
      char c = regex.charAt(i);
      String literal = null;
      int next;
      switch (c) {
        case '|' -> {
          return "";
        }
        case '(' -> next = endOfGroup(regex, i);
        case '[' -> next = endOfClass(regex, i);
        case '\\' -> {
          if (i + 1 >= n) {
            return "";
          }
          char escaped = regex.charAt(i + 1);
          if (Character.isLetterOrDigit(escaped)) {
            next = endOfEscape(regex, i);
          } else {
            literal = String.valueOf(escaped);
            next = i + 2;
          }
        }
        case '^', '$', '.', ')', '*', '+', '?', '{', '}', ']' -> next = i + 1;
        default -> {
          literal = String.valueOf(c);
          next = i + 1;
        }
      }
      boolean optional = false;
      boolean repeated = false;
      if (next < n) {
        char quantifier = regex.charAt(next);
        if (quantifier == '?' || quantifier == '*') {
          optional = true;
          next++;
        } else if (quantifier == '+') {
          repeated = true;
          next++;
        } else if (quantifier == '{') {
          int close = regex.indexOf('}', next);
          if (close < 0) {
            return "";
          }
          optional = regex.startsWith("{0", next);
          repeated = !optional;
          next = close + 1;
        }
        // Lazy and possessive forms (x+?, x*+) do not change what must be there.
        if ((optional || repeated)
            && next < n
            && (regex.charAt(next) == '?' || regex.charAt(next) == '+')) {
          next++;
        }
      }
      if (literal != null && !optional) {
        run.append(literal);
      }
      if (literal == null || optional || repeated) {
        if (run.length() > longest.length()) {
          longest = run.toString();
        }
        run.setLength(0);
      }
      i = next;
    }
    if (run.length() > longest.length()) {
      longest = run.toString();
    }
    return longest.toLowerCase(Locale.ROOT);
  }

  /**
   * The index after the escape starting at {@code backslash} whose first character is a letter or a
   * digit: these take arguments ({@code \x41}, {@code \p{L}}, {@code \k<name>}, {@code \Q...\E})
   * that must not be read as literal characters of the pattern.
   */
  private static int endOfEscape(String regex, int backslash) {
    int i = backslash + 1;
    char kind = regex.charAt(i++);
    return switch (kind) {
      case 'x' -> i < regex.length() && regex.charAt(i) == '{' ? after(regex, '}', i) : i + 2;
      case 'u' -> i + 4;
      case 'c' -> i + 1;
      case 'k' -> after(regex, '>', i);
      case 'p', 'P', 'N', 'b', 'X' ->
          i < regex.length() && regex.charAt(i) == '{'
              ? after(regex, '}', i)
              : i + (kind == 'p' || kind == 'P' ? 1 : 0);
      case 'Q' -> {
        int end = regex.indexOf("\\E", i);
        yield end < 0 ? regex.length() : end + 2;
      }
      default -> {
        // Octal (\0377) and back references (\12) run on over digits.
        if (Character.isDigit(kind)) {
          while (i < regex.length() && Character.isDigit(regex.charAt(i))) {
            i++;
          }
        }
        yield i;
      }
    };
  }

  /** The index after the first {@code c} at or after {@code from}, or the end of the pattern. */
  private static int after(String regex, char c, int from) {
    int at = regex.indexOf(c, from);
    return at < 0 ? regex.length() : at + 1;
  }

  /** The index after the {@code )} that closes the group opening at {@code open}. */
  private static int endOfGroup(String regex, int open) {
    int depth = 0;
    int i = open;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        i = endOfClass(regex, i);
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    return regex.length();
  }

  /** The index after the {@code ]} that closes the character class opening at {@code open}. */
  private static int endOfClass(String regex, int open) {
    int i = open + 1;
    if (i < regex.length() && regex.charAt(i) == '^') {
      i++;
    }
    // A ] right after the opening bracket is a member, not the end.
    if (i < regex.length() && regex.charAt(i) == ']') {
      i++;
    }
    int depth = 1;
    while (i < regex.length()) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i += 2;
        continue;
      }
      if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i + 1;
      }
      i++;
    }
    return regex.length();
  }
}
