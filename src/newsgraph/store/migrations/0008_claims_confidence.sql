-- 0008 (issue 23, claims): a calibrated confidence on every attribution and claim; views
-- show those at or above the `claims.min_confidence` setting, the store keeps all.
ALTER TABLE attributions ADD COLUMN confidence DOUBLE;
ALTER TABLE claims ADD COLUMN confidence DOUBLE;
