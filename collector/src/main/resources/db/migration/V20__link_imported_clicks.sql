-- Clicks a link had at the shortener it was imported from, as that shortener counted them. Kept
-- apart from total_clicks: they were never tracked here, so no statistic includes them.
ALTER TABLE link ADD COLUMN imported_clicks BIGINT NOT NULL DEFAULT 0;
