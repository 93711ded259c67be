/**
 * The webhooks screen: a workspace's endpoints (their events, filter, state and signing secret),
 * the log of delivery attempts per endpoint, redelivery, replay of a time range and test events.
 * Nothing of it is in the local copy: the screen reads the collector and keeps what it showed last
 * while the collector cannot be reached.
 */
@NullMarked
package io.linkscope.desktop.webhooks;

import org.jspecify.annotations.NullMarked;
