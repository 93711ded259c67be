package io.linkscope.collector.bench;

import io.linkscope.api.LinkscopeClient;
import io.linkscope.api.stats.StatsQuery;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One timed CSV export of raw clicks through the real client, counted as it streams, with the JVM's
 * CPU time and the heap retained after collections sampled every 20 ms.
 *
 * @param baselineBytes heap in use after collections before the export
 * @param peakAboveBytes how far that rose during the export
 */
record ExportRun(
    long rows,
    long bytes,
    double seconds,
    double cpuSeconds,
    long baselineBytes,
    long peakAboveBytes) {

  static ExportRun of(LinkscopeClient client, StatsQuery query) throws Exception {
    return of(out -> client.exportCsv("clicks", query, out));
  }

  /** A download into the stream it is given, e.g. the workspace export. */
  @FunctionalInterface
  interface Download {
    void into(OutputStream out) throws Exception;
  }

  /** Times {@code download}; its rows are the line feeds it writes, less a header. */
  static ExportRun of(Download download) throws Exception {
    System.gc();
    long baseline = liveHeap();
    AtomicLong peak = new AtomicLong(baseline);
    AtomicBoolean running = new AtomicBoolean(true);
    Thread sampler =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (running.get()) {
                    peak.accumulateAndGet(liveHeap(), Math::max);
                    try {
                      Thread.sleep(20);
                    } catch (InterruptedException e) {
                      return;
                    }
                  }
                });
    long[] counts = {0, 0}; // lines, bytes
    OutputStream counter =
        new OutputStream() {
          @Override
          public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            counts[1] += len;
            for (int i = off; i < off + len; i++) {
              if (b[i] == '\n') {
                counts[0]++;
              }
            }
          }
        };
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpuBefore = os.getProcessCpuTime();
    long start = System.nanoTime();
    download.into(counter);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpuBefore) / 1e9;
    running.set(false);
    sampler.join();
    return new ExportRun(
        counts[0] - 1, counts[1], seconds, cpuSeconds, baseline, peak.get() - baseline);
  }

  double rowsPerSecond() {
    return rows / seconds;
  }

  /** Heap in use right after the last collection of each pool: what is really retained. */
  private static long liveHeap() {
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
        used += pool.getCollectionUsage().getUsed();
      }
    }
    return used;
  }
}
