-- Password links and deep links. The password is kept only as an Argon2id PHC string (salt and
-- parameters inside); the deep links are the JSON of io.linkscope.api.gate.DeepLinks.
ALTER TABLE link
  ADD COLUMN password_hash VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin NULL,
  ADD COLUMN deep_links    TEXT NULL;
