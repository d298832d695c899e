"""Read queries used by the CLI, the reports and the server. Each returns plain dicts."""

from __future__ import annotations

from typing import Any

from .db import Store

__all__ = ["articles", "failures", "mentions", "records_of_article"]


def articles(store: Store) -> list[dict[str, Any]]:
    return store.query(
        "SELECT id, date, date_source, source, title, url, copy_of, length(text) AS chars, origin"
        " FROM articles ORDER BY day NULLS LAST, source, id")


def mentions(store: Store, article_id: str | None = None) -> list[dict[str, Any]]:
    where, params = ("WHERE article_id = ?", [article_id]) if article_id else ("", [])
    return store.query(
        f"SELECT article_id, sentence, start_char, end_char, mention_type, label, text FROM mentions {where}"
        " ORDER BY article_id, start_char, end_char", params)


def failures(store: Store) -> list[dict[str, Any]]:
    return store.query("SELECT origin, code, message, seen_at FROM failures ORDER BY seen_at, origin")


def records_of_article(store: Store, table: str, article_id: str) -> list[dict[str, Any]]:
    """Every row of ``table`` for one article, in text order."""
    return store.query(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY start_char, end_char", [article_id])
