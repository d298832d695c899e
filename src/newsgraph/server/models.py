"""Request bodies, validated by FastAPI (bad input -> 422 in the common error shape)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, field_validator

__all__ = ["AnalyzeRequest", "ArticleIn", "SqlRequest"]

MAX_ARTICLES = 200


class ArticleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=1_000_000)
    id: str | None = Field(default=None, min_length=1, max_length=200)
    date: str | None = Field(default=None, max_length=40, description="ISO date or datetime")
    title: str | None = Field(default=None, max_length=2000)
    url: str | None = Field(default=None, max_length=4000)
    source: str | None = Field(default=None, max_length=200, description="The outlet")

    @field_validator("date")
    @classmethod
    def _iso(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            dt.date.fromisoformat(value[:10])
        except ValueError as exc:
            raise ValueError("use ISO 8601, YYYY-MM-DD or a datetime") from exc
        return value


class AnalyzeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, max_length=MAX_ARTICLES)


class SqlRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    sql: str = Field(min_length=1, max_length=20_000)
    limit: int = Field(default=1000, ge=1, le=10_000)
    cursor: str | None = Field(default=None, max_length=1000)
