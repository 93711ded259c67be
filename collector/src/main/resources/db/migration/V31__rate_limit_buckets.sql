-- The per-key rate limit's token buckets, shared by every collector on this database (decision
-- 0023): the tokens a key has left and the time, in epoch milliseconds of the collector that
-- counted them, they were counted at. One small row per key that has sent a request.
-- MEMORY, not InnoDB: a token taken is then a change in memory, not a durable commit (an fsync per
-- API request); a MariaDB restart forgives every key, as a collector restart did before.
CREATE TABLE rate_limit_bucket (
  key_id      BIGINT NOT NULL PRIMARY KEY,
  tokens      DOUBLE NOT NULL,
  counted_ms  BIGINT NOT NULL
) ENGINE=MEMORY;
