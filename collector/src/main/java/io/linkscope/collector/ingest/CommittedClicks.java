package io.linkscope.collector.ingest;

import io.linkscope.collector.click.EnrichedClick;
import java.util.List;

/**
 * Takes the clicks of each batch once MariaDB has committed them, for what reacts to clicks as they
 * are stored. The pipeline calls it once per batch, in journal order, on its own thread after the
 * batch's transaction, so it must return quickly; what it throws is logged and the pipeline goes
 * on. Batches committed before a restart are not handed over again. Given as a method reference in
 * the composition root, a consumer's package need not know this one.
 */
@FunctionalInterface
public interface CommittedClicks {
  void committed(List<EnrichedClick> clicks);
}
