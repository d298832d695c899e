"""The filters every view shares (actor, date range, outlet, stance) as SQL conditions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Query

from .cache import SCHEMA

__all__ = ["Filters", "Stance", "filters"]

Stance = Literal["asserts", "denies", "questions", "predicts"]


@dataclass(frozen=True)
class Filters:
    actor: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    outlet: str | None = None
    stance: str | None = None

    def conditions(self, item: str | None, day: str = "day", outlet: str = "outlet",
                   stance: str | None = None, actor: str | None = None) -> tuple[str, list[Any]]:
        """SQL conditions (joined by AND) over columns of one row: ``item`` is its id column
        (matched through the item/actor table), or ``actor`` an actor id column of the row."""
        conds: list[str] = []
        params: list[Any] = []
        if self.actor:
            conds.append(f"{actor} = ?" if actor else
                         f"{item} IN (SELECT item_id FROM {SCHEMA}.item_actors WHERE actor_id = ?)")
            params.append(self.actor)
        for value, op in ((self.since, ">="), (self.until, "<=")):
            if value is not None:
                conds.append(f"{day} {op} ?")
                params.append(value)
        if self.outlet:
            conds.append(f"{outlet} = ?")
            params.append(self.outlet)
        if self.stance and stance:
            conds.append(f"{stance} = ?")
            params.append(self.stance)
        return " AND ".join(conds) or "true", params

    @property
    def empty(self) -> bool:
        return not (self.actor or self.since or self.until or self.outlet or self.stance)


def filters(
    actor: Annotated[str | None, Query(max_length=200,
                                       description="Actor id (claimant, participant or subject).")] = None,
    since: Annotated[dt.date | None, Query(description="First day, YYYY-MM-DD.")] = None,
    until: Annotated[dt.date | None, Query(description="Last day, YYYY-MM-DD.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="Outlet (article source).")] = None,
    stance: Annotated[Stance | None, Query(description="Claim stance.")] = None,
) -> Filters:
    return Filters(actor, since, until, outlet, stance)
