"""How well claim threads follow the stories of the FNC-1 bodies.

    .venv/bin/python tools/story_threads.py DB [--fnc ../shared/eval/stance/fnc1-train] [--folds DIR] [--json]

DB holds FNC-1 bodies analysed as articles whose ids are ``fnc-<Body ID>`` (make it with
``--write-jsonl PART OUT.jsonl``, then ``newsgraph analyze OUT.jsonl --db DB``). Two bodies are
of one story when they are related (agree, disagree, discuss) to headlines of one claim:
components of the related headline-body pairs. Prints the share of same-story body pairs
that share at least one claim thread (the higher the better) and of different-story pairs
that do (the lower the better), the number of multi-article threads, and of the bodies in
them the share of those that disagree with their story (and of those that agree) that sit
on a thread's deny side, and how close the labels of multi-article threads come to their
story's headlines (``label_rumour_cosine``).

The stance model has learned from the tuning bodies, so on them it reads the deny sides too
well. ``--folds DIR`` first fuses DB again (in place: give a copy), each body judged by a model
learned without its story (``for k in 0 1 2 3 4; do tools/learn_stance.py --leave-out $k --out
DIR/stance$k.npz; done``): the figures the tuning part gives for bodies the model has not seen.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

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


def aligned_deny_sides(db: Path, pairs, min_cosine: float = 0.3) -> dict[str, float]:
    """Deny sides judged against each thread's own label rather than each body's story: for
    each multi-article thread, the headline of its bodies' story closest to its label (TF-IDF
    cosine at least ``min_cosine``, else the thread is left out), and each member body's gold
    stance towards that headline. A story's headlines differ in polarity ("Banksy arrested",
    "No, Banksy hasn't been arrested"), so a body's majority label towards them says little of
    its side on one thread. Of the (thread, body) pairs whose body disagrees with that headline,
    the share on the thread's deny side; the same for those that agree."""
    from newsgraph.fusion import stance as st

    model = st.load_model()
    gold = {(p.headline, p.body_id): p.stance for p in pairs}
    by_body: dict[str, list[str]] = defaultdict(list)
    for p in pairs:
        if p.stance != "unrelated":
            by_body[p.body_id].append(p.headline)
    with open_store(db, read_only=True) as store:
        rows = store.query("SELECT thread_id, label, certainty FROM threads WHERE kind = 'claim' AND n_articles > 1")
    vectors: dict[str, Any] = {}
    seen = {"agree": [0, 0], "disagree": [0, 0]}
    for r in rows:
        sides: dict[str, set[str]] = defaultdict(set)
        for m in json.loads(r["certainty"] or "[]"):
            sides[m["article_id"][4:]].add(m["stance"])
        label = st.claim_text(r["label"] or "", model)
        heads = {h for b in sides for h in by_body.get(b, ())}
        for h in heads - vectors.keys():
            vectors[h] = st.claim_text(h, model)
        scored = [(st._cos(label, vectors[h]), h) for h in sorted(heads)]
        cosine, headline = max(scored, default=(0.0, ""))
        if cosine < min_cosine:
            continue
        for body, found in sides.items():
            stance = gold.get((headline, body))
            if stance in seen:
                seen[stance][0] += "denies" in found
                seen[stance][1] += 1
    return {f"{k}_pairs_on_deny_side": round(100.0 * n / total, 2) if total else 0.0 for k, (n, total) in seen.items()} \
        | {f"{k}_pairs": total for k, (_, total) in seen.items()}


