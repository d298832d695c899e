-- 0009: the version of the fusion algorithm that made the derived fusion tables (fuse.py).
-- When it differs from fuse.FUSION_VERSION (MinHash fixed in version 2), the next fusion
-- forgets every derived row and fuses the whole store again.
CREATE TABLE fusion_version (version INTEGER NOT NULL);
