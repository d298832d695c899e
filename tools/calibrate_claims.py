"""Calibrate the confidence of claims and attributions, and say how it holds.

    python tools/calibrate_claims.py ../shared/eval/realnews [--audit ../shared] [--write]
    python tools/calibrate_claims.py --attribution ../shared/eval/attribution/polnear-train [--limit N] [--write]

Runs the pipeline on ``inputs.jsonl``, sums up every claim as its kinds
(``nlp/shared/confidence.kinds``: source, cue, place) and whether the shared scorer
(``score_claims.py``, imported from that folder) matches it at the claimant level. The
confidence of a kind is its share of right claims, smoothed toward the prior
(``(right + M * prior) / (total + M)``). ``--write`` writes ``data/claims_confidence.tsv``.
Prints a two-fold check by document (calibrate on one half, keep the claims at or above the
default ``claims.min_confidence`` on the other) so that the figure is not the one tuned on. With ``--audit SHARED`` the claims judged by hand
in ``tools/data/claims_audit.jsonl`` (unseen FNC-1 and PolNeAR train articles) count too: dev
alone made claims of some kinds look surer than they are on articles never seen.

With ``--attribution``: the same for attributions on a PolNeAR split (train: dev is for
reporting), an attribution being right when its cue overlaps a cue the gold marks; writes
``data/attribution_confidence.tsv``.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

from newsgraph import api
from newsgraph.nlp.shared import confidence as claim_confidence

M = 2.0
NLP = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "nlp"


def _scorer(folder: Path):
    spec = importlib.util.spec_from_file_location("score_claims", folder / "score_claims.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def observe(folder: Path) -> list[dict]:
    """Every system claim of the gold's documents: doc, kinds, prior, and right (claimant level)."""
    seen: list[tuple] = []
    real = claim_confidence.confidence

    def spy(source, cue, place):
        seen.append((source, cue, place))
        return claim_confidence._PRIOR_SOURCE[source] * claim_confidence._PRIOR_CUE[cue] * \
            claim_confidence._PRIOR_PLACE[place]

    claim_confidence.confidence = spy
    import newsgraph.nlp.claims.extract as claims_module
    claims_module.confidence = spy
    sc = _scorer(folder)
    gold = sc.load_lines(str(folder / "claims_gold.jsonl"))
    rows = []
    try:
        for line in open(folder / "inputs.jsonl", encoding="utf-8"):
            rec = json.loads(line)
            if rec["id"] not in gold:
                continue
            seen.clear()
            analyzed = api.annotate(rec["text"], date=rec.get("date"))
            claims = [r for r in analyzed.records if r.kind == "claim"]
            atts = {r.id: r for r in analyzed.records if r.kind == "attribution"}
            rows += _judge(sc, gold[rec["id"]], rec["text"], rec["id"], claims, atts, list(seen))
    finally:
        claim_confidence.confidence = real
        claims_module.confidence = real
    return rows


def _judge(sc, gold_doc, text, doc, claims, atts, kinds) -> list[dict]:
    gs = [g for g in (sc.locate_gold(text, c) for c in gold_doc["claims"]) if g]
    doubt = [g for g in gs if g["doubtful"]]
    gs = sorted((g for g in gs if not g["doubtful"]), key=lambda g: g["c0"])
    sys_rows = []
    for claim, kind in zip(claims, kinds):
        att = atts.get(claim.attribution_id)
        src = att.source if att is not None else None
        sys_rows.append({"c0": claim.start, "c1": claim.end, "cl": [src.start, src.end] if src else None,
                         "name": ((claim.claimant or "") + " " + (src.text if src else "")).lower().strip(),
                         "stance": claim.stance, "kind": kind,
                         "what": f"[{src.text if src else None}|{att.cue.text if att and att.cue else None}] {claim.text}"})
    order = sorted(range(len(sys_rows)), key=lambda k: sys_rows[k]["c0"])
    used = set()
    for g in gs:
        for k in order:
            s = sys_rows[k]
            if k not in used and sc.dice(g, s) >= 0.5 and sc.claimant_match(g, s):
                used.add(k)
                break
    out = []
    for k, s in enumerate(sys_rows):
        if k not in used and any(sc.dice(d, s) >= 0.5 for d in doubt):
            continue  # matches only a doubtful gold claim: not counted either way
        out.append({"doc": doc, "kind": s["kind"], "right": k in used, "what": s["what"]})
    return out


