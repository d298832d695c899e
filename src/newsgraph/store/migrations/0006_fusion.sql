-- 0006: cross-article fusion (fuse.py). Derived tables only: every row can be rebuilt from
-- articles/claims/actors/events, but each is kept so that `newsgraph fuse` is incremental.

-- MinHash signature of each article's word shingles, and its LSH band keys (candidate lookup).
CREATE TABLE article_signatures (
    article_id VARCHAR PRIMARY KEY,
    text_hash VARCHAR NOT NULL,
    wire VARCHAR,                -- wire-service marker found in the text, e.g. "AP", "Reuters"
    signature JSON NOT NULL      -- list of 64-bit minima as integers
);
CREATE TABLE article_bands (band VARCHAR NOT NULL, article_id VARCHAR NOT NULL);
CREATE INDEX article_bands_band ON article_bands (band);

-- Pairs of articles found to be the same story: copy (identical text), near_duplicate,
-- syndicated (shared wire marker and overlapping text).
CREATE TABLE article_links (
    article_a VARCHAR NOT NULL, article_b VARCHAR NOT NULL, relation VARCHAR NOT NULL,
    similarity DOUBLE NOT NULL, PRIMARY KEY (article_a, article_b)
);

-- One row per article: its cluster (id of the cluster's original = earliest member) and how
-- it relates to that original.
CREATE TABLE article_clusters (
    article_id VARCHAR PRIMARY KEY,
    cluster_id VARCHAR NOT NULL,
    relation VARCHAR NOT NULL,   -- original, copy, near_duplicate, syndicated
    similarity DOUBLE,           -- estimated Jaccard of shingles with the original
    wire VARCHAR
);

-- What fusion knows of each claim or event (its comparison features) and its blocking keys.
CREATE TABLE fusion_items (
    item_id VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,       -- claim or event
    article_id VARCHAR NOT NULL,
    day DATE,
    features JSON NOT NULL
);
CREATE TABLE fusion_keys (key VARCHAR NOT NULL, item_id VARCHAR NOT NULL, kind VARCHAR NOT NULL);
CREATE INDEX fusion_keys_key ON fusion_keys (key);
CREATE TABLE fusion_links (
    item_a VARCHAR NOT NULL, item_b VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    score DOUBLE NOT NULL, PRIMARY KEY (item_a, item_b)
);

-- Threads: claims (or events) that state the same proposition, across articles.
CREATE TABLE threads (
    thread_id VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,       -- claim or event
    label VARCHAR NOT NULL,      -- the text of the first-seen member
    about JSON,                  -- [{actor_id, name, country}] most often concerned
    first_day DATE, first_article_id VARCHAR,
    last_day DATE, last_article_id VARCHAR,
    n_members INTEGER NOT NULL, n_articles INTEGER NOT NULL,
    independent_sources INTEGER NOT NULL,
    contested BOOLEAN NOT NULL,  -- both asserted and denied
    stances JSON,                -- {asserts: [{claimant_id, claimant, country}], denies: [...], ...}
    certainty JSON,              -- [{day, claimant, stance, certainty, article_id}] in date order
    event_types JSON,
    updated_at TIMESTAMP DEFAULT current_timestamp
);
CREATE TABLE thread_members (
    thread_id VARCHAR NOT NULL, item_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,
    article_id VARCHAR NOT NULL, day DATE,
    PRIMARY KEY (thread_id, item_id)
);
