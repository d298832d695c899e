"""How well claim threads follow the stories of the FNC-1 bodies.

    .venv/bin/python tools/story_threads.py DB [--fnc ../shared/eval/stance/fnc1-train] [--json]

DB holds FNC-1 bodies analysed as articles whose ids are ``fnc-<Body ID>`` (make it with
``--write-jsonl PART OUT.jsonl``, then ``newsgraph analyze OUT.jsonl --db DB``). Two bodies are
of one story when they are related (agree, disagree, discuss) to headlines of one claim:
components of the related headline-body pairs. Prints the share of same-story body pairs
that share at least one claim thread (the higher the better) and of different-story pairs
that do (the lower the better), the number of multi-article threads, and of the bodies in
them the share of those that disagree with their story (and of those that agree) that sit
on a thread's deny side.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsgraph.evaluate.stance import part_of, read_bodies, read_pairs, stories as story_components  # noqa: E402
from newsgraph.store import open_store  # noqa: E402


def stories(pairs) -> dict[str, str]:
    """Body id -> story (the smallest member of its component of related pairs)."""
    return {x[2:]: story for x, story in story_components(pairs).items() if x.startswith("b:")}


def body_stances(pairs) -> dict[str, str]:
    """Each body's most frequent related label (towards the headlines of its story)."""
    from collections import Counter

    seen: dict[str, Counter] = defaultdict(Counter)
    for p in pairs:
        if p.stance != "unrelated":
            seen[p.body_id][p.stance] += 1
    return {b: c.most_common(1)[0][0] for b, c in seen.items()}


def deny_sides(db: Path, gold: dict[str, str]) -> dict[str, float]:
    """Of the bodies in multi-article claim threads: the share of those that disagree with
    their story that have a claim on a thread's deny side, and of those that agree."""
    with open_store(db, read_only=True) as store:
        rows = store.query("SELECT t.thread_id, t.certainty FROM threads t WHERE t.kind = 'claim'"
                           " AND t.n_articles > 1")
    side: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        for m in json.loads(r["certainty"] or "[]"):
            side[m["article_id"][4:]].add(m["stance"])
    out = {}
    for label in ("disagree", "agree"):
        bodies = [b for b in side if gold.get(b) == label]
        out[f"{label}_bodies_on_deny_side"] = round(100.0 * sum("denies" in side[b] for b in bodies) / len(bodies), 2) \
            if bodies else 0.0
    return out


def shares(db: Path, story: dict[str, str]) -> dict[str, float]:
    with open_store(db, read_only=True) as store:
        bodies = [r["id"][4:] for r in store.query("SELECT id FROM articles WHERE id LIKE 'fnc-%'")]
        members = store.query("SELECT thread_id, article_id FROM thread_members WHERE kind = 'claim'")
    threads: dict[str, set[str]] = defaultdict(set)
    for m in members:
        threads[m["thread_id"]].add(m["article_id"][4:])
    shared = {pair for group in threads.values() for pair in itertools.combinations(sorted(group), 2)}
    same = diff = same_shared = diff_shared = 0
    for a, b in itertools.combinations(sorted(bodies), 2):
        one = story.get(a, "b:" + a) == story.get(b, "b:" + b)
        hit = (a, b) in shared
        same, diff = same + one, diff + (not one)
        same_shared, diff_shared = same_shared + (one and hit), diff_shared + (hit and not one)
    return {"bodies": len(bodies), "same_story_pairs": same, "different_story_pairs": diff,
            "same_story_shared": round(100.0 * same_shared / same, 2) if same else 0.0,
            "different_story_shared": round(100.0 * diff_shared / diff, 2) if diff else 0.0,
            "multi_article_threads": sum(len(g) > 1 for g in threads.values())}


def write_jsonl(fnc: Path, part: str, out: Path, limit: int | None) -> None:
    """The bodies of one part as JSON Lines articles (one date, one outlet per body)."""
    import hashlib

    bodies = read_bodies(fnc / "train_bodies.csv")
    ids = sorted((b for b in bodies if part_of(b) == part), key=lambda b: hashlib.sha1(b.encode()).hexdigest())
    with out.open("w", encoding="utf-8") as fh:
        for b in sorted(ids[:limit] if limit else ids):
            fh.write(json.dumps({"id": f"fnc-{b}", "date": "2015-01-15", "text": bodies[b],
                                 "source": f"outlet-{b}"}) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, nargs="?")
    parser.add_argument("--fnc", type=Path, default=Path("../shared/eval/stance/fnc1-train"))
    parser.add_argument("--write-jsonl", nargs=2, metavar=("PART", "OUT"))
    parser.add_argument("--limit", type=int, help="with --write-jsonl: only the first N bodies (by hash)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.write_jsonl:
        write_jsonl(args.fnc, args.write_jsonl[0], Path(args.write_jsonl[1]), args.limit)
        return
    pairs = read_pairs(args.fnc / "train_stances.csv")
    result = shares(args.db, stories(pairs)) | deny_sides(args.db, body_stances(pairs))
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
