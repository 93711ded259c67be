package io.linkscope.api;

/**
 * The body of every error response: a stable machine-readable code and a sentence for people.
 *
 * @param error a stable snake_case code such as {@code invalid_field} or {@code not_found}
 * @param message a human sentence explaining what was wrong and how to fix it
 */
public record ApiError(String error, String message) {}
