package io.linkscope.collector.importing;

import io.linkscope.collector.http.ApiRequest;
import io.linkscope.collector.http.HttpError;
import io.linkscope.collector.http.Reply;
import io.linkscope.collector.link.LinkRules;
import io.linkscope.collector.link.ManyLinks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /api/v1/imports}: the file is the body (CSV or JSON), read as it arrives; the query
 * says how to read it and what to do with taken slugs.
 */
public final class ImportHandlers {
  /** The largest file an import reads. */
  public static final long MAX_FILE_BYTES = 32L * 1024 * 1024;

  private static final Set<String> MEDIA_TYPES =
      Set.of(
          "text/csv",
          "application/csv",
          "text/comma-separated-values",
          "application/vnd.ms-excel",
          "text/plain",
          "text/tab-separated-values",
          "application/json",
          "text/json",
          "application/octet-stream");

  private final Importer importer;

  public ImportHandlers(ManyLinks links) {
    this.importer = new Importer(links);
  }

  public Reply importLinks(ApiRequest request) throws Exception {
    ImportFormat format = ImportFormat.parse(request.query("format").orElse(""));
    Importer.Policy policy = Importer.Policy.parse(request.query("policy").orElse("skip"));
    boolean dryRun = flag(request.query("dryRun").orElse("false"));
    Map<String, String> parameters = request.queryParameters();
    String domain = null;
    if (parameters.containsKey("domain")) {
      String value = parameters.get("domain");
      domain = value == null || value.equalsIgnoreCase("default") ? "" : LinkRules.domain(value);
    }
    Map<String, String> mapping = new LinkedHashMap<>();
    parameters.forEach(
        (name, value) -> {
          if (name.startsWith("map.") && value != null) {
            mapping.put(name.substring(4), value);
          }
        });
    Columns columns = new Columns(mapping);
    String type = request.mediaType();
    if (!MEDIA_TYPES.contains(type)) {
      throw new HttpError(
          415,
          "unsupported_media_type",
          "Send the file as 'Content-Type: text/csv' or 'application/json', not '"
              + Columns.shorten(type)
              + "'.");
    }
    SourceFile file = request.readBody(MAX_FILE_BYTES, in -> read(in, format, columns));
    return Reply.ok(
        importer.run(request.workspaceId(), file, new Importer.Options(policy, dryRun, domain)));
  }

  /** CSV or JSON, whichever the file starts with ('[' or '{' is JSON). */
  private static SourceFile read(
      java.io.InputStream in, @Nullable ImportFormat format, Columns columns) throws IOException {
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)),
            64 * 1024);
    reader.mark(4096);
    int first;
    int skipped = 0;
    do {
      first = reader.read();
      skipped++;
    } while (skipped < 4096
        && (first == '\uFEFF' || (first >= 0 && Character.isWhitespace(first))));
    reader.reset();
    if (first < 0) {
      throw HttpError.badRequest("invalid_file", "The file is empty.");
    }
    try {
      if (first == '[' || first == '{') {
        return JsonSource.read(reader, format, columns);
      }
      return CsvSource.read(reader, format, columns);
    } catch (java.nio.charset.CharacterCodingException e) {
      throw HttpError.badRequest("invalid_file", "The file is not UTF-8 text.");
    }
  }

  private static boolean flag(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw HttpError.invalidParameter("dryRun", "must be true or false.");
    };
  }
}
