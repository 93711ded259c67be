/**
 * The JSON contract of webhooks: a workspace's endpoints, their signing secrets, the events they
 * receive and the log of delivery attempts.
 */
@NullMarked
package io.linkscope.api.webhook;

import org.jspecify.annotations.NullMarked;
