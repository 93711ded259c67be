-- Analytics: unique flags on raw clicks, the visitor-day memory that decides them, hourly/daily/
-- monthly rollups written in the same transaction as each click batch, and the sync sequence.
-- See docs/decisions/0003-rollups-and-uniques.md.

-- First click of a visitor (keyed IP hash + User-Agent) on a link, page or widget in a UTC day.
ALTER TABLE click ADD COLUMN is_unique BOOLEAN NOT NULL DEFAULT FALSE;

-- One row per (kind, target, UTC day, visitor); the key is a 16-byte hash of all four.
CREATE TABLE visitor_day (
  visit_key  BINARY(16) NOT NULL PRIMARY KEY,
  day        DATE       NOT NULL,
  KEY ix_visitor_day_day (day)
) ENGINE=InnoDB;

-- scope: 1 link, 2 bio page, 3 workspace. kind: 1 link click, 3 page view, 4 widget tap.
-- dim: 0 total, 1.. a Dimension (see stats.Dim), 100 widget (value = widget id), 101 link (only in
-- the workspace scope, value = link id: top links are a breakdown). Empty value = unknown.
-- clicks/uniques count humans, bot_clicks/bot_uniques bots. seq orders changes for sync.
CREATE TABLE rollup_hour (
  scope         TINYINT      NOT NULL,
  scope_id      BIGINT       NOT NULL,
  kind          TINYINT      NOT NULL,
  dim           TINYINT      NOT NULL,
  period        DATETIME     NOT NULL,
  value         VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL,
  workspace_id  BIGINT       NOT NULL,
  clicks        BIGINT       NOT NULL,
  uniques       BIGINT       NOT NULL,
  bot_clicks    BIGINT       NOT NULL,
  bot_uniques   BIGINT       NOT NULL,
  seq           BIGINT       NOT NULL,
  PRIMARY KEY (scope, scope_id, kind, dim, period, value),
  KEY ix_rollup_seq (workspace_id, seq)
) ENGINE=InnoDB;

-- The same cells summed over UTC days and UTC months (period = the first hour); no sync sequence.
CREATE TABLE rollup_day LIKE rollup_hour;
ALTER TABLE rollup_day DROP INDEX ix_rollup_seq, DROP COLUMN seq;
CREATE TABLE rollup_month LIKE rollup_day;

-- Type and title of each widget seen in taps, for the page report.
CREATE TABLE page_widget (
  page_id      BIGINT       NOT NULL,
  widget_id    BIGINT       NOT NULL,
  widget_type  VARCHAR(32)  NOT NULL,
  widget_title VARCHAR(200) NOT NULL,
  PRIMARY KEY (page_id, widget_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The change counter of rollup_hour: each batch takes a block of numbers while holding this
-- row's lock until commit, so numbers become visible in order. generation changes on a rebuild.
CREATE TABLE rollup_sequence (
  id          TINYINT NOT NULL PRIMARY KEY,
  next_seq    BIGINT  NOT NULL,
  generation  BIGINT  NOT NULL
) ENGINE=InnoDB;
INSERT INTO rollup_sequence (id, next_seq, generation) VALUES (1, 0, 1);

-- Entered reach and spend of a link per channel and period, for CTR and cost per click.
CREATE TABLE link_cost (
  id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  link_id       BIGINT        NOT NULL,
  channel       VARCHAR(64)   NOT NULL,
  period_start  DATE          NOT NULL,
  period_end    DATE          NOT NULL,
  impressions   BIGINT        NOT NULL,
  spend         DECIMAL(14,2) NOT NULL,
  currency      CHAR(3)       NOT NULL,
  KEY ix_link_cost_link (link_id, period_start),
  CONSTRAINT fk_link_cost_link FOREIGN KEY (link_id) REFERENCES link (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
