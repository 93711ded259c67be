package io.linkscope.api.gate;

import com.google.gson.JsonElement;
import java.time.Instant;

/**
 * One {@code /.well-known/} file of a domain as stored.
 *
 * @param domain the host it is served on; empty for the collector's default domain
 * @param file {@code apple-app-site-association} or {@code assetlinks.json}
 * @param content the file's JSON, exactly as it is served
 */
public record WellKnownFileView(
    String domain, String file, JsonElement content, Instant updatedAt) {}
