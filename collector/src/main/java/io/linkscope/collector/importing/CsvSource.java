package io.linkscope.collector.importing;

import io.linkscope.collector.http.HttpError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;
import org.jspecify.annotations.Nullable;

/**
 * A CSV file with a header row, read record by record as it arrives (Apache Commons CSV): quoted
 * fields, line breaks inside quotes, a byte order mark, and ',' ';' or tab as the separator,
 * whichever the header line has most of.
 */
final class CsvSource {
  private CsvSource() {}

  static SourceFile read(BufferedReader reader, @Nullable ImportFormat requested, Columns columns)
      throws IOException {
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    char delimiter = delimiter(reader);
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(delimiter)
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .setTrim(true)
            .setAllowMissingColumnNames(true)
            .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
            .get();
    try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get()) {
      List<String> headers = parser.getHeaderNames();
      List<String> names = new ArrayList<>(headers.size());
      headers.forEach(header -> names.add(Columns.normalise(header)));
      Set<String> known = new LinkedHashSet<>(names);
      if (!columns.hasTarget(known)) {
        throw HttpError.badRequest(
            "invalid_file",
            "The CSV header ("
                + Columns.shorten(String.join(",", headers))
                + ") has no target column: name one url, target, long URL or destination, or"
                + " give map.target=<column>.");
      }
      ImportFormat detected = requested != null ? requested : ImportFormat.fromColumns(known);
      List<SourceRow> rows = new ArrayList<>();
      for (CSVRecord record : parser) {
        if (rows.size() >= SourceFile.MAX_ROWS) {
          throw tooManyRows();
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < Math.min(names.size(), record.size()); i++) {
          values.putIfAbsent(names.get(i), record.get(i));
        }
        rows.add(columns.row((int) record.getRecordNumber() + 1, values));
      }
      return new SourceFile(detected, rows);
    } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      // Commons CSV reports a malformed file (an unclosed quote, a bad header) this way.
      throw HttpError.badRequest(
          "invalid_csv",
          "The file is not valid CSV: " + Columns.shorten(String.valueOf(e.getMessage())));
    }
  }

  static HttpError tooManyRows() {
    return new HttpError(
        413,
        "too_many_rows",
        "An import reads at most " + SourceFile.MAX_ROWS + " rows; split the file.");
  }

  /** The separator the header line uses most: ',' ';' or tab. */
  private static char delimiter(BufferedReader reader) throws IOException {
    reader.mark(64 * 1024);
    String header;
    try {
      String line = reader.readLine();
      header = line == null ? "" : line;
    } finally {
      reader.reset();
    }
    char best = ',';
    long most = header.chars().filter(ch -> ch == ',').count();
    for (char candidate : new char[] {';', '\t'}) {
      long count = header.chars().filter(ch -> ch == candidate).count();
      if (count > most) {
        best = candidate;
        most = count;
      }
    }
    return best;
  }
}
