-- Workspaces own everything; keys are stored only as SHA-256 hashes of the secret.
CREATE TABLE workspace (
  id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  slug        VARCHAR(64)  NOT NULL,
  name        VARCHAR(200) NOT NULL,
  created_at  DATETIME(3)  NOT NULL,
  UNIQUE KEY uk_workspace_slug (slug)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE api_key (
  id            BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  workspace_id  BIGINT       NOT NULL,
  name          VARCHAR(200) NOT NULL,
  prefix        VARCHAR(16)  NOT NULL,
  key_hash      BINARY(32)   NOT NULL,
  role          VARCHAR(16)  NOT NULL,
  created_at    DATETIME(3)  NOT NULL,
  revoked_at    DATETIME(3)  NULL,
  UNIQUE KEY uk_api_key_hash (key_hash),
  KEY ix_api_key_workspace (workspace_id),
  CONSTRAINT fk_api_key_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A custom domain belongs to the first workspace that puts a link on it.
-- The empty host is the collector's default domain, owned by the first workspace.
CREATE TABLE domain (
  host          VARCHAR(253) NOT NULL PRIMARY KEY,
  workspace_id  BIGINT       NOT NULL,
  CONSTRAINT fk_domain_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii COLLATE=ascii_general_ci;

-- Deleted links stay as tombstones (deleted_at) so their clicks and sync cursors survive;
-- live_slug is NULL for them, which frees the slug for reuse.
CREATE TABLE link (
  id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  workspace_id   BIGINT        NOT NULL,
  domain         VARCHAR(253)  CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL DEFAULT '',
  slug           VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  target_url     VARCHAR(2048) NOT NULL,
  title          VARCHAR(200)  NOT NULL DEFAULT '',
  notes          TEXT          NOT NULL,
  redirect_type  SMALLINT      NOT NULL DEFAULT 302,
  valid_from     DATETIME(3)   NULL,
  valid_until    DATETIME(3)   NULL,
  max_clicks     BIGINT        NULL,
  fallback_url   VARCHAR(2048) NULL,
  forward_query  BOOLEAN       NOT NULL DEFAULT TRUE,
  total_clicks   BIGINT        NOT NULL DEFAULT 0,
  created_at     DATETIME(3)   NOT NULL,
  updated_at     DATETIME(6)   NOT NULL,
  deleted_at     DATETIME(3)   NULL,
  live_slug      VARCHAR(64)   CHARACTER SET ascii COLLATE ascii_bin
                 AS (IF(deleted_at IS NULL, slug, NULL)) PERSISTENT,
  UNIQUE KEY uk_link_domain_slug (domain, live_slug),
  KEY ix_link_workspace_created (workspace_id, created_at),
  KEY ix_link_workspace_updated (workspace_id, updated_at, id),
  CONSTRAINT fk_link_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE link_tag (
  link_id  BIGINT      NOT NULL,
  tag      VARCHAR(64) NOT NULL,
  PRIMARY KEY (link_id, tag),
  KEY ix_link_tag_tag (tag, link_id),
  CONSTRAINT fk_link_tag_link FOREIGN KEY (link_id) REFERENCES link (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per tracked visit. No raw IP: ip_hash is HMAC-SHA-256(server secret, IP).
-- kind: 1 link click, 2 orphan visit (unknown slug), 3 bio page view, 4 bio widget tap.
CREATE TABLE click (
  id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  click_id         BINARY(16)    NOT NULL,
  kind             TINYINT       NOT NULL,
  workspace_id     BIGINT        NULL,
  link_id          BIGINT        NULL,
  page_id          BIGINT        NULL,
  widget_id        BIGINT        NULL,
  widget_type      VARCHAR(32)   NOT NULL DEFAULT '',
  widget_title     VARCHAR(200)  NOT NULL DEFAULT '',
  clicked_at       DATETIME(3)   NOT NULL,
  domain           VARCHAR(253)  CHARACTER SET ascii NOT NULL DEFAULT '',
  path             VARCHAR(255)  NOT NULL DEFAULT '',
  ip_hash          BINARY(32)    NOT NULL,
  country          CHAR(2)       CHARACTER SET ascii NOT NULL DEFAULT '',
  region           VARCHAR(100)  NOT NULL DEFAULT '',
  city             VARCHAR(100)  NOT NULL DEFAULT '',
  latitude         DOUBLE        NULL,
  longitude        DOUBLE        NULL,
  device_type      VARCHAR(16)   NOT NULL DEFAULT '',
  browser          VARCHAR(64)   NOT NULL DEFAULT '',
  browser_version  VARCHAR(32)   NOT NULL DEFAULT '',
  os               VARCHAR(64)   NOT NULL DEFAULT '',
  os_version       VARCHAR(32)   NOT NULL DEFAULT '',
  in_app           VARCHAR(32)   NOT NULL DEFAULT '',
  bot              BOOLEAN       NOT NULL DEFAULT FALSE,
  referrer_url     VARCHAR(1024) NOT NULL DEFAULT '',
  referrer_host    VARCHAR(253)  NOT NULL DEFAULT '',
  referrer_source  VARCHAR(32)   NOT NULL DEFAULT '',
  utm_source       VARCHAR(255)  NOT NULL DEFAULT '',
  utm_medium       VARCHAR(255)  NOT NULL DEFAULT '',
  utm_campaign     VARCHAR(255)  NOT NULL DEFAULT '',
  utm_term         VARCHAR(255)  NOT NULL DEFAULT '',
  utm_content      VARCHAR(255)  NOT NULL DEFAULT '',
  language         VARCHAR(16)   NOT NULL DEFAULT '',
  user_agent       VARCHAR(512)  NOT NULL DEFAULT '',
  UNIQUE KEY uk_click_click_id (click_id),
  KEY ix_click_link_time (link_id, clicked_at),
  KEY ix_click_workspace_time (workspace_id, clicked_at),
  KEY ix_click_page_time (page_id, clicked_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- How far each collector's journal has reached MariaDB; written in the same transaction as the
-- clicks it covers, which is what makes replay after a crash exactly-once.
CREATE TABLE journal_checkpoint (
  collector_id  VARCHAR(64) NOT NULL PRIMARY KEY,
  segment       BIGINT      NOT NULL,
  segment_offset BIGINT     NOT NULL,
  updated_at    DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=ascii;

-- Server-wide secrets (the IP hashing key), created on first start.
CREATE TABLE server_secret (
  name        VARCHAR(64)  NOT NULL PRIMARY KEY,
  value       VARBINARY(64) NOT NULL,
  created_at  DATETIME(3)  NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=ascii;
