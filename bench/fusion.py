"""Benchmark of ``newsgraph.fusion.fuse``: threads for synthetic claims, 10,000 to 100,000.

    /work/venv/bin/python bench/fusion.py [--sizes 10000,20000,50000,100000] [--per-day 100]

Synthetic data: propositions (two countries, an object and a predicate concept, two rare
words) restated by ~10 claims each in varied wording (synonyms, demonyms vs names, asserts or
denies) in articles of 5 claims, at a constant rate of ``--per-day`` claims a day, so a larger
corpus spans a longer period, as real news does. Blocking by entity x concept keys and a
date window keeps the cost near-linear. Prints one row per size (wall seconds, and the CPU
seconds of this process, which other jobs on a shared machine disturb less), then an
incremental step (1% more claims on the largest store).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import time

from newsgraph.fusion.fuse import fuse
from newsgraph.fusion.tables import insert
from newsgraph.store import open_store

OBJECTS = [["troops", "soldiers", "officers"], ["weapons", "missiles", "munitions"], ["drones", "aircraft", "jets"],
           ["agreement", "treaty", "pact"]]
PREDICATES = [["deployed", "sent", "transferred"], ["crossed into", "entered", "violated"], ["attacked", "struck", "hit"]]


def _countries() -> list[tuple[str, str]]:
    """(ISO3, name) of every country of the shipped table whose name the gazetteer knows."""
    from newsgraph.fusion.lexicon import lexicon

    lex = lexicon()
    return sorted((code, name) for code, name in lex.country_name.items()
                  if lex.country_of.get(name.lower()) == code and "," not in name)


COUNTRIES = _countries()
WORDS = [f"{a}{b}{c}" for a in "bcdfgklmnprstvz" for b in "aeiou" for c in "lmnrst"][:2000]


def _propositions(n: int, rng: random.Random) -> list[dict]:
    out = []
    for _ in range(n):
        a, b = rng.sample(range(len(COUNTRIES)), 2)
        out.append({"a": a, "b": b, "obj": rng.randrange(len(OBJECTS)), "pred": rng.randrange(len(PREDICATES)),
                    "words": rng.sample(WORDS, 3)})
    return out


def _claim_text(p: dict, rng: random.Random) -> str:
    a, b = COUNTRIES[p["a"]][1], COUNTRIES[p["b"]][1]
    return (f"{a} {rng.choice(OBJECTS[p['obj']])} {rng.choice(PREDICATES[p['pred']])} {b} "
            f"{' '.join(p['words'])}")


def build(store, n_claims: int, per_day: int, seed: int = 1, start_id: int = 0, start_day: int = 0) -> None:
    """Insert ``n_claims`` synthetic claims (5 per article) straight into the tables."""
    rng = random.Random(seed)
    props = _propositions(max(1, n_claims // 10), rng)
    first = dt.date(2020, 1, 1).toordinal() + start_day
    articles, claims = [], []
    for k in range(n_claims // 5):
        aid = f"syn-{start_id + k}"
        day = dt.date.fromordinal(first + (k * 5) // per_day + rng.randrange(3))
        parts, text = [], ""
        for _ in range(5):
            p = props[min(len(props) - 1, (k * 5) // 10 + rng.randrange(-20, 20)) % len(props)]
            t = _claim_text(p, rng)
            start = len(text)
            text += t + ". "
            parts.append((p, t, start))
        articles.append({"id": aid, "text": text, "text_hash": hashlib.sha1(text.encode()).hexdigest(),
                         "date": day.isoformat(), "day": day, "date_source": "field", "title": None, "url": None,
                         "source": f"outlet-{rng.randrange(200)}", "origin": "bench", "copy_of": None})
        for j, (p, t, start) in enumerate(parts):
            claims.append({"id": f"cla_{aid}_{j}", "article_id": aid, "sentence": j, "start_char": start,
                           "end_char": start + len(t), "text": t, "extractor": "bench", "version": "1",
                           "claimant_id": f"act:country-{COUNTRIES[p['a']][0]}-GOV", "claimant": COUNTRIES[p["a"]][1],
                           "about": f'["act:country-{COUNTRIES[p["a"]][0]}-GOV", "act:country-{COUNTRIES[p["b"]][0]}-GOV"]',
                           "time": None, "stance": "denies" if rng.random() < 0.2 else "asserts",
                           "certainty": "certain", "hedges": "[]", "conditional": False, "evidence": "[]",
                           "attribution_id": None})
    insert(store, "articles", articles)
    insert(store, "claims", claims)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,20000,50000,100000")
    parser.add_argument("--per-day", type=int, default=100)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'claims':>8} {'articles':>8} {'threads':>8} {'multi':>7} {'links':>8} {'seconds':>8} {'us/claim':>9}"
          f" {'cpu s':>7}")
    base = None
    for n in sizes:
        store = open_store(":memory:")
        build(store, n, args.per_day)
        started, cpu = time.perf_counter(), time.process_time()
        summary = fuse(store)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
        multi = store.query("SELECT count(*) AS n FROM threads WHERE n_members > 1")[0]["n"]
        print(f"{n:>8} {n // 5:>8} {summary.threads:>8} {multi:>7} {summary.links_added:>8} {seconds:>8.1f}"
              f" {seconds / n * 1e6:>9.0f} {cpu:>7.1f}", flush=True)
        base = base or (n, seconds)
        if n == sizes[-1]:
            extra = max(5, n // 100)
            build(store, extra, args.per_day, seed=2, start_id=n, start_day=n // args.per_day - 30)
            started = time.perf_counter()
            step = fuse(store)
            print(f"incremental: +{extra} claims on {n}: {time.perf_counter() - started:.1f} s "
                  f"({step.items_added} items, {step.threads_changed} threads changed)")
        store.close()
    if len(sizes) > 1:
        print(f"cost growth {sizes[0]} -> {sizes[-1]}: x{seconds / base[1]:.1f} for x{sizes[-1] / base[0]:.0f} claims")


if __name__ == "__main__":
    main()
