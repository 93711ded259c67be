package io.linkscope.collector.enrich;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link BotPatterns} in effect: the bundled list, or an operator's file that is picked up
 * again when it is replaced, so that a newer list needs no new release.
 *
 * <p>Like the GeoIP database, the file is an enrichment: a missing or broken file is logged and the
 * bundled list (or, after a reload, the previous file) stays in effect; a click is never failed for
 * it. The file is checked for replacement at most once per check interval, on the thread that asks.
 */
public final class BotPatternSource {

  static final Duration DEFAULT_RELOAD_CHECK_INTERVAL = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(BotPatternSource.class);

  private final @Nullable Path file;
  private final long reloadCheckIntervalNanos;
  private final ReentrantLock reloadLock = new ReentrantLock();

  private volatile BotPatterns current;
  private volatile long nextReloadCheckNanos;

  /** The state of the file last loaded or rejected, so each version is read and reported once. */
  private @Nullable FileStamp seen; // guarded by reloadLock

  private BotPatternSource(@Nullable Path file, Duration reloadCheckInterval) {
    this.file = file;
    this.reloadCheckIntervalNanos = reloadCheckInterval.toNanos();
    this.current = BotPatterns.bundled();
  }

  /** The list shipped with the collector, for good. */
  static BotPatternSource bundled() {
    return new BotPatternSource(null, Duration.ZERO);
  }

  /**
   * The patterns in {@code file} (see {@link BotPatterns#read} for its format), read now and again
   * whenever the file is replaced; the bundled list until the file can be read.
   */
  public static BotPatternSource file(Path file) {
    return file(file, DEFAULT_RELOAD_CHECK_INTERVAL);
  }

  static BotPatternSource file(Path file, Duration reloadCheckInterval) {
    BotPatternSource source = new BotPatternSource(file, reloadCheckInterval);
    source.reloadLock.lock();
    try {
      BotPatterns loaded = source.load(file, FileStamp.of(file), "using the bundled bot list");
      if (loaded != null) {
        source.current = loaded;
      }
      source.nextReloadCheckNanos = System.nanoTime() + source.reloadCheckIntervalNanos;
    } finally {
      source.reloadLock.unlock();
    }
    return source;
  }

  /** The patterns to apply now; a new instance whenever the file was replaced. */
  public BotPatterns current() {
    Path watched = file;
    if (watched != null && System.nanoTime() - nextReloadCheckNanos >= 0) {
      reloadIfReplaced(watched);
    }
    return current;
  }

  private void reloadIfReplaced(Path file) {
    // Another thread already checking is as good as checking; never make clicks queue up here.
    if (!reloadLock.tryLock()) {
      return;
    }
    try {
      if (System.nanoTime() - nextReloadCheckNanos < 0) {
        return;
      }
      // A file that vanished is most likely mid-replacement; keep what is loaded.
      FileStamp stamp = FileStamp.of(file);
      if (stamp != null && !stamp.equals(seen)) {
        BotPatterns replacement = load(file, stamp, "keeping the bot list in use");
        if (replacement != null) {
          current = replacement;
        }
      }
      // Counted from the end of the check so a slow load cannot cause back-to-back checks.
      nextReloadCheckNanos = System.nanoTime() + reloadCheckIntervalNanos;
    } finally {
      reloadLock.unlock();
    }
  }

  /** Reads the file, or returns null after logging why it cannot be used. */
  private @Nullable BotPatterns load(Path file, @Nullable FileStamp stamp, String consequence) {
    seen = stamp;
    if (stamp == null) {
      log.warn("No bot pattern file found at {}; {}.", file, consequence);
      return null;
    }
    try {
      BotPatterns patterns = BotPatterns.read(file);
      log.info("Loaded {} bot patterns from {}.", patterns.size(), file);
      return patterns;
    } catch (IOException | IllegalArgumentException e) {
      log.error("Cannot use bot pattern file {}: {}; {}.", file, e.getMessage(), consequence);
      return null;
    }
  }
}
