-- 0010: every event carries a calibrated confidence (issue 22); views show those at or above
-- the setting events.min_confidence.
ALTER TABLE events ADD COLUMN confidence DOUBLE DEFAULT 0.0;
