-- When a link's A/B split is to end (decision 0019): the end date of a split still running, NULL
-- once a variant is promoted or without an end date. The split itself, with its end date and the
-- promoted variant, stays in link.routing; this column only lets collectors find the splits due
-- to end without reading every link.
ALTER TABLE link
  ADD COLUMN experiment_ends_at DATETIME(3) NULL,
  ADD INDEX link_experiment_ends (experiment_ends_at);