def observe_audit(shared: Path) -> list[dict]:
    """The claims judged by hand in ``tools/data/claims_audit.jsonl`` (unseen real articles, each
    judged for claim, claimant, stance and content): kinds of the claim the pipeline now makes
    with the same span, and whether it was judged right. A claim the pipeline no longer makes
    (or makes with another span) is left out."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import events_audit

    judged: dict[str, dict[tuple[int, int], bool]] = {}
    for line in open(Path(__file__).resolve().parent / "data" / "claims_audit.jsonl", encoding="utf-8"):
        row = json.loads(line)
        judged.setdefault(row["doc"], {})[tuple(row["claim_span"])] = row["right"]
    docs = events_audit.candidates(shared)
    seen: list[tuple] = []
    real = claim_confidence.confidence

    def spy(source, cue, place):
        seen.append((source, cue, place))
        return real(source, cue, place)

    import newsgraph.nlp.claims.extract as claims_module
    claims_module.confidence = spy
    rows = []
    try:
        for doc, spans in sorted(judged.items()):
            if doc not in docs:
                continue
            text, date = docs[doc]
            seen.clear()
            claims = [r for r in api.annotate(text, date=date or None).records if r.kind == "claim"]
            for claim, kind in zip(claims, list(seen)):
                if (claim.start, claim.end) in spans:
                    rows.append({"doc": f"audit:{doc}", "kind": kind, "right": spans[(claim.start, claim.end)],
                                 "what": claim.text})
    finally:
        claims_module.confidence = real
    return rows


def calibrate(rows: list[dict]) -> dict[tuple, tuple[float, int, int]]:
    right, total = Counter(), Counter()
    for r in rows:
        total[r["kind"]] += 1
        right[r["kind"]] += r["right"]
    out = {}
    for kind, n in total.items():
        prior = claim_confidence._PRIOR_SOURCE[kind[0]] * claim_confidence._PRIOR_CUE[kind[1]] * \
            claim_confidence._PRIOR_PLACE[kind[2]]
        out[kind] = (round((right[kind] + M * prior) / (n + M), 3), right[kind], n)
    return out


def _kept(rows, table, threshold):
    tp = sum(1 for r in rows if r["right"] and table.get(r["kind"], (0,))[0] >= threshold)
    sys_n = sum(1 for r in rows if table.get(r["kind"], (0,))[0] >= threshold)
    return tp, sys_n


def two_fold(rows: list[dict], threshold: float) -> str:
    docs = sorted({r["doc"] for r in rows})
    halves = [set(docs[0::2]), set(docs[1::2])]
    report = []
    for k in (0, 1):
        table = calibrate([r for r in rows if r["doc"] in halves[k]])
        test = [r for r in rows if r["doc"] in halves[1 - k]]
        tp, n = _kept(test, table, threshold)
        report.append(f"fold {k}: calibrated on {len(halves[k])} docs, kept {n} of {len(test)} claims "
                      f"of the other half, {100 * tp / max(1, n):.1f} % right (all: "
                      f"{100 * sum(r['right'] for r in test) / max(1, len(test)):.1f} %)")
    return "\n".join(report)


def observe_attributions(folder: Path, limit: int) -> list[dict]:
    """Every system attribution of a PolNeAR split: doc, kinds, right (its cue overlaps a gold cue)."""
    from newsgraph.evaluate.attribution import gold_files, read_ann

    seen: list[tuple] = []
    real = claim_confidence.attribution_trust

    def spy(source, cue, place):
        seen.append((source, cue, place))
        return 1.0

    claim_confidence.attribution_trust = spy
    rows = []
    try:
        for art_id, ann in list(gold_files(folder).items())[:limit]:
            text = (folder / "text" / f"{art_id}.txt").read_text(encoding="utf-8")
            cues = [f for s in read_ann(ann) if s.label == "Cue" for f in s.frags]
            seen.clear()
            atts = [r for r in api.annotate(text).records if r.kind == "attribution"]
            for att, kind in zip(atts, list(seen)):
                right = any(a < att.end and att.start < b for a, b in cues)
                rows.append({"doc": art_id, "kind": kind, "right": right, "what": att.text})
    finally:
        claim_confidence.attribution_trust = real
    return rows


def main(argv: list[str]) -> None:
    attribution = "--attribution" in argv
    args = [a for a in argv if not a.startswith("--")]
    limit = int(args[1]) if "--limit" in argv and len(args) > 1 else 10_000
    folder = Path(args[0])
    rows = observe_attributions(folder, limit) if attribution else observe(folder)
    if "--audit" in argv and not attribution:  # the claims judged by hand on unseen articles too
        rows += observe_audit(Path(args[1]))
    table = calibrate(rows)
    from newsgraph.config import load
    threshold = load().claims.min_confidence
    for kind, (conf, right, n) in sorted(table.items(), key=lambda x: -x[1][2]):
        print("\t".join(kind), conf, f"{right}/{n}", sep="\t")
    print(two_fold(rows, threshold))
    if "--write" in argv:
        out = NLP / ("attribution/data/attribution_confidence.tsv" if attribution else "claims/data/claims_confidence.tsv")
        with out.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            w.writerow(["source", "cue", "place", "confidence", "right", "total"])
            for kind, (conf, right, n) in sorted(table.items()):
                w.writerow([*kind, conf, right, n])
        print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
