-- Links and pages keep only their total by the hour; their dimension cells start at UTC days. At
-- tens of millions of clicks a year most link-hours hold a click or two, so hourly cells per
-- dimension multiplied the rows by up to sixteen. Their breakdowns read days and months, and the
-- edge hours of a range from the raw clicks. Workspaces (dense hours) keep every dimension hourly.
-- See docs/decisions/0003-rollups-and-uniques.md.
DELETE FROM rollup_hour WHERE dim <> 0 AND scope <> 3;

-- Daily cells now carry the sync sequence as hourly ones do: the desktop app's offline copy is
-- hourly totals plus daily cells of the other dimensions.
ALTER TABLE rollup_day
  ADD COLUMN seq BIGINT NOT NULL DEFAULT 0,
  ADD KEY ix_rollup_day_seq (workspace_id, seq);

-- Number the daily cells already there after every number given out so far, and start a new sync
-- generation: copies synced before this change start over.
SET @next_seq = (SELECT next_seq FROM rollup_sequence WHERE id = 1);
UPDATE rollup_day SET seq = (@next_seq := @next_seq + 1)
  ORDER BY scope, scope_id, kind, dim, period, value;
UPDATE rollup_sequence SET next_seq = @next_seq, generation = generation + 1 WHERE id = 1;

-- Visitor-days are keyed by day first: a batch's inserts land in today's part of the tree, and
-- old days can be purged by a range of the primary key, so the separate day index goes.
ALTER TABLE visitor_day
  DROP PRIMARY KEY,
  ADD PRIMARY KEY (day, visit_key),
  DROP INDEX ix_visitor_day_day;
