-- A POST of a batch is logged once in webhook_attempt, under the batch's webhook-id (event_id holds
-- it, event_type the events' type, or "batch" when they differ). message_id is that webhook-id on
-- each delivery the batch carried, so an event's delivery still names its attempt: the attempt row
-- with this endpoint, event_id = message_id and attempt = attempts. NULL for an event sent alone,
-- whose attempts are logged under its own id.
ALTER TABLE webhook_delivery
  ADD COLUMN message_id VARCHAR(40) CHARACTER SET ascii COLLATE ascii_bin NULL;
