"""Golden outputs: `annotate` and `analyze` on examples/ and the seed, pinned by content hash.

Record ids are content hashes, so any change of behaviour shows here. A move of modules (or any
refactoring) must leave these hashes unchanged. A change of behaviour that is meant re-pins
them, in the same commit, with

    NEWSGRAPH_BLESS_GOLDEN=1 python -m pytest tests/test_golden.py

and the commit message says why the output changed. On a mismatch the test names the record
kinds whose counts changed, to show where to look.
"""

from __future__ import annotations

import collections
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, shared_file

pytestmark = pytest.mark.model

EXPECTED = ROOT / "tests" / "golden" / "expected.json"
EXAMPLES = ROOT / "examples" / "articles"


def _annotate(paths: list[Path], out: Path) -> bytes:
    _cli("annotate", *map(str, paths), "--format", "jsonl", "--out", str(out))
    return (out / "annotations.jsonl").read_bytes()


def _cli(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "newsgraph", *args], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def _kinds(jsonl: bytes) -> dict[str, int]:
    counts: collections.Counter[str] = collections.Counter()
    for line in jsonl.splitlines():
        for record in json.loads(line).get("records", []):
            counts[record.get("kind", "?")] += 1
    return dict(sorted(counts.items()))


def _table_dump(db: Path) -> bytes:
    """Every table of the store, rows sorted, without the columns that hold a wall-clock time or
    where the input was read from (an absolute path: the same run in another checkout)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        out = []
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
        for table in tables:
            cols = [r[0] for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                "AND data_type NOT LIKE 'TIMESTAMP%' AND column_name <> 'origin' ORDER BY ordinal_position",
                [table]).fetchall()]
            if not cols:
                continue
            quoted = ", ".join(f'"{c}"' for c in cols)
            rows = con.execute(f'SELECT {quoted} FROM "{table}" ORDER BY ALL').fetchall()
            out.append(f"## {table} {cols}\n" + "\n".join(repr(r) for r in rows))
        return "\n".join(out).encode()
    finally:
        con.close()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _check(name: str, data: bytes, kinds: dict[str, int] | None = None) -> None:
    expected = json.loads(EXPECTED.read_text()) if EXPECTED.exists() else {}
    got = {"sha256": _digest(data), "kinds": kinds}
    if os.environ.get("NEWSGRAPH_BLESS_GOLDEN") == "1":
        expected[name] = got
        EXPECTED.parent.mkdir(exist_ok=True)
        EXPECTED.write_text(json.dumps(expected, indent=2, sort_keys=True) + "\n")
        return
    assert name in expected, f"no golden entry {name!r}: run with NEWSGRAPH_BLESS_GOLDEN=1"
    want = expected[name]
    if want["sha256"] != got["sha256"]:
        changed = {k: (want["kinds"] or {}).get(k, 0) - (kinds or {}).get(k, 0)
                   for k in set(want["kinds"] or {}) | set(kinds or {})}
        changed = {k: -v for k, v in changed.items() if v}
        pytest.fail(f"{name}: output changed (record count changes by kind: {changed or 'none'}); "
                    "if the change is meant, re-pin with NEWSGRAPH_BLESS_GOLDEN=1 and say why in the commit")


def test_annotate_examples_is_unchanged(tmp_path):
    data = _annotate([EXAMPLES], tmp_path)
    _check("annotate_examples", data, _kinds(data))


def test_annotate_seed_is_unchanged(tmp_path):
    seed = shared_file("seeds/000_55f49c8fb6e3b4be.txt")
    data = _annotate([seed], tmp_path)
    _check("annotate_seed", data, _kinds(data))


def test_analyze_examples_store_is_unchanged(tmp_path):
    db = tmp_path / "golden.duckdb"
    _cli("analyze", str(EXAMPLES), "--db", str(db))
    _check("analyze_examples", _table_dump(db))
