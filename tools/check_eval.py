"""How right `newsgraph check` is on real articles: FNC-1 headlines checked against bodies.

    .venv/bin/python tools/check_eval.py DB [--fnc ../shared/eval/stance/fnc1-train] [--json]
    .venv/bin/python tools/check_eval.py --folds DIR [--fnc ...] [--json]
    .venv/bin/python tools/check_eval.py TUNE_DB --folds DIR [--rows OUT.jsonl] [--judged FILE]

DB holds FNC-1 bodies analysed as articles ``fnc-<Body ID>`` (make it with
``tools/story_threads.py --write-jsonl PART OUT.jsonl [--limit N]`` and ``newsgraph analyze``).
Each headline related to a body of DB is checked as a claim; a body that `check` lists is
predicted with its stance (asserts = agree, denies = disagree, discusses = discuss), one it
does not list as unrelated, and compared with the FNC-1 label of the pair. Printed per label:
precision and recall.

Session 5 tried deciding an article by its stored claims when they state the headline (a source
asserts it -> asserts, denies it -> denies, both -> discusses). On the held-out bodies it was
worse: agree precision 50.3 -> 45.6, discuss 81.4 -> 78.6, because FNC-1 labels the article, and
an article that reports a source asserting the rumour mostly "discusses" it (of 159 such
articles, 128 discuss and 31 agree). `check` keeps the article-level reading.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsgraph.errors import InputError  # noqa: E402
from newsgraph.evaluate.stance import read_pairs  # noqa: E402
from newsgraph.fusion.check import check  # noqa: E402
from newsgraph.store import open_store  # noqa: E402

LABEL = {"asserts": "agree", "denies": "disagree", "discusses": "discuss"}
def claim_key(headline: str) -> str:
    """How a judged row names its claim (the FNC-1 headline is not copied)."""
    return hashlib.sha1(headline.encode("utf-8")).hexdigest()[:12]


def predictions(db: Path, pairs, folds: Path | None = None, rows: list | None = None) -> list[tuple[str, str]]:
    """(gold, predicted) for every pair whose body is in DB. With ``folds``, each headline is
    checked with the stance model and dispute reader learned without its story (DB then holds
    tuning bodies). Each row `check` lists is added to ``rows`` (a list) when given."""
    read_with = _fold_readers(folds, pairs) if folds else None
    with open_store(db, read_only=True) as store:
        bodies = {r["id"][4:] for r in store.query("SELECT id FROM articles WHERE id LIKE 'fnc-%'")}
        by_headline: dict[str, dict[str, str]] = {}
        for p in pairs:
            if p.body_id in bodies:
                by_headline.setdefault(p.headline, {})[p.body_id] = p.stance
        out = []
        for headline, gold in sorted(by_headline.items()):
            if all(label == "unrelated" for label in gold.values()):
                continue
            try:
                found = check(store.con, headline, **(read_with(headline) if read_with else {}))
            except InputError:
                continue
            said = {r["article_id"][4:]: LABEL[r["stance"]] for r in found["articles"]}
            out += [(label, said.get(body, "unrelated")) for body, label in gold.items()]
            if rows is not None:
                rows += [{"body": r["article_id"][4:], "claim": claim_key(headline), "stance": r["stance"],
                          "start": r["start"], "end": r["end"], "speaker": r["speaker"], "confidence": r["confidence"],
                          "gold": gold.get(r["article_id"][4:], "unrelated")} for r in found["articles"]]
    return out


def _fold_readers(folds: Path, pairs):
    """headline -> the model and reader learned without its story (its fold's)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import learn_stance
    from newsgraph.evaluate.stance import part_of
    from newsgraph.fusion import stance as st
    from newsgraph.fusion.dispute import load_reader

    story = learn_stance._stories([p for p in pairs if part_of(p.body_id) == "tune"])
    models = [st.load_model(folds / f"stance{k}.npz") for k in range(learn_stance.FOLDS)]
    readers = [load_reader(folds / f"dispute{k}.json") for k in range(learn_stance.FOLDS)]

    def read_with(headline: str) -> dict:
        k = learn_stance.fold_of(story.get("h:" + headline, "h:" + headline))
        return {"model": models[k], "reader": readers[k]}

    return read_with


def judged(rows: list[dict], path: Path) -> dict[str, dict[str, float]]:
    """The rows judged by hand (``path``, tools/data/check_denials.jsonl: JSON Lines of round,
    body, claim key, span, ``denies``: does the row rightly show a denial of the claim as worded,
    by its speaker or by the article, and ``speaker_right``: is the speaker shown the one who
    denies) against the rows `check` lists now, per round: of the judged rows still shown
    denying, how many are right, and of those how many name the right speaker."""
    shown = {(r["body"], r["claim"]): r for r in rows}
    out: dict[str, dict[str, float]] = {}
    for line in path.read_text("utf-8").splitlines():
        j = json.loads(line)
        tally = out.setdefault(j["round"], {"right": 0, "wrong": 0, "speaker_right": 0, "no_longer_denies": 0})
        now = shown.get((j["body"], j["claim"]))
        if not now or now["stance"] != "denies":
            tally["no_longer_denies"] += 1
        elif j["denies"]:
            tally["right"] += 1
            tally["speaker_right"] += j["speaker_right"]
        else:
            tally["wrong"] += 1
    for tally in out.values():
        n = tally["right"] + tally["wrong"]
        tally["precision"] = round(100.0 * tally["right"] / n, 1) if n else 0.0
    return out


def fold_predictions(fnc: Path, folds: Path) -> list[tuple[str, str]]:
    """(gold, shown) for every pair of the tuning bodies, each read by the model learned without
    its story and by the dispute reader learned without its fold (DIR/disputeK.json, written by
    ``tools/learn_stance.py --dispute DIR``)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import learn_stance
    from newsgraph.evaluate.stance import part_of, read_bodies
    from newsgraph.fusion import stance as st

    bodies = read_bodies(fnc / "train_bodies.csv")
    pairs = [p for p in read_pairs(fnc / "train_stances.csv") if part_of(p.body_id) == "tune"]
    story = learn_stance._stories(pairs)
    from newsgraph.fusion.dispute import load_reader

    models = [st.load_model(folds / f"stance{k}.npz") for k in range(learn_stance.FOLDS)]
    readers = [load_reader(folds / f"dispute{k}.json") for k in range(learn_stance.FOLDS)]
    articles: dict = {}
    claims: dict = {}
    out = []
    for p in pairs:
        k = learn_stance.fold_of(story.get("b:" + p.body_id, "b:" + p.body_id))
        if (k, p.body_id) not in articles:
            articles[(k, p.body_id)] = st.prepare_article(bodies[p.body_id], models[k])
        if (k, p.headline) not in claims:
            claims[(k, p.headline)] = st.claim_text(p.headline, models[k])
        out.append((p.stance, st.stance_of(claims[(k, p.headline)], articles[(k, p.body_id)], models[k], readers[k]).side))
    return out


def scores(pairs: list[tuple[str, str]]) -> dict[str, dict[str, float]]:
    tally = Counter(pairs)
    out = {}
    for label in ("agree", "disagree", "discuss"):
        tp = tally[(label, label)]
        predicted = sum(n for (g, p), n in tally.items() if p == label)
        gold = sum(n for (g, p), n in tally.items() if g == label)
        out[label] = {"precision": round(100.0 * tp / predicted, 1) if predicted else 0.0,
                      "recall": round(100.0 * tp / gold, 1) if gold else 0.0, "predicted": predicted, "gold": gold}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path, nargs="?")
    parser.add_argument("--folds", type=Path, metavar="DIR", help="read the tuning pairs with the models learned"
                        " without their story (DIR/stance0.npz .. stance4.npz) instead of checking DB")
    parser.add_argument("--fnc", type=Path, default=Path("../shared/eval/stance/fnc1-train"))
    parser.add_argument("--rows", type=Path, metavar="OUT", help="with DB: write each row `check` lists (JSON Lines:"
                        " body, claim key, stance, span, speaker, confidence, FNC-1 label; no text)")
    parser.add_argument("--judged", type=Path, metavar="FILE", help="with DB: also score the rows judged by hand"
                        " (tools/data/check_denials.jsonl)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    listed: list = []
    if args.db:  # with --folds: the tuning bodies' store, each headline checked as on an unseen story
        result = scores(predictions(args.db, read_pairs(args.fnc / "train_stances.csv"), args.folds, listed))
    elif args.folds:
        result = scores(fold_predictions(args.fnc, args.folds))
    else:
        parser.error("give DB or --folds DIR")
    if args.rows:
        args.rows.write_text("".join(json.dumps(r) + "\n" for r in listed), "utf-8")
    if args.judged:
        result["judged"] = judged(listed, args.judged)
    if args.json:
        print(json.dumps(result))
        return
    for label, r in result.items():
        if label == "judged":
            for name, tally in r.items():
                print(f"judged round {name}: " + " ".join(f"{k} {v}" for k, v in tally.items()))
            continue
        print(f"{label:9} P {r['precision']:5} R {r['recall']:5}  predicted {r['predicted']:5}  gold {r['gold']:5}")


if __name__ == "__main__":
    main()
