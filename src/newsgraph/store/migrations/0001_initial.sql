-- 0001: every record type of records.py. Extracted rows carry article_id, sentence,
-- start_char/end_char (code points into articles.text), text, extractor and version.
-- Named spans are flattened as <name>_start, <name>_end, <name>_text; tuples are JSON.

CREATE TABLE articles (
    id VARCHAR PRIMARY KEY,
    text VARCHAR NOT NULL,
    text_hash VARCHAR NOT NULL,
    date VARCHAR,               -- as given: ISO date or datetime with time zone
    day DATE,                   -- the date's first ten characters, for range queries
    date_source VARCHAR NOT NULL,
    title VARCHAR,
    url VARCHAR,
    source VARCHAR,             -- the outlet
    origin VARCHAR,             -- file[:line] it was read from
    copy_of VARCHAR,            -- id of the first stored article with the same text
    ingested_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE failures (
    id VARCHAR PRIMARY KEY,
    origin VARCHAR NOT NULL,
    code VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    article_id VARCHAR,
    seen_at TIMESTAMP DEFAULT current_timestamp
);

CREATE TABLE analyses (        -- which extractor version produced an article's rows
    article_id VARCHAR NOT NULL,
    extractor VARCHAR NOT NULL,
    version VARCHAR NOT NULL,
    analysed_at TIMESTAMP DEFAULT current_timestamp,
    PRIMARY KEY (article_id, extractor)
);

CREATE TABLE sentences (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence INTEGER NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text VARCHAR NOT NULL,
    extractor VARCHAR NOT NULL, version VARCHAR NOT NULL
);

CREATE TABLE mentions (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence INTEGER NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text VARCHAR NOT NULL,
    extractor VARCHAR NOT NULL, version VARCHAR NOT NULL,
    mention_type VARCHAR, label VARCHAR
);

CREATE TABLE timexes (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence INTEGER NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text VARCHAR NOT NULL,
    extractor VARCHAR NOT NULL, version VARCHAR NOT NULL,
    timex_type VARCHAR, value VARCHAR, mod VARCHAR, granularity VARCHAR,
    anchor VARCHAR, anchor_source VARCHAR, quote_id VARCHAR
);

CREATE TABLE actors (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence INTEGER NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text VARCHAR NOT NULL,
    extractor VARCHAR NOT NULL, version VARCHAR NOT NULL,
    actor_id VARCHAR, name VARCHAR, actor_type VARCHAR, country VARCHAR, sector VARCHAR,
    role VARCHAR, role_start VARCHAR, role_end VARCHAR, confidence DOUBLE, how VARCHAR
);

CREATE TABLE places (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence INTEGER NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text VARCHAR NOT NULL,
    extractor VARCHAR NOT NULL, version VARCHAR NOT NULL,
    name VARCHAR, country VARCHAR, lat DOUBLE, lon DOUBLE, geonameid BIGINT, feature VARCHAR,
    confidence DOUBLE, metonymic BOOLEAN
);

CREATE TABLE attributions (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence INTEGER NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text VARCHAR NOT NULL,
    extractor VARCHAR NOT NULL, version VARCHAR NOT NULL,
    source_start INTEGER, source_end INTEGER, source_text VARCHAR,
    cue_start INTEGER, cue_end INTEGER, cue_text VARCHAR,
    content_start INTEGER, content_end INTEGER, content_text VARCHAR,
    speaker_id VARCHAR, speaker VARCHAR, attribution_type VARCHAR, quoted BOOLEAN,
    time VARCHAR, timex_id VARCHAR
);

CREATE TABLE claims (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence INTEGER NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text VARCHAR NOT NULL,
    extractor VARCHAR NOT NULL, version VARCHAR NOT NULL,
    claimant_id VARCHAR, claimant VARCHAR, about JSON, time VARCHAR, stance VARCHAR,
    certainty VARCHAR, hedges JSON, conditional BOOLEAN, evidence JSON, attribution_id VARCHAR
);

CREATE TABLE events (
    id VARCHAR PRIMARY KEY, article_id VARCHAR NOT NULL, sentence INTEGER NOT NULL,
    start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text VARCHAR NOT NULL,
    extractor VARCHAR NOT NULL, version VARCHAR NOT NULL,
    event_type VARCHAR, mode VARCHAR, actors JSON, recipients JSON, factuality VARCHAR,
    date VARCHAR, timex_id VARCHAR, place_id VARCHAR, place VARCHAR, counts JSON,
    claim_id VARCHAR, sentence_span_start INTEGER, sentence_span_end INTEGER,
    sentence_span_text VARCHAR
);
