package io.linkscope.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The journal size options of {@code serve}, and how the collector turns them into a journal. */
class JournalOptionsCommandLineTest {

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          # budget MB, segment MB, budget bytes, segment bytes
          1024,        64,         1073741824,   67108864
          0.25,        0.0625,     262144,       65536
          1.5,         64,         1572864,      67108864
          """)
  void acceptsFractionalMegabytes(
      String budget, String segment, long budgetBytes, long segmentBytes) {
    CommandLine commandLine = CollectorMain.commandLine();
    CommandLine.ParseResult parsed =
        commandLine.parseArgs(
            "serve", "--journal-budget-mb", budget, "--journal-segment-mb", segment);
    ServeCommand serve = parsed.subcommand().commandSpec().commandLine().getCommand();

    CollectorConfig config = serve.config();

    assertThat(config.journal().budgetBytes()).isEqualTo(budgetBytes);
    assertThat(config.journal().segmentBytes()).isEqualTo(segmentBytes);
  }

  @ParameterizedTest
  @CsvSource({"0", "0.001", "-1", "NaN"})
  void refusesAJournalBudgetBelowFourKibibytesWithAUsageError(String budget) {
    CommandLine commandLine = CollectorMain.commandLine();
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err));

    int exit = commandLine.execute("serve", "--journal-budget-mb", budget);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("--journal-budget-mb must be at least");
  }

  @ParameterizedTest
  @CsvSource(
      textBlock =
          """
          # configured segment, budget, used segment
          67108864,             1073741824, 67108864
          67108864,             67108864,   16777216
          67108864,             262144,     65536
          67108864,             8192,       4096
          """)
  void keepsSegmentsAtMostAQuarterOfTheBudget(long configured, long budget, long used) {
    assertThat(Collector.segmentBytes(configured, budget)).isEqualTo(used);
  }
}
