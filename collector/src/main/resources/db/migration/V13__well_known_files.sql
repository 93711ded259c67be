-- The /.well-known/ app association files of each domain (apple-app-site-association,
-- assetlinks.json), as validated JSON. host is '' for the collector's default domain.
CREATE TABLE well_known_file (
  host          VARCHAR(253) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  name          VARCHAR(40)  CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
  workspace_id  BIGINT       NOT NULL,
  body          MEDIUMTEXT   NOT NULL,
  updated_at    DATETIME(3)  NOT NULL,
  PRIMARY KEY (host, name),
  KEY idx_well_known_workspace (workspace_id),
  CONSTRAINT fk_well_known_workspace FOREIGN KEY (workspace_id) REFERENCES workspace (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
