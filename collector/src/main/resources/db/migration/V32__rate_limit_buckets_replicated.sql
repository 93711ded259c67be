-- The same buckets as rate_limit_bucket, in InnoDB, for collectors on a Galera cluster: Galera
-- replicates InnoDB tables only, so a MEMORY bucket would be counted by each node apart and a key
-- would get its limit once per node (decision 0023). A collector uses this table when its
-- database says wsrep_on; a token taken is then a replicated commit.
CREATE TABLE rate_limit_bucket_replicated (
  key_id      BIGINT NOT NULL PRIMARY KEY,
  tokens      DOUBLE NOT NULL,
  counted_ms  BIGINT NOT NULL
) ENGINE=InnoDB;
