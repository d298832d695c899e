"""HTTP API routes: thin adapters from query parameters to :mod:`.queries` and the library."""

from __future__ import annotations

from typing import Annotated, Any, Literal

import json
from collections.abc import Callable

import duckdb
from fastapi import APIRouter, Depends, Path, Query, Request, Response

from .. import __version__
from ..config import Config, Shown
from . import queries
from .filters import Filters, filters
from .models import AnalyzeRequest, SqlRequest
from .state import ServerState
from .writes import add_articles, run_sql

__all__ = ["router"]

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=1000, description="Items per page (follow 'next' for more).")]
Cursor = Annotated[str | None, Query(max_length=1000, description="The 'next' value of the previous page.")]
Id = Annotated[str, Path(min_length=1, max_length=200)]
F = Annotated[Filters, Depends(filters)]
All = Annotated[bool, Query(alias="all", description="Also show records below the confidence thresholds of the views"
                                        " (claims.min_confidence, events.min_confidence).")]


def state(request: Request) -> ServerState:
    return request.app.state.newsgraph


State = Annotated[ServerState, Depends(state)]


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _shown(st: ServerState, show_all: bool) -> Shown:
    """What the views show: records at or above the configured confidence thresholds, or all."""
    return (st.config or Config()).shown(show_all)


def answer(st: ServerState, request: Request, query: Callable[[duckdb.DuckDBPyConnection], Any]) -> Response:
    """Run a read query on a fresh cursor, or reuse the body computed for the same URL since
    the last write (the server is the only writer, so this is never stale)."""
    def compute() -> bytes:
        with st.cursor() as cur:
            data = query(cur)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_plain).encode("utf-8")

    key = f"{request.url.path}?{request.url.query}"
    return Response(st.remembered(key, compute), media_type="application/json")


@router.get("/health", tags=["meta"], summary="Server status")
def health(st: State) -> dict[str, Any]:
    return {"status": "ok", "version": __version__, "schema_version": st.store.schema_version(),
            "generation": st.generation}


@router.get("/stats", tags=["meta"], summary="Counts, date range and outlets (for filters)")
def stats(st: State, request: Request) -> Response:
    return answer(st, request, lambda cur: queries.stats(cur))


@router.get("/articles", tags=["articles"], summary="Articles, by day (filters: since, until, outlet)")
def list_articles(st: State, request: Request, f: F, cursor: Cursor = None, limit: Limit = 50) -> Response:
    return answer(st, request, lambda cur: queries.articles(cur, f, cursor, limit))


@router.get("/articles/{article_id}", tags=["articles"],
            summary="One article: full text, sentences and every extracted span")
def get_article(st: State, request: Request, article_id: Id, show_all: All = False) -> Response:
    return answer(st, request, lambda cur: queries.article(cur, article_id, _shown(st, show_all)))


@router.post("/articles", tags=["articles"], summary="Analyse and store new articles through the server")
def post_articles(st: State, body: AnalyzeRequest) -> dict[str, Any]:
    return add_articles(st, body)


@router.get("/actors", tags=["actors"], summary="Actors by number of mentions")
def list_actors(st: State, request: Request, q: Annotated[str | None, Query(max_length=200)] = None,
                cursor: Cursor = None, limit: Limit = 50) -> Response:
    return answer(st, request, lambda cur: queries.actors(cur, q, cursor, limit))


@router.get("/actors/{actor_id}", tags=["actors"], summary="One actor")
def get_actor(st: State, request: Request, actor_id: Id) -> Response:
    return answer(st, request, lambda cur: queries.actor(cur, actor_id))


@router.get("/quotes", tags=["quotes"], summary="Attributions (source, cue, content); actor = speaker")
def list_quotes(st: State, request: Request, f: F, article: Annotated[str | None, Query(max_length=200)] = None,
                cursor: Cursor = None, limit: Limit = 50, show_all: All = False) -> Response:
    shown = _shown(st, show_all)
    return answer(st, request, lambda cur: queries.quotes(cur, f, article, cursor, limit, shown.claims))


@router.get("/claims", tags=["claims"], summary="Claims with claimant, stance, certainty and thread")
def list_claims(st: State, request: Request, f: F, article: Annotated[str | None, Query(max_length=200)] = None,
                thread: Annotated[str | None, Query(max_length=200)] = None,
                cursor: Cursor = None, limit: Limit = 50) -> Response:
    return answer(st, request, lambda cur: queries.claims(cur, f, article, thread, cursor, limit))


@router.get("/threads", tags=["claims"], summary="The claim board: one row per thread",
            description="Filters select threads that involve the actor, were active in the date range, were"
                        " carried by the outlet, or hold at least one claim of the stance.")
def list_threads(st: State, request: Request, f: F,
                 sort: Literal["sources", "first_seen", "recent"] = "sources", cursor: Cursor = None,
                 limit: Limit = 50) -> Response:
    return answer(st, request, lambda cur: queries.threads(cur, f, sort, cursor, limit, st.generation))


@router.get("/threads/{thread_id}", tags=["claims"], summary="One thread (its claims: /claims?thread=ID)")
def get_thread(st: State, request: Request, thread_id: Id) -> Response:
    return answer(st, request, lambda cur: queries.thread(cur, thread_id))


@router.get("/events", tags=["events"], summary="Events (or claims, kind=claim) by day; since/until drill into a timeline bucket")
def list_events(st: State, request: Request, f: F,
                type: Annotated[str | None, Query(max_length=100)] = None,  # noqa: A002
                kind: Literal["event", "claim"] = "event", cursor: Cursor = None,
                limit: Limit = 50) -> Response:
    return answer(st, request, lambda cur: queries.events(cur, f, type, kind, cursor, limit))


@router.get("/timeline", tags=["events"], summary="Counts of events (or claims) per day, week or month")
def get_timeline(st: State, request: Request, f: F, kind: Literal["event", "claim"] = "event",
                 bucket: Literal["day", "week", "month"] = "day") -> Response:
    return answer(st, request, lambda cur: queries.timeline(cur, f, kind, bucket))


@router.get("/network", tags=["actors"], summary="Top actors by degree and the links between them")
def get_network(st: State, request: Request, top: Annotated[int, Query(ge=1, le=500)] = 40,
                min_weight: Annotated[int, Query(ge=1)] = 1,
                actor: Annotated[str | None, Query(max_length=200)] = None) -> Response:
    return answer(st, request, lambda cur: queries.network(cur, top, min_weight, actor))


@router.get("/search", tags=["search"], summary="Ranked sentences matching every word (BM25-like)")
def get_search(st: State, request: Request, q: Annotated[str, Query(min_length=1, max_length=500)],
               cursor: Cursor = None, limit: Limit = 20) -> Response:
    return answer(st, request, lambda cur: queries.search(cur, q, cursor, limit))


@router.post("/sql", tags=["sql"], summary="One read-only SELECT; no file access")
def post_sql(st: State, body: SqlRequest) -> dict[str, Any]:
    return run_sql(st, body)
