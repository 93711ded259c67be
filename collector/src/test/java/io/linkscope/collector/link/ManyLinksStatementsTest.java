package io.linkscope.collector.link;

import static org.assertj.core.api.Assertions.assertThat;

import io.linkscope.api.link.LinkInput;
import io.linkscope.api.link.LinkView;
import io.linkscope.collector.testsupport.TestCollector;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thousand links are created in a handful of statements, not one per link: the bulk writes run on
 * the collector's real MariaDB through a data source that counts the statements JDBC prepares.
 */
class ManyLinksStatementsTest {
  @TempDir Path directory;

  @Test
  void aThousandLinksAreCreatedInAFewStatements() throws Exception {
    try (TestCollector collector = TestCollector.start(directory)) {
      long workspaceId = collector.client().workspace().id();
      CountingDataSource counting =
          new CountingDataSource(collector.collector().database().dataSource());
      Clock clock = Clock.systemUTC();
      LinkRepository repository = new LinkRepository(counting, clock);
      Links links =
          new Links(
              repository,
              new LinkCache(repository, 1_000, Duration.ofMinutes(1)),
              new LinkRules(Set.of("api")),
              URI.create("http://localhost:1"),
              clock);
      ManyLinks many =
          new ManyLinks(
              links, new LinkCache(repository, 1_000, Duration.ofMinutes(1)), counting, clock);
      List<LinkInput> inputs = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        inputs.add(
            LinkInput.to("https://shop.example.com/" + i)
                .withSlug("counted-" + i)
                .withTags(List.of("a", "b")));
      }
      counting.statements.set(0);
      List<LinkView> created = many.create(workspaceId, inputs);
      assertThat(created).hasSize(1_000);
      // Read of taken slugs, INSERT, read of the ids, INSERT of the tags, INSERT into the change
      // feed, read of the views.
      assertThat(counting.statements.get()).isLessThanOrEqualTo(7);

      counting.statements.set(0);
      List<Long> ids = created.stream().map(LinkView::id).toList();
      assertThat(many.tag(workspaceId, ids, List.of("c"))).isEqualTo(1_000);
      assertThat(counting.statements.get()).isLessThanOrEqualTo(4);
      counting.statements.set(0);
      assertThat(many.delete(workspaceId, ids)).isEqualTo(1_000);
      // With the INSERT into the change feed.
      assertThat(counting.statements.get()).isLessThanOrEqualTo(4);
    }
  }

  /** A data source whose connections count the statements prepared on them. */
  private static final class CountingDataSource implements DataSource {
    final AtomicInteger statements = new AtomicInteger();
    private final DataSource real;

    CountingDataSource(DataSource real) {
      this.real = real;
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection connection = real.getConnection();
      InvocationHandler handler =
          (proxy, method, args) -> {
            if (method.getName().startsWith("prepare")
                || method.getName().equals("createStatement")) {
              statements.incrementAndGet();
            }
            try {
              return method.invoke(connection, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          };
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      throw new SQLFeatureNotSupportedException();
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return real.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      real.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      real.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return real.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return real.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return real.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return real.isWrapperFor(type);
    }
  }
}
