-- Human clicks let through a link's click limit, counted on the request thread with one atomic
-- conditional UPDATE, so that the limit holds exactly across restarts and collectors. Starts from
-- the human clicks stored so far.
ALTER TABLE link ADD COLUMN admitted_clicks BIGINT NOT NULL DEFAULT 0 AFTER total_clicks;
UPDATE link SET admitted_clicks = total_clicks;
