package io.linkscope.collector.auth;

/** The authenticated caller of an API request: a key of one workspace with one role. */
public record Principal(long workspaceId, long keyId, Role role) {}
