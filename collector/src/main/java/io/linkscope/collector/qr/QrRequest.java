package io.linkscope.collector.qr;

/**
 * The validated size and margin that a client asked for when fetching a link's QR code.
 *
 * @param size edge length of the image in pixels, {@value #MIN_SIZE} to {@value #MAX_SIZE}
 * @param margin quiet zone around the symbol in modules, {@value #MIN_MARGIN} to {@value
 *     #MAX_MARGIN}
 */
public record QrRequest(int size, int margin) {

  public static final int MIN_SIZE = 64;
  public static final int MAX_SIZE = 2048;
  public static final int DEFAULT_SIZE = 256;
  public static final int MIN_MARGIN = 0;
  public static final int MAX_MARGIN = 16;

  /** The quiet zone the QR specification asks for is 4 modules; 2 scans fine on screens. */
  public static final int DEFAULT_MARGIN = 2;

  /** Raw parameter values are echoed in messages only up to this length. */
  private static final int MAX_ECHOED_CHARS = 20;

  private static final int NOT_A_NUMBER = -1;

  public QrRequest {
    if (size < MIN_SIZE || size > MAX_SIZE) {
      throw new IllegalArgumentException(sizeMessage(Integer.toString(size)));
    }
    if (margin < MIN_MARGIN || margin > MAX_MARGIN) {
      throw new IllegalArgumentException(marginMessage(Integer.toString(margin)));
    }
  }

  /**
   * Reads the {@code size} and {@code margin} query parameters; a missing or blank one takes its
   * default.
   *
   * @throws IllegalArgumentException with a sentence fit to show the client when a value is not a
   *     whole number or is out of range
   */
  public static QrRequest parse(String sizeParam, String marginParam) {
    int size = parseOr(sizeParam, DEFAULT_SIZE);
    if (size == NOT_A_NUMBER) {
      throw new IllegalArgumentException(sizeMessage(sizeParam));
    }
    int margin = parseOr(marginParam, DEFAULT_MARGIN);
    if (margin == NOT_A_NUMBER) {
      throw new IllegalArgumentException(marginMessage(marginParam));
    }
    return new QrRequest(size, margin);
  }

  /** Returns {@code fallback} for a missing value and {@link #NOT_A_NUMBER} for a malformed one. */
  private static int parseOr(String raw, int fallback) {
    if (raw == null || raw.isBlank()) {
      return fallback;
    }
    String trimmed = raw.strip();
    // Digits only, and few enough of them to fit an int: parseInt would also take a sign and
    // non-ASCII digits, neither of which the API advertises.
    if (trimmed.length() > 9) {
      return NOT_A_NUMBER;
    }
    int value = 0;
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c < '0' || c > '9') {
        return NOT_A_NUMBER;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static String sizeMessage(String raw) {
    return "The size must be a whole number of pixels from "
        + MIN_SIZE
        + " to "
        + MAX_SIZE
        + ", got "
        + echo(raw)
        + ".";
  }

  private static String marginMessage(String raw) {
    return "The margin must be a whole number of modules from "
        + MIN_MARGIN
        + " to "
        + MAX_MARGIN
        + ", got "
        + echo(raw)
        + ".";
  }

  private static String echo(String raw) {
    if (raw == null) {
      return "nothing";
    }
    String shown =
        raw.length() > MAX_ECHOED_CHARS ? raw.substring(0, MAX_ECHOED_CHARS) + "..." : raw;
    return "\"" + shown + "\"";
  }
}
