package io.linkscope.collector.journal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The click write-ahead log: an append-only sequence of checksummed records in segment files.
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li><b>Process kill.</b> When {@link #append(byte[])} returns, the whole record has been handed
 *       to the kernel with one {@code write(2)}; it survives the process being killed (SIGKILL, OOM
 *       killer, crash of the JVM).
 *   <li><b>Operating-system crash or power loss.</b> A background daemon thread calls {@code
 *       fdatasync} ({@code force(false)}) every {@link JournalOptions#fsyncInterval()} when there
 *       were writes (group fsync), so such a crash can take away at most the records appended in
 *       the last interval plus the duration of one fsync. Rolling to a new segment and {@link
 *       #close()} force synchronously.
 *   <li><b>Damage.</b> {@link #open} validates every record and moves a torn or corrupt remainder
 *       to a {@code .damaged-*} file; see {@link #recovery()}.
 * </ul>
 *
 * <h2>Concurrency</h2>
 *
 * {@code append} is safe to call from many threads. The record is framed and checksummed outside
 * any lock; the critical section is the budget check and one {@code write(2)} of the prebuilt
 * frame, so records are never interleaved and their order in the log is the order in which the lock
 * was taken. Writes go through {@link RandomAccessFile}, not an interruptible {@link FileChannel},
 * because an interrupted request thread would otherwise close the shared channel for everyone.
 * Readers never take the write lock: the writer publishes the committed end in a volatile field and
 * readers only read bytes before it.
 *
 * <h2>Disk budget</h2>
 *
 * Retained bytes are the sizes of all segment files still on disk, headers included. An append
 * whose framed record (plus a segment header if it starts a new segment) would take them beyond
 * {@link JournalOptions#diskBudgetBytes()} throws {@link JournalFullException} without writing
 * anything; {@link #release} frees space.
 */
public final class Journal implements AutoCloseable {

  /** Largest payload {@link #append(byte[])} accepts (1 MiB). */
  public static final int MAX_PAYLOAD_BYTES = Format.MAX_PAYLOAD_BYTES;

  private static final Logger log = LoggerFactory.getLogger(Journal.class);
  private static final String LOCK_FILE = "journal.lock";

  private final Path dir;
  private final JournalOptions options;
  private final JournalRecovery recovery;
  private final FileChannel lockChannel;
  private final FileLock dirLock;

  /** Every retained segment by number; the active one is the last entry. */
  private final ConcurrentSkipListMap<Long, Segment> segments = new ConcurrentSkipListMap<>();

  private final ReentrantLock writeLock = new ReentrantLock();
  // Written with writeLock held; volatile so the fsync thread can pick up the current file.
  private volatile RandomAccessFile activeFile;
  // Guarded by writeLock.
  private long writeOffset;

  private volatile Segment active;
  private volatile JournalPosition end;
  // Counted with writeLock held; atomic so that the count stays exact should that ever change.
  private final AtomicLong appendedRecords = new AtomicLong();
  private volatile boolean closed;
  private volatile @Nullable IOException failure;

  private final AtomicLong retainedBytes = new AtomicLong();
  private final AtomicLong fsyncCount = new AtomicLong();
  private volatile long lastFsyncNanos;

  private final ReentrantLock signalLock = new ReentrantLock();
  private final Condition appended = signalLock.newCondition();
  private final AtomicInteger waitingReaders = new AtomicInteger();

  private final ReentrantLock releaseLock = new ReentrantLock();
  private final Thread syncer;

  private Journal(
      Path dir,
      JournalOptions options,
      FileChannel lockChannel,
      FileLock dirLock,
      Recovery.Result recovered)
      throws IOException {
    this.dir = dir;
    this.options = options;
    this.lockChannel = lockChannel;
    this.dirLock = dirLock;
    this.recovery = recovered.report();
    long retained = 0;
    for (Segment segment : recovered.segments()) {
      segments.put(segment.number, segment);
      retained += segment.sealedSize();
    }
    Segment last = segments.isEmpty() ? null : segments.lastEntry().getValue();
    if (last != null && recovered.lastSegmentReusable()) {
      // A clean header-only last segment (for instance after a restart that appended nothing)
      // is reused so that restarts do not pile up empty files.
      retained -= last.sealedSize();
      last.seal(Segment.ACTIVE);
      activeFile = new RandomAccessFile(last.path.toFile(), "rw");
      activeFile.seek(Format.SEGMENT_HEADER_BYTES);
      active = last;
    } else {
      long number = last == null ? 0 : last.number + 1;
      active = createSegment(number);
      segments.put(number, active);
      activeFile = new RandomAccessFile(active.path.toFile(), "rw");
      activeFile.seek(Format.SEGMENT_HEADER_BYTES);
    }
    writeOffset = Format.SEGMENT_HEADER_BYTES;
    retainedBytes.set(retained + Format.SEGMENT_HEADER_BYTES);
    end = new JournalPosition(active.number, writeOffset);
    syncer = Thread.ofPlatform().name("journal-fsync").daemon().unstarted(this::syncLoop);
  }

  /**
   * Opens (creating if needed) the journal in {@code dir}, recovering whatever a previous process
   * left behind. New appends always go to a segment that had no damage.
   *
   * @throws IOException if the directory cannot be used, is already open (in this or another
   *     process), or holds segments of an unknown format version
   */
  public static Journal open(Path dir, JournalOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    Files.createDirectories(dir);
    FileChannel lockChannel =
        FileChannel.open(
            dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock;
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException heldHere) {
        lock = null;
      }
      if (lock == null) {
        throw new IOException("journal directory " + dir + " is already open");
      }
      Recovery.Result recovered = Recovery.run(dir, Clock.systemUTC());
      Journal journal = new Journal(dir, options, lockChannel, lock, recovered);
      journal.logRecovery();
      journal.syncer.start();
      return journal;
    } catch (IOException | RuntimeException e) {
      lockChannel.close();
      throw e;
    }
  }

  private void logRecovery() {
    if (recovery.clean()) {
      log.info(
          "journal {} opened: {} segments, {} records, appending to {}",
          dir,
          recovery.segmentsScanned(),
          recovery.recordsRecovered(),
          active);
    } else {
      log.warn(
          "journal {} recovered with damage: {} of {} segments damaged, {} records kept, {} bytes"
              + " set aside; {}",
          dir,
          recovery.damagedSegments(),
          recovery.segmentsScanned(),
          recovery.recordsRecovered(),
          recovery.bytesSetAside(),
          String.join("; ", recovery.messages()));
    }
  }

  /**
   * Appends one record and returns the position right after it.
   *
   * <p>When this returns, the record is in the operating system and survives a process kill; it
   * becomes durable against an OS crash with the next group fsync (see the class documentation).
   * Safe for concurrent use.
   *
   * @param payload the already serialized record, at most {@link #MAX_PAYLOAD_BYTES}
   * @throws JournalFullException if the disk budget does not allow it; nothing was written
   * @throws IOException if the journal is closed or the write failed; a failed write is rolled back
   *     so that the log stays valid
   */
  public JournalPosition append(byte[] payload) throws IOException {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "payload of " + payload.length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
    }
    byte[] frame = Format.frame(payload);
    JournalPosition after;
    writeLock.lock();
    try {
      ensureWritable();
      long offset = writeOffset;
      boolean roll =
          offset > Format.SEGMENT_HEADER_BYTES && offset + frame.length > options.segmentBytes();
      long needed = (long) frame.length + (roll ? Format.SEGMENT_HEADER_BYTES : 0);
      long retained = retainedBytes.get();
      if (retained + needed > options.diskBudgetBytes()) {
        throw new JournalFullException(retained, needed, options.diskBudgetBytes());
      }
      if (roll) {
        roll();
        offset = writeOffset;
      }
      write(frame, offset);
      writeOffset = offset + frame.length;
      retainedBytes.addAndGet(frame.length);
      appendedRecords.incrementAndGet();
      after = new JournalPosition(active.number, writeOffset);
      end = after;
    } finally {
      writeLock.unlock();
    }
    if (waitingReaders.get() > 0) {
      signalReaders();
    }
    return after;
  }

  private void ensureWritable() throws IOException {
    if (closed) {
      throw new IOException("journal " + dir + " is closed");
    }
    IOException failed = failure;
    if (failed != null) {
      throw new IOException("journal " + dir + " failed earlier and must be reopened", failed);
    }
  }

  private void write(byte[] frame, long offset) throws IOException {
    try {
      activeFile.write(frame);
    } catch (IOException writeFailed) {
      // A partial write (disk full, I/O error) would leave garbage that later records follow;
      // cut it off, or stop appending if even that fails.
      try {
        activeFile.setLength(offset);
        activeFile.seek(offset);
      } catch (IOException rollbackFailed) {
        writeFailed.addSuppressed(rollbackFailed);
        failure = writeFailed;
      }
      throw writeFailed;
    }
  }

  /** Seals the active segment and switches to a new one; called with the write lock held. */
  private void roll() throws IOException {
    Segment old = active;
    Segment next = createSegment(old.number + 1);
    RandomAccessFile nextFile;
    try {
      nextFile = new RandomAccessFile(next.path.toFile(), "rw");
      nextFile.seek(Format.SEGMENT_HEADER_BYTES);
    } catch (IOException e) {
      Files.deleteIfExists(next.path);
      throw e;
    }
    try {
      // The group fsync only covers the active segment, so the old one is made durable here.
      forceFromCaller(activeFile);
    } catch (IOException e) {
      nextFile.close();
      Files.deleteIfExists(next.path);
      failure = e;
      throw e;
    } finally {
      activeFile.close();
    }
    old.seal(writeOffset);
    segments.put(next.number, next);
    activeFile = nextFile;
    active = next;
    writeOffset = Format.SEGMENT_HEADER_BYTES;
    retainedBytes.addAndGet(Format.SEGMENT_HEADER_BYTES);
  }

  /** Creates a segment file with its header, durable including its directory entry. */
  private Segment createSegment(long number) throws IOException {
    Path path = dir.resolve(Segment.fileName(number));
    try (RandomAccessFile file = new RandomAccessFile(Files.createFile(path).toFile(), "rw")) {
      file.write(Format.segmentHeader());
      file.getFD().sync();
    }
    syncDirectory(dir);
    return new Segment(number, path, Segment.ACTIVE);
  }

  /** Forces file data (fdatasync); only for the fsync thread, which nobody interrupts. */
  private void force(RandomAccessFile file) throws IOException {
    long start = System.nanoTime();
    file.getChannel().force(false);
    recordFsync(start);
  }

  /**
   * Forces on a caller's thread. FileDescriptor.sync, unlike FileChannel.force, cannot be cut short
   * (closing the file for everyone) by an interrupt pending on that thread.
   */
  private void forceFromCaller(RandomAccessFile file) throws IOException {
    long start = System.nanoTime();
    file.getFD().sync();
    recordFsync(start);
  }

  private void recordFsync(long startNanos) {
    lastFsyncNanos = System.nanoTime() - startNanos;
    fsyncCount.incrementAndGet();
  }

  private void syncLoop() {
    long intervalNanos = options.fsyncInterval().toNanos();
    long synced = 0;
    while (!closed) {
      LockSupport.parkNanos(this, intervalNanos);
      // Read the count before the file: writes counted here are in this file or in one a roll
      // has already forced.
      long written = appendedRecords.get();
      if (closed || written == synced) {
        continue;
      }
      try {
        force(activeFile);
        synced = written;
      } catch (ClosedChannelException rolledOrClosed) {
        // A roll forced and closed this file, or close() is running and forces on its own.
      } catch (IOException e) {
        // After a failed fsync the kernel may have dropped the dirty pages; acknowledging more
        // records would be dishonest, so appends fail until the journal is reopened and recovered.
        failure = e;
        log.error("journal {}: fsync failed, refusing further appends", dir, e);
        return;
      }
    }
  }

  /**
   * Opens a reader starting at {@code from}, which must be {@link JournalPosition#START} or a
   * position this journal returned. Each reader is meant for one consuming thread; any number of
   * readers may exist. A position in an already released segment starts at the oldest retained
   * record; records must not be released while a reader still has to read them.
   *
   * @throws IllegalArgumentException if {@code from} lies beyond {@link #end()} or beyond the end
   *     of its segment
   */
  public JournalReader reader(JournalPosition from) {
    Objects.requireNonNull(from, "from");
    if (from.isAfter(end)) {
      throw new IllegalArgumentException("position " + from + " is beyond the end " + end);
    }
    Map.Entry<Long, Segment> entry = segments.ceilingEntry(from.segment());
    if (entry == null) {
      throw new IllegalArgumentException("no segment at or after " + from);
    }
    Segment segment = entry.getValue();
    long offset =
        segment.number == from.segment()
            ? Math.max(from.offset(), Format.SEGMENT_HEADER_BYTES)
            : Format.SEGMENT_HEADER_BYTES;
    if (segment.sealed() && offset > segment.sealedSize()) {
      throw new IllegalArgumentException(
          "position "
              + from
              + " is beyond the end of "
              + segment
              + " ("
              + segment.sealedSize()
              + ")");
    }
    return new JournalReader(this, segment, offset);
  }

  /**
   * Declares everything before {@code upTo} stored elsewhere: deletes every segment whose records
   * all lie before it, except the active one, and returns their bytes to the disk budget.
   */
  public void release(JournalPosition upTo) throws IOException {
    Objects.requireNonNull(upTo, "upTo");
    if (upTo.isAfter(end)) {
      throw new IllegalArgumentException("position " + upTo + " is beyond the end " + end);
    }
    releaseLock.lock();
    try {
      // The active number only grows, so a stale read can only keep a segment longer.
      long activeNumber = active.number;
      for (Segment segment : segments.headMap(activeNumber).values()) {
        long size = segment.sealedSize();
        boolean consumed =
            segment.number < upTo.segment()
                || (segment.number == upTo.segment() && upTo.offset() >= size);
        if (!consumed) {
          break;
        }
        Files.deleteIfExists(segment.path);
        segments.remove(segment.number);
        retainedBytes.addAndGet(-size);
        log.debug("journal {}: released {}", dir, segment);
      }
    } finally {
      releaseLock.unlock();
    }
  }

  /** What {@link #open} found and repaired. */
  public JournalRecovery recovery() {
    return recovery;
  }

  /** The position after the last appended record: everything before it is readable. */
  public JournalPosition end() {
    return end;
  }

  /** Bytes held by retained segment files, headers included; this is what the budget limits. */
  public long retainedBytes() {
    return retainedBytes.get();
  }

  /**
   * The most bytes the retained segments may take; see {@link JournalOptions#diskBudgetBytes()}.
   */
  public long diskBudgetBytes() {
    return options.diskBudgetBytes();
  }

  /** Records appended since this journal was opened. */
  public long appendedRecords() {
    return appendedRecords.get();
  }

  /** Forces to the device performed since open (group fsyncs, rolls and close). */
  long fsyncCount() {
    return fsyncCount.get();
  }

  /** How long the latest force took; zero before the first one. */
  Duration lastFsyncDuration() {
    return Duration.ofNanos(lastFsyncNanos);
  }

  /** The directory holding the segment files. */
  public Path directory() {
    return dir;
  }

  /** Forces outstanding data to the device and closes the files. Idempotent. */
  @Override
  public void close() throws IOException {
    writeLock.lock();
    try {
      if (closed) {
        return;
      }
      // With the flag set under the lock no write is running or can start.
      closed = true;
    } finally {
      writeLock.unlock();
    }
    LockSupport.unpark(syncer);
    joinUninterruptibly(syncer);
    signalReaders();
    try {
      if (failure == null) {
        forceFromCaller(activeFile);
      }
    } finally {
      try {
        activeFile.close();
      } finally {
        try {
          dirLock.release();
        } finally {
          lockChannel.close();
        }
      }
    }
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (thread.isAlive()) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  // Reader support.

  @Nullable Segment segmentAfter(long number) {
    Map.Entry<Long, Segment> next = segments.higherEntry(number);
    return next == null ? null : next.getValue();
  }

  /**
   * Waits until the end moves beyond {@code position}, the journal closes or the time is up.
   *
   * @return whether the end is now beyond {@code position}
   */
  boolean awaitBeyond(JournalPosition position, long nanos) throws InterruptedException {
    if (end.isAfter(position) || closed) {
      return end.isAfter(position);
    }
    signalLock.lock();
    try {
      // Announce the wait before re-checking the end; append publishes the end before checking
      // for waiters, so one of the two always sees the other.
      waitingReaders.incrementAndGet();
      try {
        while (!end.isAfter(position) && !closed && nanos > 0) {
          nanos = appended.awaitNanos(nanos);
        }
        return end.isAfter(position);
      } finally {
        waitingReaders.decrementAndGet();
      }
    } finally {
      signalLock.unlock();
    }
  }

  private void signalReaders() {
    signalLock.lock();
    try {
      appended.signalAll();
    } finally {
      signalLock.unlock();
    }
  }

  /** Makes file creations, renames and deletions in {@code dir} durable. */
  static void syncDirectory(Path dir) {
    // A pending interrupt would make the channel refuse to work; the channel is private, so
    // setting the flag aside for the call is harmless.
    boolean interrupted = Thread.interrupted();
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException unsupported) {
      // Not every platform can fsync a directory (Windows cannot); there the file system orders
      // metadata on its own and nothing better is available.
      log.debug("cannot fsync directory {}", dir, unsupported);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
