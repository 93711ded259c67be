package io.linkscope.api.bulk;

/** The limits of one bulk request. */
public final class BulkLimits {
  /** The most links one bulk request may name. */
  public static final int MAX_ITEMS = 1_000;

  private BulkLimits() {}
}
