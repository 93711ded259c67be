package io.linkscope.collector.testsupport;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects what the collector logs while it is open, to assert on log lines. */
public final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture() {
    appender.start();
    root().addAppender(appender);
  }

  public static LogCapture start() {
    return new LogCapture();
  }

  /** Every event so far, oldest first. */
  public synchronized List<ILoggingEvent> events() {
    return List.copyOf(appender.list);
  }

  /** Events at {@code level} or above, and any event with a stack trace, as readable lines. */
  public List<String> atLeastOrWithTrace(Level level) {
    return events().stream()
        .filter(e -> e.getLevel().isGreaterOrEqual(level) || e.getThrowableProxy() != null)
        .map(
            e ->
                e.getLevel()
                    + " ["
                    + e.getThreadName()
                    + "] "
                    + e.getLoggerName()
                    + " - "
                    + e.getFormattedMessage()
                    + trace(e))
        .toList();
  }

  /**
   * The event's throwable and the first frames of it and its causes, so a failure names its cause.
   */
  private static String trace(ILoggingEvent event) {
    StringBuilder text = new StringBuilder();
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append(text.isEmpty() ? "\n  " : "\n  caused by ")
          .append(t.getClassName())
          .append(": ")
          .append(t.getMessage());
      StackTraceElementProxy[] frames = t.getStackTraceElementProxyArray();
      for (int i = 0; i < Math.min(12, frames.length); i++) {
        text.append("\n    ").append(frames[i].getSTEAsString());
      }
    }
    return text.toString();
  }

  /** Lines logged by {@code type}'s logger. */
  public List<String> from(Class<?> type) {
    return events().stream()
        .filter(e -> e.getLoggerName().equals(type.getName()))
        .map(e -> e.getLevel() + " " + e.getFormattedMessage())
        .toList();
  }

  @Override
  public void close() {
    root().detachAppender(appender);
    appender.stop();
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
