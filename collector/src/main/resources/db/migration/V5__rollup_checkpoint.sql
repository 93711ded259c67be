-- The analytics rollups are folded from stored clicks in transactions of their own, less often than
-- the click rows are written, so each collector keeps a second journal checkpoint: the position up
-- to which its clicks are in the rollups. It never passes the click checkpoint; the clicks between
-- the two are in the click table and are added to the rollups again after a restart.
-- See docs/decisions/0005-rollups-folded-apart.md.
CREATE TABLE rollup_checkpoint (
  collector_id   VARCHAR(64) NOT NULL PRIMARY KEY,
  segment        BIGINT      NOT NULL,
  segment_offset BIGINT      NOT NULL,
  updated_at     DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=ascii;

-- Until now the rollups were written in the click rows' transaction: they are where the clicks are.
INSERT INTO rollup_checkpoint (collector_id, segment, segment_offset, updated_at)
  SELECT collector_id, segment, segment_offset, updated_at FROM journal_checkpoint;
