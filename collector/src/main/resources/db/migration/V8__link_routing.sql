-- Routing rules and weighted A/B variants of a link (decision 0014), validated and with their ids,
-- as one JSON document; NULL for a link that sends every visit to its target.
ALTER TABLE link ADD COLUMN routing JSON NULL;
