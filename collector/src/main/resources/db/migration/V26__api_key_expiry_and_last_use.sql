-- A key may expire; last_used_at is written at most once a minute per key (see ApiKeys).
ALTER TABLE api_key
  ADD COLUMN expires_at   DATETIME(3) NULL,
  ADD COLUMN last_used_at DATETIME(3) NULL;
