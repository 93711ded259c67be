package io.linkscope.collector.journal;

import java.io.IOException;

/**
 * Thrown by {@link Journal#append(byte[])} when the record would push the retained segment files
 * beyond {@link JournalOptions#diskBudgetBytes()}.
 *
 * <p>It is a checked {@link IOException} on purpose: like a full disk it means "this record could
 * not be stored", which the redirect handler must decide about (answer without recording, or fail
 * the request), and it is transient: appends succeed again once the consumer {@linkplain
 * Journal#release releases} stored segments. Nothing was written when it is thrown.
 */
public final class JournalFullException extends IOException {

  private static final long serialVersionUID = 1L;

  private final long retainedBytes;
  private final long requestedBytes;
  private final long budgetBytes;

  JournalFullException(long retainedBytes, long requestedBytes, long budgetBytes) {
    super(
        "journal disk budget exhausted: "
            + retainedBytes
            + " bytes retained + "
            + requestedBytes
            + " requested > "
            + budgetBytes
            + " budget");
    this.retainedBytes = retainedBytes;
    this.requestedBytes = requestedBytes;
    this.budgetBytes = budgetBytes;
  }

  /** Bytes held by retained segments when the append was refused. */
  public long retainedBytes() {
    return retainedBytes;
  }

  /** Bytes the refused append needed (framed record, plus a segment header when rolling). */
  long requestedBytes() {
    return requestedBytes;
  }

  /** The configured budget. */
  long budgetBytes() {
    return budgetBytes;
  }
}
