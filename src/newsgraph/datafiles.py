"""The one way package data is found: ``<package>/data/<name>`` read through importlib.resources.

Every capability keeps its rules, lexicons and learned tables in a ``data/`` folder beside its
code (``nlp/time/data/``, ``fusion/data/``, ...). :func:`data_digest` hashes such a folder, so
an analysis can record exactly which tables it was made with (see ``run/provenance.py``).
"""

from __future__ import annotations

import hashlib
from importlib import resources
from importlib.resources.abc import Traversable

__all__ = ["data_digest", "data_file", "read_data"]


def data_file(package: str, *parts: str) -> Traversable:
    """The file ``parts`` under ``package``'s ``data/`` folder (``package`` a dotted name)."""
    return resources.files(package).joinpath("data", *parts)


def read_data(package: str, *parts: str) -> str:
    return data_file(package, *parts).read_text("utf-8")


def _files(folder: Traversable, prefix: str = ""):
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            if entry.name != "__pycache__":
                yield from _files(entry, f"{prefix}{entry.name}/")
        else:
            yield f"{prefix}{entry.name}", entry


def data_digest(package: str) -> str:
    """A short hash of every file under ``package``'s ``data/`` folder (names and bytes)."""
    folder = resources.files(package).joinpath("data")
    digest = hashlib.sha256()
    if folder.is_dir():
        for name, entry in _files(folder):
            digest.update(name.encode() + b"\0" + entry.read_bytes() + b"\0")
    return digest.hexdigest()[:16]
