package io.linkscope.desktop.connection;

/** How the open workspace's collector answered the last call made to it. */
public enum Reach {
  /** It answered and accepted the key: changes are possible. */
  ONLINE,
  /** It did not answer (stopped, no network): the screens show the local copy. */
  OFFLINE,
  /** It answered but no longer accepts the key (revoked or replaced): a new key is needed. */
  KEY_REJECTED
}
