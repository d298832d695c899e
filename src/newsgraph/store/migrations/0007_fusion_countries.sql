-- 0007: the country fusion gave each actor when it last ran (fuse.py). An actor's country is
-- the most frequent among all its mentions, so a new article can change it; fusion compares
-- with this table and fuses again the items that the change concerns.
CREATE TABLE fusion_countries (actor_id VARCHAR PRIMARY KEY, country VARCHAR NOT NULL);
