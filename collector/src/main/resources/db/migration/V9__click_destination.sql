-- Which rule or variant of its link sent a click ('rule:<id>', 'variant:<id>'), and the URL it was
-- sent to (without the visitor's query); both NULL for a click sent to the link's own target.
-- destination_key is what conversions are joined on.
ALTER TABLE click
  ADD COLUMN destination_key VARCHAR(40) CHARACTER SET ascii NULL,
  ADD COLUMN destination_url VARCHAR(2048) NULL;
