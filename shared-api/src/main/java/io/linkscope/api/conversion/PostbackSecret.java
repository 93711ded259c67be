package io.linkscope.api.conversion;

/**
 * The workspace's postback secret and the address postbacks are sent to.
 *
 * @param secret the HMAC-SHA256 key (hex) that signs postbacks
 * @param postbackUrl the postback address without its parameters
 */
public record PostbackSecret(String secret, String postbackUrl) {}
