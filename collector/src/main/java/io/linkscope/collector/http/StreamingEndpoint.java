package io.linkscope.collector.http;

import java.io.OutputStream;

/**
 * An endpoint whose body is written as it is produced (CSV exports of any size in constant memory).
 * It sets up the response before writing; errors before the first byte become JSON.
 */
@FunctionalInterface
public interface StreamingEndpoint {
  /** Checks the request and returns the writer of the body, or throws {@link HttpError}. */
  Stream prepare(ApiRequest request) throws Exception;

  /** The body of a streamed response. */
  interface Stream {
    String contentType();

    String fileName();

    void writeTo(OutputStream out) throws Exception;
  }
}
