package io.linkscope.collector.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.click.IpRanges;
import io.linkscope.collector.testsupport.TestCollector;
import io.linkscope.collector.testsupport.TestGeoDatabase;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The raw IP is geolocated and hashed, and then it is gone: not in MariaDB, files or logs. */
class PrivacyTest {
  @TempDir Path directory;

  @Test
  void theVisitorsAddressIsWrittenNowhere() throws Exception {
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    logs.start();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.addAppender(logs);
    List<String> addresses = List.of(TestGeoDatabase.TOKYO_IP, TestGeoDatabase.PARIS_IPV6);
    try (TestCollector collector = TestCollector.start(directory)) {
      LinkView link = collector.client().createLink(LinkInput.to("https://example.com/private"));
      for (String ip : addresses) {
        for (String path : List.of("/" + link.slug(), "/unknown-slug")) {
          try (Response response =
              collector.send(collector.request(path).header("X-Forwarded-For", ip).build())) {
            assertThat(response.code()).isIn(302, 404);
          }
        }
      }
      collector.awaitBacklogDrained(Duration.ofSeconds(10));

      List<String> countries = new ArrayList<>();
      byte[] dump = dumpDatabase(collector, countries);
      assertThat(countries).contains("JP", "FR");
      for (String ip : addresses) {
        assertThat(contains(dump, ip.getBytes(StandardCharsets.UTF_8)))
            .as("text %s in DB", ip)
            .isFalse();
        assertThat(contains(dump, IpRanges.address(ip).getAddress()))
            .as("bytes of %s in DB", ip)
            .isFalse();
      }
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file :
            files
                .filter(Files::isRegularFile)
                .filter(f -> !f.toString().endsWith(".mmdb"))
                .toList()) {
          byte[] content = Files.readAllBytes(file);
          for (String ip : addresses) {
            assertThat(contains(content, ip.getBytes(StandardCharsets.UTF_8)))
                .as("%s in %s", ip, file)
                .isFalse();
            assertThat(contains(content, IpRanges.address(ip).getAddress()))
                .as("bytes of %s in %s", ip, file)
                .isFalse();
          }
        }
      }
    } finally {
      root.detachAppender(logs);
    }
    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent event : logs.list) {
      for (String ip : addresses) {
        assertThat(event.getFormattedMessage()).doesNotContain(ip);
      }
    }
  }

  private static byte[] dumpDatabase(TestCollector collector, List<String> countries)
      throws Exception {
    ByteArrayOutputStream dump = new ByteArrayOutputStream();
    try (Connection c = collector.database().connect();
        Statement s = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows = s.executeQuery("SHOW TABLES")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      assertThat(tables).contains("click");
      for (String table : tables) {
        try (ResultSet rows = s.executeQuery("SELECT * FROM `" + table + "`")) {
          int columns = rows.getMetaData().getColumnCount();
          while (rows.next()) {
            for (int i = 1; i <= columns; i++) {
              int type = rows.getMetaData().getColumnType(i);
              boolean binary =
                  type == java.sql.Types.BINARY
                      || type == java.sql.Types.VARBINARY
                      || type == java.sql.Types.LONGVARBINARY
                      || type == java.sql.Types.BLOB;
              String text = rows.getString(i);
              byte[] bytes =
                  binary
                      ? rows.getBytes(i)
                      : text == null ? null : text.getBytes(StandardCharsets.UTF_8);
              if (bytes != null) {
                dump.write(bytes);
                dump.write(0);
              }
              if (table.equals("click") && rows.getMetaData().getColumnName(i).equals("country")) {
                countries.add(rows.getString(i));
              }
            }
          }
        }
      }
    }
    return dump.toByteArray();
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
