-- Bio pages: a public page per (domain, handle) built from an ordered list of widgets.
-- The theme and a social row's icons are small JSON documents the collector validates on write.
-- Deleting a page removes it and its widgets; its views and taps stay in `click` (page_id).
CREATE TABLE bio_page (
  id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  workspace_id     BIGINT        NOT NULL,
  domain           VARCHAR(253)  CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL DEFAULT '',
  handle           VARCHAR(30)   CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  title            VARCHAR(100)  NOT NULL,
  description      VARCHAR(300)  NOT NULL DEFAULT '',
  avatar_url       VARCHAR(2048) NOT NULL DEFAULT '',
  theme            VARCHAR(1000) NOT NULL,
  seo_title        VARCHAR(100)  NOT NULL DEFAULT '',
  seo_description  VARCHAR(300)  NOT NULL DEFAULT '',
  og_image_url     VARCHAR(2048) NOT NULL DEFAULT '',
  published        BOOLEAN       NOT NULL DEFAULT FALSE,
  created_at       DATETIME(3)   NOT NULL,
  updated_at       DATETIME(6)   NOT NULL,
  UNIQUE KEY uk_bio_page_domain_handle (domain, handle),
  KEY ix_bio_page_workspace (workspace_id, id),
  CONSTRAINT fk_bio_page_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE bio_widget (
  id         BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  page_id    BIGINT        NOT NULL,
  position   INT           NOT NULL,
  type       VARCHAR(16)   CHARACTER SET ascii NOT NULL,
  title      VARCHAR(200)  NOT NULL DEFAULT '',
  url        VARCHAR(2048) NOT NULL DEFAULT '',
  image_url  VARCHAR(2048) NOT NULL DEFAULT '',
  body       TEXT          NOT NULL,
  icons      TEXT          NOT NULL,
  KEY ix_bio_widget_page (page_id, position),
  CONSTRAINT fk_bio_widget_page FOREIGN KEY (page_id) REFERENCES bio_page (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
