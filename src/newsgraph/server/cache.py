"""Derived tables the server reads: claim board, timeline, actor index, network, search index.

They live in an in-memory database attached as ``ngcache`` (nothing is written to the user's
file) and are rebuilt from the store after every write, so read endpoints are cheap.
Threads come from the fusion tables (``threads``/``thread_members``) when they exist;
otherwise claims with the same normalised text form one thread.
"""

from __future__ import annotations

import duckdb

from ..config import Shown

__all__ = ["SCHEMA", "build", "table_columns"]

SCHEMA = "ngcache"

_FULL_DATE = r"^\d{4}-\d{2}-\d{2}"


def table_columns(cur: duckdb.DuckDBPyConnection, table: str) -> set[str]:
    rows = cur.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ?"
                       " AND table_catalog = current_database()", [table]).fetchall()
    return {r[0] for r in rows}


def _date_of(value: str, fallback: str) -> str:
    """SQL: the day of a TIMEX value when it is a full date, else ``fallback``."""
    return (f"CASE WHEN regexp_matches(coalesce({value}, ''), '{_FULL_DATE}')"
            f" THEN coalesce(TRY_CAST(substr({value}, 1, 10) AS DATE), {fallback}) ELSE {fallback} END")


def _membership(cur: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """SQL of (thread_id, claim_id) for every claim, and of (thread_id, label).

    A claim in the fusion table ``thread_members`` gets its thread; any other claim (fusion
    not run yet, or newer than the last fusion) is grouped with claims of the same text.
    """
    key = "'thr_' || substr(md5(regexp_replace(lower(c.text), '[^a-z0-9]+', ' ', 'g')), 1, 16)"
    members = table_columns(cur, "thread_members")
    threads = table_columns(cur, "threads")
    fused = "SELECT NULL::VARCHAR AS thread_id, NULL::VARCHAR AS claim_id WHERE false"
    if {"thread_id", "item_id", "kind"} <= members:
        fused = ("SELECT item_id AS claim_id, min(thread_id) AS thread_id FROM thread_members"
                 " WHERE kind = 'claim' GROUP BY item_id")
    label = next((c for c in ("label", "text", "title", "proposition") if c in threads), None)
    thread_id = next((c for c in ("thread_id", "id") if c in threads), None)
    labels = (f"SELECT {thread_id} AS thread_id, {label} AS label FROM threads" if label and thread_id
              else "SELECT NULL::VARCHAR AS thread_id, NULL::VARCHAR AS label WHERE false")
    return (f"SELECT coalesce(f.thread_id, {key}) AS thread_id, c.id AS claim_id FROM claims c"
            f" LEFT JOIN ({fused}) f ON f.claim_id = c.id", labels)


def _roots(cur: duckdb.DuckDBPyConnection) -> str:
    """SQL of (article_id, root): copies and syndicated versions share their original's root."""
    if {"article_id", "cluster_id"} <= table_columns(cur, "article_clusters"):
        return ("SELECT a.id AS article_id, coalesce(k.cluster_id, a.copy_of, a.id) AS root FROM articles a"
                " LEFT JOIN article_clusters k ON k.article_id = a.id")
    return "SELECT id AS article_id, coalesce(copy_of, id) AS root FROM articles"


def _board_sql(cur: duckdb.DuckDBPyConnection, min_confidence: float = 0.0) -> list[str]:
    members, labels = _membership(cur)
    roots = _roots(cur)
    shown = (f"WHERE coalesce(c.confidence, 1.0) >= {float(min_confidence)!r}"
             if min_confidence > 0 and "confidence" in table_columns(cur, "claims") else "")
    return [
        f"""CREATE OR REPLACE TABLE {SCHEMA}.board_members AS
        SELECT m.thread_id, c.id AS claim_id, c.article_id, c.sentence, c.start_char, c.end_char, c.text,
               coalesce(c.claimant_id, 'author') AS claimant_id,
               coalesce(c.claimant, c.claimant_id, 'the author') AS claimant,
               coalesce(c.stance, 'asserts') AS stance, coalesce(c.certainty, 'unknown') AS certainty,
               c.about, c.time, a.day, a.source AS outlet, r.root, a.title
        FROM claims c JOIN ({members}) m ON m.claim_id = c.id JOIN articles a ON a.id = c.article_id
        JOIN ({roots}) r ON r.article_id = c.article_id {shown}
        ORDER BY m.thread_id, a.day, c.id""",
        f"""CREATE OR REPLACE TABLE {SCHEMA}.board AS
        WITH per AS (
            SELECT thread_id, stance, claimant_id, any_value(claimant) AS claimant, count(*) AS n
            FROM {SCHEMA}.board_members GROUP BY ALL),
        who AS (
            SELECT thread_id, list({{'stance': stance, 'id': claimant_id, 'name': claimant, 'n': n}}
                                   ORDER BY stance, n DESC, claimant_id) AS claimants
            FROM per GROUP BY thread_id),
        agg AS (
            SELECT thread_id,
                   arg_min(text, (coalesce(day, DATE '9999-12-31'), claim_id)) AS first_text,
                   arg_min({{'claim_id': claim_id, 'article_id': article_id, 'start': start_char,
                            'end': end_char, 'outlet': outlet}}, (coalesce(day, DATE '9999-12-31'), claim_id)) AS first,
                   min(day) AS first_seen, max(day) AS last_seen, count(*) AS n_claims,
                   count(DISTINCT article_id) AS n_articles, count(DISTINCT root) AS n_sources,
                   count(DISTINCT outlet) AS n_outlets,
                   count(*) FILTER (WHERE stance = 'asserts') AS n_asserts,
                   count(*) FILTER (WHERE stance = 'denies') AS n_denies,
                   count(*) FILTER (WHERE stance = 'questions') AS n_questions,
                   count(*) FILTER (WHERE stance = 'predicts') AS n_predicts,
                   list(DISTINCT outlet) FILTER (WHERE outlet IS NOT NULL) AS outlets,
                   coalesce(mode(certainty) FILTER (WHERE stance = 'asserts'), mode(certainty)) AS certainty
            FROM {SCHEMA}.board_members GROUP BY thread_id)
        SELECT (row_number() OVER (ORDER BY agg.n_sources DESC, agg.thread_id))::INTEGER AS no,
               (row_number() OVER (ORDER BY coalesce(agg.first_seen, DATE '9999-12-31'), agg.thread_id))::INTEGER
                   AS no_first_seen,
               (row_number() OVER (ORDER BY coalesce(agg.last_seen, DATE '0001-01-01') DESC, agg.thread_id))::INTEGER
                   AS no_recent,
               agg.thread_id, coalesce(l.label, agg.first_text) AS label,
               agg.* EXCLUDE (thread_id, first_text, first), to_json(agg.first)::VARCHAR AS first,
               to_json(who.claimants)::VARCHAR AS claimants,
               coalesce(strftime(agg.first_seen, '%Y-%m-%d'), '9999-12-31') AS first_key,
               coalesce(strftime(agg.last_seen, '%Y-%m-%d'), '0000-01-01') AS last_key
        FROM agg JOIN who USING (thread_id) LEFT JOIN ({labels}) l ON l.thread_id = agg.thread_id
        ORDER BY no""",
        f"""CREATE OR REPLACE TABLE {SCHEMA}.board_outlets AS
        SELECT DISTINCT outlet, no FROM {SCHEMA}.board_members JOIN {SCHEMA}.board USING (thread_id)
        WHERE outlet IS NOT NULL ORDER BY outlet, no""",
        f"""CREATE OR REPLACE TABLE {SCHEMA}.board_actors AS
        SELECT DISTINCT a.actor_id, b.no
        FROM {SCHEMA}.board_members m JOIN {SCHEMA}.board b USING (thread_id)
        JOIN {SCHEMA}.item_actors a ON a.item_id = m.claim_id
        ORDER BY a.actor_id, b.no""",
    ]


def _timeline_sql(min_confidence: float = 0.0) -> list[str]:
    event_day = _date_of("e.date", "a.day")
    shown = f"e.confidence >= {float(min_confidence)!r}"  # events.min_confidence: what users see
    claim_day = _date_of("c.time", "a.day")
    return [
        f"""CREATE OR REPLACE TABLE {SCHEMA}.timeline AS
        SELECT * FROM (
            SELECT 'event' AS kind, e.id AS item_id, e.article_id, e.sentence, e.start_char, e.end_char,
                   e.text, e.event_type AS label, e.factuality AS status, e.date AS value,
                   {event_day} AS day, a.source AS outlet
            FROM events e JOIN articles a ON a.id = e.article_id WHERE {shown}
            UNION ALL
            SELECT 'claim', c.id, c.article_id, c.sentence, c.start_char, c.end_char, c.text,
                   coalesce(c.claimant, 'the author'), c.stance, c.time, {claim_day}, a.source
            FROM claims c JOIN articles a ON a.id = c.article_id)
        ORDER BY day, item_id""",
        f"""CREATE OR REPLACE TABLE {SCHEMA}.item_actors AS
        SELECT DISTINCT item_id, actor_id FROM (
            SELECT e.id AS item_id, unnest(json_extract_string(e.actors, '$[*].actor_id')) AS actor_id FROM events e
            WHERE {shown}
            UNION ALL
            SELECT e.id, unnest(json_extract_string(e.recipients, '$[*].actor_id')) FROM events e WHERE {shown}
            UNION ALL
            SELECT c.id, c.claimant_id FROM claims c
            UNION ALL
            SELECT c.id, unnest(json_extract_string(c.about, '$[*]')) FROM claims c)
        WHERE actor_id IS NOT NULL AND actor_id <> ''
        ORDER BY actor_id""",
        f"""CREATE OR REPLACE TABLE {SCHEMA}.timeline_counts AS
        SELECT kind, day, outlet, status, count(*) AS n FROM {SCHEMA}.timeline GROUP BY ALL ORDER BY kind, day""",
        f"""CREATE OR REPLACE TABLE {SCHEMA}.timeline_actor_counts AS
        SELECT a.actor_id, t.kind, t.day, t.outlet, t.status, count(*) AS n
        FROM {SCHEMA}.timeline t JOIN {SCHEMA}.item_actors a ON a.item_id = t.item_id
        GROUP BY ALL ORDER BY a.actor_id, t.kind, t.day""",
    ]


def _actor_sql() -> list[str]:
    return [
        f"""CREATE OR REPLACE TABLE {SCHEMA}.actor_index AS
        SELECT actor_id, mode(name) AS name, mode(actor_type) AS actor_type, mode(country) AS country,
               mode(sector) AS sector, count(*) AS mentions, count(DISTINCT article_id) AS articles
        FROM actors WHERE actor_id IS NOT NULL AND actor_id <> '' GROUP BY actor_id""",
        f"""CREATE OR REPLACE TABLE {SCHEMA}.edges AS
        WITH s AS (SELECT DISTINCT article_id, sentence, actor_id FROM actors
                   WHERE actor_id IS NOT NULL AND actor_id <> ''),
        pairs AS (
            SELECT x.actor_id AS a, y.actor_id AS b FROM s x JOIN s y USING (article_id, sentence)
            WHERE x.actor_id < y.actor_id
            UNION ALL
            SELECT least(c.claimant_id, t.actor_id), greatest(c.claimant_id, t.actor_id)
            FROM claims c JOIN {SCHEMA}.item_actors t ON t.item_id = c.id
            WHERE c.claimant_id IS NOT NULL AND c.claimant_id <> t.actor_id AND c.claimant_id <> 'author')
        SELECT a AS source, b AS target, count(*) AS weight FROM pairs GROUP BY ALL""",
    ]


def _search_sql() -> list[str]:
    return [
        f"""CREATE OR REPLACE TABLE {SCHEMA}.postings AS
        SELECT term, sid, count(*) AS tf FROM (
            SELECT id AS sid, unnest(regexp_split_to_array(lower(text), '[^\\p{{L}}\\p{{N}}]+')) AS term
            FROM sentences)
        WHERE term <> '' GROUP BY ALL ORDER BY term""",
        f"""CREATE OR REPLACE TABLE {SCHEMA}.doc_freq AS
        SELECT term, count(*) AS df FROM {SCHEMA}.postings GROUP BY term ORDER BY term""",
    ]


def build(cur: duckdb.DuckDBPyConnection, shown: Shown = Shown()) -> None:
    """(Re)build every derived table from the store, in one transaction; the claim board holds
    the claims at or above ``shown.claims`` (``claims.min_confidence``), the timeline and the
    actor index the events at or above ``shown.events`` (``events.min_confidence``)."""
    cur.execute("BEGIN TRANSACTION")
    try:
        for sql in (*_timeline_sql(shown.events), *_board_sql(cur, shown.claims), *_actor_sql(),
                    *_search_sql()):
            cur.execute(sql)
        cur.execute("COMMIT")
    except duckdb.Error:
        cur.execute("ROLLBACK")
        raise
