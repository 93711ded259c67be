-- Conversions reported by shops and ad platforms (API or signed postback), each tied to the click
-- whose id the redirect appended to the destination. One row per (workspace, event id): a repeated
-- report, or one replayed from the conversion journal after a crash, is ignored.
CREATE TABLE conversion (
  id           BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  workspace_id BIGINT        NOT NULL,
  event_id     VARCHAR(128)  NOT NULL,
  click_id     BINARY(16)    NOT NULL,
  event_name   VARCHAR(64)   NOT NULL,
  value        DECIMAL(18,4) NULL,
  currency     CHAR(3)       CHARACTER SET ascii NULL,
  occurred_at  DATETIME(3)   NOT NULL,
  received_at  DATETIME(3)   NOT NULL,
  via          TINYINT       NOT NULL,
  UNIQUE KEY uk_conversion_event (workspace_id, event_id),
  KEY ix_conversion_click (click_id),
  KEY ix_conversion_workspace_time (workspace_id, occurred_at),
  CONSTRAINT fk_conversion_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

-- Up to where each collector's conversion journal is stored, saved with the rows it stored.
CREATE TABLE conversion_checkpoint (
  collector_id   VARCHAR(64) NOT NULL PRIMARY KEY,
  segment        BIGINT      NOT NULL,
  segment_offset BIGINT      NOT NULL,
  updated_at     DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=ascii;

-- The key that signs a workspace's postbacks (HMAC-SHA256), created when first asked for.
CREATE TABLE postback_secret (
  workspace_id BIGINT      NOT NULL PRIMARY KEY,
  secret       CHAR(64)    CHARACTER SET ascii NOT NULL,
  created_at   DATETIME(3) NOT NULL,
  CONSTRAINT fk_postback_secret_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB;

-- The query parameter the redirect appends the click id under; null: none is appended.
ALTER TABLE link ADD COLUMN click_id_param VARCHAR(64) CHARACTER SET ascii NULL;
