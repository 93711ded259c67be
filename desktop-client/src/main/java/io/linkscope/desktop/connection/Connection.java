package io.linkscope.desktop.connection;

/**
 * One saved connection: a collector URL and an API key, which belongs to exactly one workspace.
 * {@code toString} leaves the key out so that it can never end up in a log line.
 *
 * @param id stable local id, also the name of the connection's offline store
 * @param workspaceName the workspace's name as last seen, shown in the switcher
 */
public record Connection(String id, String url, String apiKey, String workspaceName) {
  /** The collector's host and port, for telling collectors apart in the switcher. */
  public String host() {
    return url.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
  }

  @Override
  public String toString() {
    return workspaceName + " — " + host();
  }
}
