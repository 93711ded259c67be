-- IP hashing keys, one per workspace and UTC day (workspace 0: orphan visits before any workspace
-- exists). A day's row is deleted shortly after the day ends, which makes that day's hashes
-- impossible to reverse or to join with another day's. No foreign key: the key of a workspace
-- deleted during the day goes with its day.
CREATE TABLE ip_hash_key (
  workspace_id  BIGINT      NOT NULL,
  day           DATE        NOT NULL,
  secret        BINARY(32)  NOT NULL,
  created_at    DATETIME(3) NOT NULL,
  PRIMARY KEY (day, workspace_id)
) ENGINE=InnoDB DEFAULT CHARSET=ascii;

-- The single server-wide key used until now: with it, every stored hash could be reversed by
-- trying all IPv4 addresses. Hashes stored under it stay comparable with each other only.
DELETE FROM server_secret WHERE name = 'ip-hash';
