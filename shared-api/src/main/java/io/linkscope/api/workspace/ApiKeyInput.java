package io.linkscope.api.workspace;

/** A request for a new key in the caller's workspace. */
public record ApiKeyInput(String name, String role) {}