def labels(db: Path, pairs, story: dict[str, str]) -> dict[str, float]:
    """Is a multi-article thread labelled by its story's rumour? For each, the TF-IDF cosine
    (the stance model's) of its label with the closest headline of the story most of its
    bodies belong to: the mean over the threads (``label_rumour_cosine``), and the mean of the
    same for the member closest to a headline (``best_member_rumour_cosine``: what labelling
    could reach with the threads as they are)."""
    from collections import Counter

    from newsgraph.fusion import stance as st

    model = st.load_model()
    headlines: dict[str, set[str]] = defaultdict(set)
    for p in pairs:
        if p.stance != "unrelated" and p.body_id in story:
            headlines[story[p.body_id]].add(p.headline)
    with open_store(db, read_only=True) as store:
        rows = store.query("SELECT t.thread_id, t.label, c.text, m.article_id FROM threads t"
                           " JOIN thread_members m ON m.thread_id = t.thread_id JOIN claims c ON c.id = m.item_id"
                           " WHERE t.kind = 'claim' AND t.n_articles > 1")
    threads: dict[str, list] = defaultdict(list)
    for r in rows:
        threads[r["thread_id"]].append(r)
    vectors = {h: st.claim_text(h, model) for hs in headlines.values() for h in hs}

    def closest(text: str, heads: set[str]) -> float:
        claim = st.claim_text(text, model)
        return max((st._cos(claim, vectors[h]) for h in heads), default=0.0)

    label_cos, best_cos = [], []
    for members in threads.values():
        counts = Counter(story.get(m["article_id"][4:]) for m in members)
        main, _ = counts.most_common(1)[0]
        if main is None:
            continue
        label_cos.append(closest(members[0]["label"] or "", headlines[main]))
        best_cos.append(max(closest(m["text"] or "", headlines[main]) for m in members))
    mean = (lambda xs: round(100.0 * sum(xs) / len(xs), 2) if xs else 0.0)
    return {"label_rumour_cosine": mean(label_cos), "best_member_rumour_cosine": mean(best_cos)}


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


def refuse_with_folds(db: Path, folds: Path, pairs) -> None:
    """Fuse ``db`` again (in place), each body judged by the stance model learned without its
    story (``tools/learn_stance.py --leave-out K --out FOLDS/stanceK.npz``, K = 0 .. 4), so that
    the deny sides of the tuning bodies read as those of unseen ones would (the shipped model
    has learned from the tuning bodies), and by the dispute reader learned without its fold
    (FOLDS/disputeK.json, ``tools/learn_stance.py --dispute FOLDS``) when there is one."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import learn_stance
    from newsgraph.fusion import fuse as fusion, stance as st

    story = learn_stance._stories([p for p in pairs if part_of(p.body_id) == "tune"])
    from newsgraph.fusion.dispute import load_reader

    models = [st.load_model(folds / f"stance{k}.npz") for k in range(learn_stance.FOLDS)]
    readers = [load_reader(folds / f"dispute{k}.json") if (folds / f"dispute{k}.json").exists() else None
               for k in range(learn_stance.FOLDS)]
    with open_store(db, read_only=True) as store:
        texts = {r["id"]: r["text"] or "" for r in store.query("SELECT id, text FROM articles")}
    prepared: dict[str, st.Article] = {}

    def refolded(label: str, article_id: str, stance):
        """The stance of the article (read: ``stance`` is not None) with its own fold's model."""
        if stance is None:
            return None
        key = "b:" + article_id[4:]
        fold = learn_stance.fold_of(story.get(key, key))
        model = models[fold]
        if article_id not in prepared:
            prepared[article_id] = st.prepare_article(texts[article_id], model)
        return st.stance_of(st.claim_text(label, model), prepared[article_id], model, readers[fold])

    def judge(store, threads, members):  # fuse._judge, each article read with its fold's model
        read = original(store, threads, members)
        return lambda label, articles, if_debunking=(): {
            a: refolded(label, a, stance) for a, stance in read(label, articles, if_debunking).items()}

    original, fusion._judge = fusion._judge, judge
    try:
        with open_store(db) as store:
            store.con.execute("UPDATE fusion_version SET version = -1")  # fuse everything again
            fusion.fuse(store)
    finally:
        fusion._judge = original


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
    parser.add_argument("--folds", type=Path, metavar="DIR", help="fuse DB again first (in place), each body"
                        " judged by the model learned without its story: DIR/stance0.npz .. stance4.npz")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.write_jsonl:
        write_jsonl(args.fnc, args.write_jsonl[0], Path(args.write_jsonl[1]), args.limit)
        return
    pairs = read_pairs(args.fnc / "train_stances.csv")
    if args.folds:
        refuse_with_folds(args.db, args.folds, pairs)
    story = stories(pairs)
    result = shares(args.db, story) | deny_sides(args.db, body_stances(pairs)) | labels(args.db, pairs, story) \
        | aligned_deny_sides(args.db, pairs)
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
