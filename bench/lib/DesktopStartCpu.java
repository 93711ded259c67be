import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs {@code io.linkscope.desktop.bench.DesktopBench open STORE} of whichever build is on the class
 * path and, the moment it reports the drawn dashboard, prints the CPU time of the process and of its
 * threads by kind (JavaFX thread, C1 and C2 compilers, renderer, GC, the rest) from /proc, then
 * stops the JVM. Linux only; used by bench/desktop-start-compare for builds whose harness predates
 * this breakdown.
 */
public final class DesktopStartCpu {
  private static final String DRAWN = "  main() entered";

  private DesktopStartCpu() {}

  public static void main(String[] args) throws Exception {
    PrintStream out = System.out;
    System.setOut(
        new PrintStream(
            new OutputStream() {
              private final StringBuilder line = new StringBuilder();

              @Override
              public void write(int b) {
                out.write(b);
                if (b != '\n') {
                  line.append((char) b);
                  return;
                }
                boolean drawn = line.toString().startsWith(DRAWN);
                line.setLength(0);
                if (drawn) {
                  out.println(breakdown());
                  out.flush();
                  Runtime.getRuntime().halt(0);
                }
              }
            },
            true));
    Class.forName("io.linkscope.desktop.bench.DesktopBench")
        .getMethod("main", String[].class)
        .invoke(null, (Object) args);
  }

  private static String breakdown() {
    Map<String, Long> byKind = new TreeMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
      for (Path task : tasks) {
        String stat = Files.readString(task.resolve("stat"));
        String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        byKind.merge(kind(name), cpuMillis(stat), Long::sum);
      }
      long process = cpuMillis(Files.readString(Path.of("/proc/self/stat")));
      long threads = byKind.values().stream().mapToLong(Long::longValue).sum();
      // Threads that ended before this moment (the warm-up thread) count in the process only.
      byKind.merge("other", process - threads, Long::sum);
      StringBuilder line = new StringBuilder("start cpu: process=" + process);
      byKind.forEach((kind, millis) -> line.append(' ').append(kind).append('=').append(millis));
      return line.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String kind(String thread) {
    if (thread.startsWith("C1 ")) {
      return "c1";
    } else if (thread.startsWith("C2 ")) {
      return "c2";
    } else if (thread.startsWith("JavaFX Applicat")) {
      return "fx";
    } else if (thread.startsWith("QuantumRenderer")) {
      return "render";
    } else if (thread.startsWith("G1 ") || thread.startsWith("GC ")) {
      return "gc";
    }
    return "other";
  }

  /** utime + stime of a /proc stat line, in milliseconds (USER_HZ = 100 on Linux). */
  private static long cpuMillis(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
  }
}
