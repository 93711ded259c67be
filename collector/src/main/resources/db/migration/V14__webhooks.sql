-- Webhook endpoints of a workspace. events, link_ids and tags are comma-separated lists (the
-- subscription is read whole into memory; nothing queries inside them). The secret is kept as
-- written to the workspace's admin, since every delivery is signed with it; previous_secret signs
-- too until previous_valid_until. disabled_reason is set when the collector disabled the endpoint
-- after a day of failures (enabled is then false); a person's pause leaves it NULL.
CREATE TABLE webhook_endpoint (
  id                    BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  workspace_id          BIGINT        NOT NULL,
  url                   VARCHAR(2048) NOT NULL,
  description           VARCHAR(500)  NULL,
  events                VARCHAR(500)  CHARACTER SET ascii NOT NULL,
  link_ids              TEXT          CHARACTER SET ascii NOT NULL,
  tags                  TEXT          NOT NULL,
  enabled               BOOLEAN       NOT NULL,
  batch                 BOOLEAN       NOT NULL,
  secret                VARCHAR(100)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  previous_secret       VARCHAR(100)  CHARACTER SET ascii COLLATE ascii_bin NULL,
  previous_valid_until  DATETIME(3)   NULL,
  secret_rotated_at     DATETIME(3)   NULL,
  disabled_reason       VARCHAR(300)  NULL,
  failing_since         DATETIME(3)   NULL,
  last_delivery_at      DATETIME(3)   NULL,
  created_at            DATETIME(3)   NOT NULL,
  updated_at            DATETIME(3)   NOT NULL,
  KEY idx_webhook_endpoint_workspace (workspace_id),
  CONSTRAINT fk_webhook_endpoint_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One event, written in the transaction that stored what it tells (a click batch, a conversion
-- batch, a link change), only when some endpoint of the workspace subscribed to its type. body is
-- the exact JSON that is signed and sent. Kept for the retention window (30 days by default) for
-- redelivery and replays, then purged in small chunks.
CREATE TABLE webhook_event (
  id            VARCHAR(40)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL PRIMARY KEY,
  workspace_id  BIGINT       NOT NULL,
  type          VARCHAR(40)  CHARACTER SET ascii NOT NULL,
  link_id       BIGINT       NOT NULL DEFAULT 0,
  occurred_at   DATETIME(3)  NOT NULL,
  body          MEDIUMTEXT   NOT NULL,
  KEY idx_webhook_event_time (workspace_id, occurred_at),
  KEY idx_webhook_event_purge (occurred_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The outbox: one row per event and endpoint. state 0 waits for next_attempt_at (a sender that
-- claims a row moves next_attempt_at past its lease, so a dead sender's rows come due again),
-- 1 delivered, 2 given up after the retry window.
CREATE TABLE webhook_delivery (
  endpoint_id      BIGINT       NOT NULL,
  event_id         VARCHAR(40)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  state            TINYINT      NOT NULL DEFAULT 0,
  attempts         INT          NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(3)  NOT NULL,
  created_at       DATETIME(3)  NOT NULL,
  finished_at      DATETIME(3)  NULL,
  PRIMARY KEY (endpoint_id, event_id),
  KEY idx_webhook_delivery_due (state, next_attempt_at),
  KEY idx_webhook_delivery_purge (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The delivery log: each attempt of each event (an attempt of a batch is logged once per event).
CREATE TABLE webhook_attempt (
  id                BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  endpoint_id       BIGINT        NOT NULL,
  event_id          VARCHAR(40)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  event_type        VARCHAR(40)   CHARACTER SET ascii NOT NULL,
  attempted_at      DATETIME(3)   NOT NULL,
  attempt           INT           NOT NULL,
  status            INT           NULL,
  latency_ms        BIGINT        NOT NULL,
  error             VARCHAR(300)  NULL,
  response_excerpt  VARCHAR(1000) NULL,
  next_attempt_at   DATETIME(3)   NULL,
  KEY idx_webhook_attempt_endpoint (endpoint_id, id),
  KEY idx_webhook_attempt_purge (attempted_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
