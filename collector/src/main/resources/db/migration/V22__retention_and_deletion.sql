-- Raw click retention, purge reports and workspace deletion (decision 0021).

-- How many whole UTC days of raw clicks a workspace keeps; no row: every click is kept. Rollups
-- are never purged, so charts and totals do not change when raw rows go.
CREATE TABLE retention_policy (
  workspace_id    BIGINT      NOT NULL PRIMARY KEY,
  raw_click_days  INT         NOT NULL,
  updated_at      DATETIME(3) NOT NULL,
  CONSTRAINT fk_retention_policy_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii;

-- What each purge deleted: the raw clicks of a workspace from before clicked_before (reason
-- 'retention'), or every raw click of one link ('link', clicked_before = the time of the purge).
-- The rollup rebuild recounts only the UTC months after the latest clicked_before, the months
-- whose raw clicks are all still there.
CREATE TABLE click_purge (
  id              BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
  workspace_id    BIGINT      NOT NULL,
  reason          VARCHAR(16) NOT NULL,
  link_id         BIGINT      NULL,
  clicked_before  DATETIME(3) NOT NULL,
  started_at      DATETIME(3) NOT NULL,
  finished_at     DATETIME(3) NULL,
  rows_deleted    BIGINT      NOT NULL DEFAULT 0,
  KEY ix_click_purge_workspace (workspace_id, id),
  KEY ix_click_purge_before (clicked_before)
) ENGINE=InnoDB DEFAULT CHARSET=ascii;

-- A workspace being deleted: its keys are revoked and its links and pages gone at once; its data
-- is then deleted in chunks, in the background, the workspace row last.
ALTER TABLE workspace ADD COLUMN deleting_since DATETIME(3) NULL;
