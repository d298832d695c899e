"""Rebuild ``src/newsgraph/fusion/data/stance.npz``: the stance model of ``fusion/stance.py``.

    .venv/bin/pip install -e ".[learn]"
    .venv/bin/python tools/learn_stance.py [--fnc ../shared/eval/stance/fnc1-train]
                                           [--polnear ../shared/eval/attribution/polnear-train]

Learns only on the ``tune`` part of the FNC-1 training set (bodies split by a fixed hash,
``evaluate.stance.part_of``); the ``heldout`` part is never read here. Steps:

1. vocabulary and inverse document frequencies over the tuning bodies and headlines and the
   PolNeAR training articles (words in at least 3 documents, the most frequent VOCAB kept);
2. LSA word vectors: the truncated SVD (DIMS dimensions) of their TF-IDF matrix;
3. two networks with one hidden layer (scikit-learn MLPClassifier, fixed seed) on the features of
   the tuning pairs: related or not (every pair), agree/disagree/discuss (the related ones);
   biases on their log-odds are first chosen on a fixed fifth of the stories, set aside
   (learned on the other stories), to maximise the mean of the FNC score and macro-F1 on
   stories the model has not seen; then both networks are learned again on every tuning pair.
4. on those set-aside stories, prints the figures of the gate of ``stance.decide`` (an agree or
   disagree needs a sentence that states the claim) for a grid of its two thresholds.

The weights are stored as float16 (float32 for the small ones); the file is about 1.2 MB.

    .venv/bin/python tools/learn_stance.py --dispute DIR [--fnc ...]

learns instead the dispute reader of ``fusion/dispute.py`` (``fusion/data/dispute.json``) from
the five models learned without each fold's stories (``--leave-out K --out DIR/stanceK.npz``):
each tuning pair whose claim is plain (no negation nor refutation) and that the model of its
fold reads as related gives the reader's features, with that model's probabilities, as on a
story never seen. A logistic regression (C = DISPUTE_C) learns FNC-1's disagree from them;
each fold's pairs are scored by the one learned on the other four, and those scores choose the
threshold (the best F0.5 of the rows shown: a refuting sentence and a score from the threshold,
or an opening denial) and the calibration (bins of the refuted pairs' scores, made monotone);
the reader shipped is learned on all.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import itertools
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from newsgraph.evaluate.stance import part_of, read_bodies, read_pairs, score  # noqa: E402
from newsgraph.fusion import stance as st  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "fusion" / "data" / "stance.npz"
DISPUTE_OUT = OUT.with_name("dispute.json")
VOCAB, DIMS, HIDDEN = 15_000, 48, 64
SEED = 20261207


def _documents(bodies: dict[str, str], headlines: list[str], polnear: Path | None) -> list[list[str]]:
    docs = [st.tokens(t) for t in bodies.values()] + [st.tokens(h) for h in headlines]
    if polnear and (polnear / "text").exists():
        docs += [st.tokens(p.read_text("utf-8", errors="replace")) for p in sorted((polnear / "text").glob("*.txt"))]
    return docs


def _vocabulary(docs: list[list[str]]) -> tuple[list[str], np.ndarray]:
    df = Counter(w for d in docs for w in set(d))
    words = sorted((w for w, n in df.items() if n >= 3), key=lambda w: (-df[w], w))[:VOCAB]
    idf = np.array([np.log((len(docs) + 1) / (df[w] + 1)) + 1.0 for w in words])
    return words, idf


def _lsa(docs: list[list[str]], words: list[str], idf: np.ndarray) -> np.ndarray:
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import TruncatedSVD

    index = {w: i for i, w in enumerate(words)}
    rows, cols, vals = [], [], []
    for r, d in enumerate(docs):
        counts = Counter(index[w] for w in d if w in index)
        weights = {i: (1 + np.log(c)) * idf[i] for i, c in counts.items()}
        norm = np.sqrt(sum(v * v for v in weights.values())) or 1.0
        for i, v in weights.items():
            rows.append(r), cols.append(i), vals.append(v / norm)
    matrix = csr_matrix((vals, (rows, cols)), shape=(len(docs), len(words)))
    svd = TruncatedSVD(DIMS, random_state=SEED).fit(matrix)
    return svd.components_.T.astype(np.float32)


def _model(words, idf, lsa, mean=None, scale=None, nets=None, bias=None) -> st.Model:
    n = st.N_FEATURES
    related, stances = nets or ((), ())
    return st.Model({w: i for i, w in enumerate(words)}, idf, lsa,
                    np.zeros(n) if mean is None else mean, np.ones(n) if scale is None else scale,
                    tuple(zip(related.coefs_, related.intercepts_)) if related else (),
                    tuple(zip(stances.coefs_, stances.intercepts_)) if stances else (),
                    np.zeros(4) if bias is None else bias)


def _features(pairs, bodies, model) -> np.ndarray:
    articles = {b: st.prepare_article(bodies[b], model) for b in {p.body_id for p in pairs}}
    claims = {h: st.claim_text(h, model) for h in {p.headline for p in pairs}}
    return np.stack([st.features(claims[p.headline], articles[p.body_id], model)[0] for p in pairs])


def _stories(pairs) -> dict[str, str]:
    """Story of each headline and body ("h:" / "b:" keys), see evaluate.stance.stories."""
    from newsgraph.evaluate.stance import stories

    return stories(pairs)


def _set_aside(pairs) -> tuple[np.ndarray, np.ndarray]:
    """A fixed fifth of the stories, set aside to choose the class biases and to see how the
    model does on stories it has never seen (the competition test set has new stories):
    (learn on, judge on) masks; pairs that mix a set-aside story with a kept one are in neither."""
    story = _stories(pairs)

    def aside(key: str) -> bool:
        return hashlib.sha1(f"story/{story[key]}".encode()).digest()[0] % 5 == 0

    h = np.array([aside("h:" + p.headline) for p in pairs])
    b = np.array([aside("b:" + p.body_id) for p in pairs])
    return ~h & ~b, h & b


FOLDS = 5


def fold_of(story: str) -> int:
    """The fold (of FOLDS) of a story of the tuning part (see ``evaluate.stance.stories``)."""
    return hashlib.sha1(f"fold/{story}".encode()).digest()[0] % FOLDS


def _without_fold(pairs, bodies: dict[str, str], fold: int) -> tuple[list, dict[str, str]]:
    """The pairs and bodies none of whose stories is in ``fold``."""
    story = _stories(pairs)
    out = {k for k, s in story.items() if fold_of(s) == fold}
    kept = [p for p in pairs if "h:" + p.headline not in out and "b:" + p.body_id not in out]
    return kept, {b: t for b, t in bodies.items() if "b:" + b not in out}


def _net(x: np.ndarray, y: np.ndarray):
    from sklearn.neural_network import MLPClassifier

    return MLPClassifier(hidden_layer_sizes=(HIDDEN,), alpha=1e-3, batch_size=256, learning_rate_init=1e-3,
                         max_iter=80, early_stopping=True, n_iter_no_change=5, random_state=SEED).fit(x, y)


def _fit(x: np.ndarray, y: np.ndarray) -> tuple:
    """(related or not on the dense features, the stance of the related pairs on all)."""
    unrelated = st.LABELS.index("unrelated")
    related = _net(x, (y != unrelated).astype(int))
    return related, _net(x[y != unrelated], y[y != unrelated])


def _bias(x: np.ndarray, gold: list[str], model: st.Model) -> np.ndarray:
    """Additions to the stances' log-odds (agree, disagree) and to the log-odds of being
    related that best balance FNC score and macro-F1."""
    grid = [-0.5, 0.0, 0.5, 1.0, 1.5, 2.0]
    best, chosen, kept = -1.0, np.zeros(4), {}
    for agree, disagree, related in itertools.product(grid, grid, [-1.0, -0.5, 0.0, 0.5, 1.0]):
        bias = np.array([agree, disagree, 0.0, related])
        p = st.predict(x, dataclasses.replace(model, bias=bias))
        s = score(gold, [st.LABELS[i] for i in p.argmax(axis=1)])
        value = (s["fnc_score"] + s["macro_f1"]) / 2
        if value > best:
            best, chosen, kept = value, bias, s
    unbiased = score(gold, [st.LABELS[i] for i in st.predict(x, model).argmax(axis=1)])
    print(f"set-aside part of tune, no bias: {unbiased}", file=sys.stderr)
    print(f"bias {chosen.tolist()}: {kept}", file=sys.stderr)
    return chosen


def _gate(pairs, held: np.ndarray, bodies: dict[str, str], x: np.ndarray, model: st.Model) -> None:
    """Print the figures on the set-aside stories of the gate of ``stance.decide`` (an agree or
    disagree whose article has no sentence that states the claim only discusses it) for a grid
    of its two thresholds (share of the claim's weight a sentence repeats, LSA cosine), so that
    ``_CARRIES_WORDS`` and ``_CARRIES_MEANING`` can be chosen there (0.0 0.0: no gate)."""
    articles = {b: st.prepare_article(bodies[b], model) for b in {pairs[i].body_id for i in held}}
    claims = {h: st.claim_text(h, model) for h in {pairs[i].headline for i in held}}
    gold = [pairs[i].stance for i in held]
    p = st.predict(x[held], model)
    read = []
    for i, pr in zip(held, p):
        claim, article = claims[pairs[i].headline], articles[pairs[i].body_id]
        order = st.features(claim, article, model)[1]
        label = st._most_probable(pr, claim, article, order, model)
        words = max((st._cover(claim, set(article.sentences[int(j)].ids), model) for j in order[:3]), default=0.0)
        meaning = float((article.sentence_matrix @ claim.lsa).max(initial=0.0)) if len(order) else 0.0
        read.append((label, words, meaning))
    for words, meaning in [(0.0, 0.0)] + list(itertools.product([0.4, 0.5, 0.6], [0.6, 0.65, 0.7, 0.75, 0.8])):
        labels = [2 if label in (0, 1) and w < words and m < meaning else label for label, w, m in read]
        s = score(gold, [st.LABELS[k] for k in labels])
        print(f"gate words {words} meaning {meaning}: FNC {s['fnc_score']} macro-F1 {s['macro_f1']}", file=sys.stderr)


DISPUTE_C = 0.01  # strength of the dispute reader's regression (0.1 and 1.0: lower average precision by fold)


def _dispute_data(fnc: Path, folds: Path) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, disagree or not, fold) of the plain-claim tuning pairs read as related by the
    model learned without their story."""
    from newsgraph.fusion import dispute as dp

    bodies = read_bodies(fnc / "train_bodies.csv")
    pairs = [p for p in read_pairs(fnc / "train_stances.csv") if part_of(p.body_id) == "tune"]
    story = _stories(pairs)
    models = [st.load_model(folds / f"stance{k}.npz") for k in range(FOLDS)]
    articles: dict = {}
    claims: dict = {}
    rows, gold, fold = [], [], []
    for p in pairs:
        k = fold_of(story.get("b:" + p.body_id, "b:" + p.body_id))
        model = models[k]
        article = articles.get((k, p.body_id)) or articles.setdefault((k, p.body_id), st.prepare_article(bodies[p.body_id], model))
        claim = claims.get((k, p.headline)) or claims.setdefault((k, p.headline), st.claim_text(p.headline, model))
        if not dp.plain(claim):
            continue
        x, order = st.features(claim, article, model)
        probabilities = st.predict(x[None, :], model)[0]
        if st.decide(probabilities, claim, article, order, model) == 3:
            continue
        rows.append(dp.dispute_features(claim, article, order, probabilities, model))
        gold.append(p.stance == "disagree")
        fold.append(k)
    return np.stack(rows), np.array(gold, dtype=int), np.array(fold)


def _regression(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, object]:
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    return mean, scale, LogisticRegression(C=DISPUTE_C, max_iter=5000).fit((x - mean) / scale, y)


CALIBRATION_BIN = 60  # pairs in each bin of the dispute reader's calibration, from the highest scores down


def _calibration(scores: np.ndarray, y: np.ndarray) -> list[list[float]]:
    """(mean score, share that disagree) of bins of CALIBRATION_BIN pairs from the highest
    scores down (the rest in one), made monotone by pooling neighbours (pool adjacent
    violators): a step learned from a handful of pairs at the top would promise too much."""
    order = np.argsort(-scores, kind="stable")
    bins = [order[i:i + CALIBRATION_BIN] for i in range(0, len(order), CALIBRATION_BIN)]
    pooled: list[list[float]] = []  # [sum of scores, sum of disagree, n], highest scores first
    for b in bins:
        pooled.append([float(scores[b].sum()), float(y[b].sum()), float(len(b))])
        while len(pooled) > 1 and pooled[-1][1] / pooled[-1][2] > pooled[-2][1] / pooled[-2][2]:
            last = pooled.pop()
            pooled[-1] = [a + b for a, b in zip(pooled[-1], last)]
    pooled.reverse()
    for total, hits, n in pooled[::-1][:6]:
        print(f"calibration: {int(n)} pairs, mean score {total / n:.3f}, disagree {hits / n:.3f}", file=sys.stderr)
    return [[round(t / n, 4) for t, _, n in pooled], [round(h / n, 4) for _, h, n in pooled]]


def learn_dispute(fnc: Path, folds: Path, out: Path) -> None:
    """Learn and write the dispute reader (see the module's docstring)."""
    from newsgraph.fusion import dispute as dp

    x, y, fold = _dispute_data(fnc, folds)
    scores = np.zeros(len(y))
    readers = []
    for k in range(FOLDS):
        mean, scale, net = _regression(x[fold != k], y[fold != k])
        scores[fold == k] = net.predict_proba((x[fold == k] - mean) / scale)[:, 1]
        readers.append((mean, scale, net))
    refuted = x[:, dp.NAMES.index("refuted")] > 0
    denied = x[:, dp.NAMES.index("denied")] > 0
    best, threshold = -1.0, 0.5
    for t in np.arange(0.05, 0.61, 0.025):
        shown = refuted & (scores >= t) | denied
        p, r = (y[shown].mean() if shown.any() else 0.0), y[shown].sum() / max(1, y.sum())
        f = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
        print(f"threshold {t:.3f}: shown {shown.sum():4d} P {100 * p:5.1f} R {100 * r:5.1f} F0.5 {100 * f:5.1f}",
              file=sys.stderr)
        if f > best:
            best, threshold = f, round(float(t), 3)
    calibration = _calibration(scores[refuted], y[refuted])
    denied_rate = round(float(y[denied].mean()), 4) if denied.any() else 0.0
    print(f"articles that open on a denial of the claim: {int(denied.sum())}, disagree {denied_rate}", file=sys.stderr)

    def write(path: Path, mean, scale, net, pairs: str) -> None:
        data = {"names": list(dp.NAMES), "mean": mean.tolist(), "scale": scale.tolist(),
                "weights": net.coef_[0].tolist(), "bias": float(net.intercept_[0]), "threshold": threshold,
                "calibration": calibration, "denied": denied_rate, "learned_on": pairs}
        path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")

    for k, reader in enumerate(readers):  # for tools/check_eval.py --folds: each fold read by a reader learned without it
        write(folds / f"dispute{k}.json", *reader, f"the tuning pairs of the folds other than {k}")
    write(out, *_regression(x, y), f"{len(y)} plain-claim FNC-1 tuning pairs read as related ({int(y.sum())} disagree)")
    print(f"threshold {threshold}; wrote {out} and {folds}/dispute0..{FOLDS - 1}.json", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fnc", type=Path, default=Path("../shared/eval/stance/fnc1-train"))
    parser.add_argument("--polnear", type=Path, default=Path("../shared/eval/attribution/polnear-train"))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--leave-out", type=int, metavar="K", help=f"learn without the stories of fold K of"
                        f" {FOLDS} (see fold_of): a model to judge those stories' bodies with (tools/story_threads.py"
                        " --folds)")
    parser.add_argument("--dispute", type=Path, metavar="DIR", help="learn the dispute reader"
                        " (fusion/data/dispute.json) from the fold models DIR/stance0.npz .. stance4.npz")
    args = parser.parse_args()
    if args.dispute:
        learn_dispute(args.fnc, args.dispute, DISPUTE_OUT if args.out == OUT else args.out)
        return
    bodies = read_bodies(args.fnc / "train_bodies.csv")
    pairs = [p for p in read_pairs(args.fnc / "train_stances.csv") if part_of(p.body_id) == "tune"]
    bodies = {b: t for b, t in bodies.items() if part_of(b) == "tune"}
    if args.leave_out is not None:
        pairs, bodies = _without_fold(pairs, bodies, args.leave_out)
    docs = _documents(bodies, sorted({p.headline for p in pairs}), args.polnear)
    words, idf = _vocabulary(docs)
    lsa = _lsa(docs, words, idf)
    plain = _model(words, idf, lsa)
    x = _features(pairs, bodies, plain)
    y = np.array([st.LABELS.index(p.stance) for p in pairs])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-6
    learn, held = _set_aside(pairs)
    first = _fit((x[learn] - mean) / scale, y[learn])
    bias = _bias(x[held], [st.LABELS[i] for i in y[held]], _model(words, idf, lsa, mean, scale, first))
    _gate(pairs, np.flatnonzero(held), bodies, x, _model(words, idf, lsa, mean, scale, first, bias))
    final = _fit((x - mean) / scale, y)
    _save(args.out, words, idf, lsa, mean, scale, final, bias)
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB) from {len(pairs)} pairs, {len(bodies)} bodies",
          file=sys.stderr)


def _save(path: Path, words, idf, lsa, mean, scale, nets, bias) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    layers = {}
    for name, net in zip(("related", "stances"), nets):
        layers[f"{name}_layers"] = np.array(len(net.coefs_))
        layers |= {f"{name}_w{i}": w.astype(np.float16) for i, w in enumerate(net.coefs_)}
        layers |= {f"{name}_b{i}": b.astype(np.float32) for i, b in enumerate(net.intercepts_)}
    np.savez_compressed(path, vocab=np.array(words), idf=idf.astype(np.float32), lsa=lsa.astype(np.float16),
                        mean=mean.astype(np.float32), scale=scale.astype(np.float32),
                        bias=bias.astype(np.float32), **layers)


if __name__ == "__main__":
    main()
