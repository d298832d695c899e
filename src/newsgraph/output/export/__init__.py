"""``newsgraph export``: the store in standard formats, so it opens without glue code.

    jsonl, csv, parquet  every table, one file each, in a folder (or one table with ``table=``)
    sqlite               every table in one SQLite file (Datasette opens it)
    gexf, graphml        the actor network: co-occurrence, events, claims (Gephi, networkx)
    plover               PLOVER JSON events (output/plover.py converter)
    claimreview          schema.org ClaimReview JSON-LD, one per claim thread, with appearances
    timelinejs           TimelineJS JSON of dated claims
    ftm                  FollowTheMoney entities as JSON lines (Aleph)

Every output is written to a temporary sibling and renamed: an existing target is refused
(E601) unless ``force``, and a failure leaves nothing half-written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ...config import Shown
from ...errors import ExportError
from ...store import Store
from . import documents, network, tables

__all__ = ["FORMATS", "export"]

#: format -> writer(store, out, table, force) -> path written
FORMATS: dict[str, Callable[..., Path]] = {
    "jsonl": tables.write_jsonl,
    "csv": tables.write_csv,
    "parquet": tables.write_parquet,
    "sqlite": tables.write_sqlite,
    "gexf": network.write_gexf,
    "graphml": network.write_graphml,
    "plover": documents.write_plover,
    "claimreview": documents.write_claimreview,
    "timelinejs": documents.write_timelinejs,
    "ftm": documents.write_ftm,
}


#: formats that are views, not table dumps: they show the claims and events the views'
#: thresholds let through (:class:`~newsgraph.config.Shown`); jsonl/csv/parquet/sqlite copy the
#: store as it is, every record with its confidence
VIEWS = frozenset({"gexf", "graphml", "plover", "ftm", "claimreview", "timelinejs"})


def export(store: Store, fmt: str, out: str | Path, table: str | None = None, force: bool = False,
           shown: Shown = Shown()) -> Path:
    """Write the store (or part of it) as ``fmt`` to ``out``; returns the path written. Table
    dumps (jsonl, csv, parquet, sqlite) hold every row; the views (:data:`VIEWS`) only the claims
    and events at or above the thresholds ``shown`` (``Config.shown()``)."""
    writer = FORMATS.get(fmt.lower())
    if writer is None:
        raise ExportError("E604", what="export format", name=fmt, available=", ".join(FORMATS))
    extra = {"shown": shown} if fmt.lower() in VIEWS else {}
    return writer(store, Path(out), table=table, force=force, **extra)
