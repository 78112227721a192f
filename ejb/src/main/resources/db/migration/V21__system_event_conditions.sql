-- A system event raised for a condition that lasts (a unit that stays failed, a module running another
-- version, a component without an active module) carries the condition's key: while an event with that key
-- is open (not cleared) the condition is not raised again; when the condition ends the event is cleared.
ALTER TABLE system_events ADD COLUMN condition_key VARCHAR(512);
ALTER TABLE system_events ADD COLUMN condition_cleared_at TIMESTAMP;
CREATE INDEX system_events_condition_key ON system_events (condition_key);
