/**
 * The click journal: an append-only, segmented, checksummed write-ahead log on local disk.
 *
 * <p>A click is appended (and handed to the kernel) before its redirect is answered, so it survives
 * the process being killed; a background pipeline reads the journal, stores batches elsewhere and
 * then {@linkplain io.linkscope.collector.journal.Journal#release releases} what it has stored. See
 * {@code docs/decisions/0002-click-journal.md}.
 */
@NullMarked
package io.linkscope.collector.journal;

import org.jspecify.annotations.NullMarked;
