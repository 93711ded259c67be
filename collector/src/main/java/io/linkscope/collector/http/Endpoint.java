package io.linkscope.collector.http;

/** One API endpoint: turns a request into a reply, or throws {@link HttpError}. */
@FunctionalInterface
public interface Endpoint {
  Reply handle(ApiRequest request) throws Exception;
}
