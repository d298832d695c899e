"""Draw shown claims of unseen real articles for judging by hand (the claims audit).

    python tools/claims_sample.py ../shared --salt leadclaims8 [--articles 30] [--n 40] [--seed 4]

The articles: the first ``--articles`` by SHA-1 of SALT + "/" + name among FNC-1 train bodies
and PolNeAR train texts of 1,200 to 5,000 characters (``tools/events_audit.py``'s candidates),
leaving out the shared 30, the events held-out, tune and audit sets, the claims documents, the
documents already judged in ``tools/data/claims_audit.jsonl`` and the lead's reserved list.
Each is annotated; ``--n`` of the claims shown (at ``claims.min_confidence``) are drawn with
``random.Random(seed)`` and printed with their context for judging by the real-news
CLAIMS_GUIDE.md (is it a claim; claimant, stance and content right). Judgements go to
``tools/data/claims_audit.jsonl`` as offsets and labels (never text), one line per claim with
its ``round``. A sample is untuned only until its errors are read: draw a new salt for the
final figure of a round.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import events_audit  # noqa: E402

HERE = Path(__file__).resolve().parent
JUDGED = HERE / "data" / "claims_audit.jsonl"
TUNE = HERE.parent / "tests" / "data" / "events_tune.jsonl"


def _docs(path: Path) -> set[str]:
    return {json.loads(line)["doc"] for line in path.read_text("utf-8").splitlines() if line.strip()} \
        if path.exists() else set()


def articles(shared: Path, salt: str, count: int) -> dict[str, tuple[str, str]]:
    docs = events_audit.candidates(shared)
    skip = events_audit.excluded(shared) | set(events_audit.pool(shared)) | _docs(TUNE) | _docs(JUDGED)
    reserved = Path("/work/notes/reserved_heldout3.txt")
    skip |= set(reserved.read_text().split()) if reserved.exists() else set()
    names = sorted((n for n, (t, _) in docs.items() if n not in skip and 1200 <= len(t) <= 5000),
                   key=lambda n: hashlib.sha1(f"{salt}/{n}".encode()).hexdigest())
    return {n: docs[n] for n in names[:count]}


def shown_claims(docs: dict[str, tuple[str, str]]) -> list[dict]:
    from newsgraph.api import annotate_stream
    from newsgraph.config import load
    from newsgraph.records import AnalyzedArticle, Article, Claim

    config = load()
    stream = annotate_stream((Article(id=n, text=t, date=d or None, date_source="cli") for n, (t, d) in docs.items()),
                             config)
    rows = []
    for item in stream:
        if not isinstance(item, AnalyzedArticle):
            continue
        atts = {r.id: r for r in item.records if r.kind == "attribution"}
        for c in item.records:
            if isinstance(c, Claim) and c.confidence >= config.claims.min_confidence:
                a = atts.get(c.attribution_id)
                rows.append({"doc": item.article.id, "claim_span": [c.start, c.end],
                             "source_span": [a.source.start, a.source.end] if a and a.source else None,
                             "stance": c.stance, "confidence": round(c.confidence, 3), "claimant": c.claimant,
                             "cue": a.cue.text if a and a.cue else None})
    return sorted(rows, key=lambda r: (r["doc"], r["claim_span"]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("shared", type=Path)
    ap.add_argument("--salt", required=True)
    ap.add_argument("--articles", type=int, default=30)
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=4)
    args = ap.parse_args()
    docs = articles(args.shared, args.salt, args.articles)
    rows = shown_claims(docs)
    sample = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
    for i, r in enumerate(sample):
        text = docs[r["doc"]][0]
        around = r["source_span"] or r["claim_span"]
        start = max(0, min(r["claim_span"][0], around[0]) - 150)
        end = max(r["claim_span"][1], around[1]) + 60
        print(json.dumps({**r, "n": i}))
        print(f"#{i} {r['doc']} [{r['confidence']}] {r['claimant']!r} [{r['cue']}] {r['stance']}: "
              f"{text[slice(*r['claim_span'])][:300]!r}\n   context: {text[start:end][:700]!r}", file=sys.stderr)
    print(f"{len(rows)} shown claims in {len(docs)} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
