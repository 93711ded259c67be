package io.linkscope.api.workspace;

/** The answer to creating a key: the only time the secret {@code key} is ever shown. */
public record ApiKeyCreated(ApiKeyView apiKey, String key) {}
