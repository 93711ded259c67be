/**
 * Webhooks: a workspace's endpoints and their signing secrets (Standard Webhooks), the durable
 * outbox that the click pipeline, the conversion journal and link changes write events to in their
 * own transactions, the sender that claims due rows, checks the target's address and delivers with
 * retries, and the delivery log with redelivery and replays. See {@code
 * docs/decisions/0017-webhooks-outbox.md}.
 */
@NullMarked
package io.linkscope.collector.webhook;

import org.jspecify.annotations.NullMarked;
