-- The change feed (decision 0024): one row per change that other collectors must see in their
-- caches (a link, a bio page, a domain claim, a key, a workspace, a webhook endpoint), written in
-- the transaction of the change. Every collector reads the rows of the last few seconds again on
-- each poll (ids from several Galera nodes interleave and do not commit in id order), so it reads by
-- changed_at, the database's time when the row was written. Rows older than an hour are purged.
CREATE TABLE change_log (
  id            BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  changed_at    DATETIME(6)   NOT NULL,
  kind          VARCHAR(16)   CHARACTER SET ascii NOT NULL,
  workspace_id  BIGINT        NOT NULL,
  entity_id     BIGINT        NOT NULL,
  detail        VARCHAR(255)  NULL,
  KEY idx_change_log_changed_at (changed_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
