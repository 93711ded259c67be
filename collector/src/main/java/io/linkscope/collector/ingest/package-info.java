/**
 * The click's way in after the journal: the pipeline and its pacing, the journal checkpoints in
 * MariaDB, the click table, unique visits, and the rollups (folded apart from the click rows, and
 * rebuilt from them). See {@code docs/decisions/0003-rollups-and-uniques.md} and {@code
 * 0005-rollups-folded-apart.md}.
 */
@NullMarked
package io.linkscope.collector.ingest;

import org.jspecify.annotations.NullMarked;
