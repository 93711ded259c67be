-- Conversions folded per UTC hour of their click x link x destination x source x campaign x event
-- x currency (decision 0015, "Fold"): reports read these and the click rollups instead of joining
-- raw conversions to raw clicks. A conversion is folded once, when both it and its click are
-- stored, in the transaction that sets its `folded` flag.
--   converted_clicks: clicks of which this is the first folded conversion of this event
--   first_conversions: clicks of which this is the first folded conversion of any event
-- Conversions of bots' clicks and of other visits than link clicks are flagged without counting.
CREATE TABLE conversion_fold (
  workspace_id      BIGINT        NOT NULL,
  link_id           BIGINT        NOT NULL,
  hour              DATETIME      NOT NULL,
  destination       VARCHAR(40)   CHARACTER SET ascii NOT NULL,
  source            VARCHAR(32)   NOT NULL,
  campaign          VARCHAR(255)  NOT NULL,
  event_name        VARCHAR(64)   NOT NULL,
  currency          CHAR(3)       CHARACTER SET ascii NOT NULL,
  converted_clicks  BIGINT        NOT NULL,
  first_conversions BIGINT        NOT NULL,
  conversions       BIGINT        NOT NULL,
  revenue           DECIMAL(22,4) NULL,
  PRIMARY KEY (workspace_id, link_id, hour, destination, source, campaign, event_name, currency),
  KEY ix_conversion_fold_hour (workspace_id, hour)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE conversion
  ADD COLUMN folded BOOLEAN NOT NULL DEFAULT FALSE,
  ADD KEY ix_conversion_unfolded (folded, received_at);

-- Existing conversions whose click is stored.
INSERT INTO conversion_fold (workspace_id, link_id, hour, destination, source, campaign,
  event_name, currency, converted_clicks, first_conversions, conversions, revenue)
SELECT workspace_id, link_id, hour, destination, source, campaign, event_name, currency,
  SUM(first_of_event), SUM(first_of_click), COUNT(*), SUM(value)
FROM (
  SELECT cv.workspace_id, k.link_id,
    DATE_FORMAT(k.clicked_at, '%Y-%m-%d %H:00:00') AS hour,
    COALESCE(k.destination_key, 'target') AS destination, k.referrer_source AS source,
    k.utm_campaign AS campaign, cv.event_name, COALESCE(cv.currency, '') AS currency, cv.value,
    ROW_NUMBER() OVER (PARTITION BY cv.click_id, cv.event_name ORDER BY cv.id) = 1 AS first_of_event,
    ROW_NUMBER() OVER (PARTITION BY cv.click_id ORDER BY cv.id) = 1 AS first_of_click
  FROM conversion cv
  JOIN click k ON k.click_id = cv.click_id AND k.workspace_id = cv.workspace_id
  WHERE k.kind = 1 AND NOT k.bot AND k.link_id IS NOT NULL
) c
GROUP BY workspace_id, link_id, hour, destination, source, campaign, event_name, currency;

UPDATE conversion cv
JOIN click k ON k.click_id = cv.click_id AND k.workspace_id = cv.workspace_id
SET cv.folded = TRUE;
