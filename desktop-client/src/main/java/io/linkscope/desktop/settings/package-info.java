/**
 * The workspace's settings, read from and changed on the collector: its API keys (expiry, last use,
 * new keys, revoking), its data (raw click retention and purges, the export, deleting the
 * workspace) and the collectors that serve its database.
 */
@NullMarked
package io.linkscope.desktop.settings;

import org.jspecify.annotations.NullMarked;
