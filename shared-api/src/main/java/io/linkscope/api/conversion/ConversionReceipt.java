package io.linkscope.api.conversion;

/**
 * The answer to a reported conversion: it is durably accepted and will be stored once, however
 * often the same {@code eventId} is sent.
 *
 * @param status {@code accepted}
 */
public record ConversionReceipt(String eventId, String status) {}
