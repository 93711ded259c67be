package io.linkscope.desktop.webhooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves {@link WebhookFixture} with the sample endpoints until stopped, and writes a connection
 * file ({@code url=}, {@code key=}) for the real app's {@code --connection-file}: to look at the
 * webhooks screen in a real window before a collector answers these routes.
 */
final class WebhookFixtureMain {
  private WebhookFixtureMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Path file = Path.of(args.length > 0 ? args[0] : "webhook-fixture.connection");
    WebhookFixture fixture = WebhookFixture.start();
    fixture.sample();
    Files.writeString(file, "url=" + fixture.baseUrl() + "\nkey=" + WebhookFixture.KEY + "\n");
    Thread.currentThread().join();
  }
}
