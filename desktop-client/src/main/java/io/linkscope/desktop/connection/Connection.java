package io.linkscope.desktop.connection;

import org.jspecify.annotations.Nullable;

/**
 * One saved connection: a collector URL and an API key, which belongs to exactly one workspace.
 * {@code toString} leaves the key out so that it can never end up in a log line.
 *
 * @param id stable local id, also the name of the connection's offline store
 * @param workspaceName the workspace's name as last seen, shown in the switcher
 * @param label the user's own name for the connection ("Acme staging"), null when none was given
 */
public record Connection(
    String id, String url, String apiKey, String workspaceName, @Nullable String label) {

  public Connection(String id, String url, String apiKey, String workspaceName) {
    this(id, url, apiKey, workspaceName, null);
  }

  /** The collector's host and port, for telling collectors apart in the switcher. */
  public String host() {
    return url.replaceFirst("^https?://", "").replaceFirst("/.*$", "");
  }

  /** The same connection with the user's label ({@code ""} or blank: none). */
  public Connection withLabel(@Nullable String newLabel) {
    String clean = newLabel == null || newLabel.isBlank() ? null : newLabel.strip();
    return new Connection(id, url, apiKey, workspaceName, clean);
  }

  /** The same connection (and local copy) with another key of the same workspace. */
  public Connection withKey(String newKey, String newWorkspaceName) {
    return new Connection(id, url, newKey, newWorkspaceName, label);
  }

  /** "Acme staging — Acme Coffee · links.example.com", or without a label "Acme Coffee — host". */
  public String displayName() {
    return label == null || label.isBlank()
        ? workspaceName + " — " + host()
        : label + " — " + workspaceName + " · " + host();
  }

  @Override
  public String toString() {
    return displayName();
  }
}
