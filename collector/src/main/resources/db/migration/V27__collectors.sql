-- The collectors that serve this database, one row each, written by the collector itself: at start,
-- every second (its heartbeat, with its click backlog and how old its oldest waiting click is) and
-- at a clean stop. Times are the database's own (UTC_TIMESTAMP), so collectors whose clocks differ
-- are still compared on one clock. A collector's id is kept in its data directory.
CREATE TABLE collector (
  id            VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  host          VARCHAR(255)  NOT NULL,
  version       VARCHAR(64)   NOT NULL,
  started_at    DATETIME(6)   NOT NULL,
  last_seen_at  DATETIME(6)   NOT NULL,
  stopped_at    DATETIME(6)   NULL,
  backlog       BIGINT        NOT NULL DEFAULT 0,
  lag_seconds   DOUBLE        NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
