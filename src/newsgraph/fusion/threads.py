"""Threads from links: deterministic components (independent of input order) and the summary
of one thread (first/last seen, claimants by stance, certainty over time, independent sources)."""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from . import stance as st

from ..records import content_id, json_encoder

__all__ = ["Judge", "UnionFind", "articles_to_read", "claimant_name", "components", "event_label", "first_seen", "forget_texts", "independent_sources", "summarize",
           "thread_id", "thread_name"]

_LAST = "9999-12-31"


class UnionFind:
    """Union-find whose representative is always the smallest key: the result of a set of
    unions does not depend on their order."""

    def __init__(self) -> None:
        self.parent: dict[Any, Any] = {}

    def find(self, x: Any) -> Any:
        parent = self.parent.setdefault(x, x)
        if parent != x:
            parent = self.parent[x] = self.find(parent)
        return parent

    def union(self, a: Any, b: Any) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo

    def groups(self) -> dict[Any, list[Any]]:
        out: dict[Any, list[Any]] = defaultdict(list)
        for x in list(self.parent):
            out[self.find(x)].append(x)
        return out


def components(strong: Mapping[str, bool], links: Iterable[tuple[str, str, float]],
               min_density: float = 0.0, free_pairs: int = 0) -> list[list[str]]:
    """Group items. Strong items are joined by their links, strongest first (ties by ids, so the
    result does not depend on the links' order), as long as the two groups are linked as a whole:
    once they would make more than ``free_pairs`` member pairs, at least ``min_density`` of those
    pairs must be linked (average link), so a chain of links through one member each (A-Watch
    price ~ Watch ~ Watch battery) does not join two stories; with ``min_density`` 0 every link
    joins (single link). A weak item (a vague claim such as "denied involvement", or one mixing
    several objects) joins the one group whose links to it add up to most, so that it never
    bridges two groups; weak items with no strong link group among themselves."""
    uf = UnionFind()
    for item in strong:
        uf.find(item)
    weak_links: dict[str, list[tuple[float, str]]] = defaultdict(list)
    weak_pairs, strong_links = [], []
    for a, b, s in links:
        if a not in strong or b not in strong:
            continue
        if strong[a] and strong[b]:
            strong_links.append((a, b, s))
        elif strong[a] or strong[b]:
            weak, other = (b, a) if strong[a] else (a, b)
            weak_links[weak].append((s, other))
        else:
            weak_pairs.append((a, b))
    _join(uf, strong_links, min_density, free_pairs)
    attached = {}
    for weak, options in weak_links.items():
        support: dict[str, float] = defaultdict(float)
        for s, other in options:
            support[uf.find(other)] += s
        attached[weak] = min(support, key=lambda root: (-round(support[root], 6), root))
    for a, b in weak_pairs:
        if a not in attached and b not in attached:
            uf.union(a, b)
    for weak, target in sorted(attached.items()):
        uf.union(weak, target)
    return [sorted(group) for group in uf.groups().values()]


def _join(uf: UnionFind, links: list[tuple[str, str, float]], min_density: float, free_pairs: int) -> None:
    """Union the ends of ``links`` (strongest first) while their groups are linked as a whole
    (see :func:`components`). ``between[g][h]`` counts the links between groups g and h; the
    smaller group (members and neighbours) is folded into the other, so the work stays near-linear."""
    if not min_density:
        for a, b, _ in links:
            uf.union(a, b)
        return
    group = {x: x for a, b, _ in links for x in (a, b)}
    members = {x: [x] for x in group}
    between: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for a, b, _ in links:
        between[a][b] += 1
        between[b][a] += 1
    for a, b, _ in sorted(links, key=lambda link: (-link[2], link[0], link[1])):
        ga, gb = group[a], group[b]
        pairs = len(members[ga]) * len(members[gb])
        if ga == gb or (pairs > free_pairs and between[ga][gb] < min_density * pairs):
            continue
        keep, gone = (ga, gb) if len(between[ga]) + len(members[ga]) >= len(between[gb]) + len(members[gb]) else (gb, ga)
        _fold(between, keep, gone)
        for x in members[gone]:
            group[x] = keep
        members[keep] += members.pop(gone)
    for key, found in members.items():
        for x in found:
            uf.union(key, x)


def _fold(between: dict[str, dict[str, int]], keep: str, gone: str) -> None:
    """Group ``gone`` joins ``keep``: its links to other groups become ``keep``'s."""
    mine, theirs = between[keep], between.pop(gone)
    mine.pop(gone, None)
    theirs.pop(keep, None)
    for other, n in theirs.items():
        mine[other] += n
        row = between[other]
        row[keep] = row.get(keep, 0) + row.pop(gone)


def thread_id(kind: str, members: Sequence[Mapping[str, Any]]) -> str:
    """Named after the first-seen member: stable while later reports are added."""
    first = min(members, key=lambda m: (str(m.get("day") or _LAST), m["item_id"]))
    return thread_name(kind, first["item_id"])


def first_seen(items: Iterable[str], day: Mapping[str, Any]) -> str:
    """The item :func:`thread_id` names a thread after, from item ids and their days."""
    return min(items, key=lambda i: (str(day[i] or _LAST), i))


@lru_cache(maxsize=65_536)  # each thread is named when grouped and again when summarised
def thread_name(kind: str, first_item_id: str) -> str:
    """The id of the ``kind`` thread whose first-seen member is ``first_item_id``."""
    return content_id("thr", kind, first_item_id)


def independent_sources(members: Iterable[Mapping[str, Any]]) -> int:
    """Distinct sources: syndicated copies (one cluster) and one outlet's repeats count once."""
    uf = UnionFind()
    for m in members:
        node = ("article", m["article_id"])
        uf.find(node)
        uf.union(node, ("cluster", m.get("cluster_id") or m["article_id"]))
        if m.get("source"):
            uf.union(node, ("outlet", str(m["source"]).strip().lower()))
    return len(uf.groups())


def _order(m: Mapping[str, Any]) -> tuple:
    """Date order; on one day an original before its copies."""
    copy = m.get("cluster_relation") not in (None, "original")
    return (str(m.get("day") or _LAST), copy, m["article_id"], m.get("start_char") or 0, m["item_id"])


def _is_author(m: Mapping[str, Any]) -> bool:
    return m.get("claimant_id") in (None, "", "author") and m.get("claimant") in (None, "", "author")


def _claimant_key(m: Mapping[str, Any]) -> str:
    if _is_author(m):
        return "author:" + str(m.get("source") or m["article_id"]).lower()
    return m.get("claimant_id") or str(m.get("claimant")).lower()


def claimant_name(m: Mapping[str, Any]) -> str:
    """The claimant's name; an article's own assertion is its outlet's ("Pampa Daily (author)")."""
    if _is_author(m):
        return f"{m.get('source') or m['article_id']} (author)"
    return m.get("claimant") or m.get("claimant_id")


# json.dumps(value) and json.dumps(value, ensure_ascii=False), set up once: the same text
_JSON = json_encoder()
_JSON_TEXT = json_encoder(ensure_ascii=False)
_NEGATION = re.compile(r"\b(?:no|not|never|none|nothing|nobody|neither|nor)\b|n[’']t\b", re.I)


@lru_cache(maxsize=16_384)  # a thread's label and each member's text are asked about, copies repeat them
def _negated(text: str) -> bool:
    """Does the proposition's first sentence say the opposite ("No aircraft has crossed",
    "its drones never left")? A later sentence is another proposition ("It was an error, not an
    intention")."""
    first = st.FIRST_SENTENCE.split(text.strip(), maxsplit=1)[0]
    if st.NOT_JUST.search(first):  # "hasn't stopped at arms, but has even ...": more, not less
        return False
    return len(_NEGATION.findall(first)) % 2 == 1


_STATES = 0.45  # share of the label's weight a member repeats to keep its own side

#: (label, article ids, article ids to read only if they hold a debunking phrase) -> each
#: article's stance towards the label (None: not read)
Judge = Callable[..., Mapping[str, "st.Stance | None"]]


def _side(m: Mapping[str, Any], label: str, article: "st.Stance | None") -> str:
    """A member's side in a thread that spans several articles, for a member that does not
    state the label itself (see :func:`_sides`): its article's stance towards the label
    (``stance(label, article)``) puts it on a side: it denies when the article is sure to
    dispute the label (:func:`_disputes`), asserts when the article agrees and no sentence that
    states the label refutes it (``Stance.refuted``), else discusses; an article unrelated to the
    label leaves the member's own stance. (Unlike ``check``, a sentence reporting someone's
    denial does not put a remark of its article on the deny side: that someone, not the remark,
    denies.)"""
    if article is None:
        return _towards(m, label)
    if article.label == "unrelated":
        return m.get("stance") or "asserts"
    if article.disputes:
        return "denies"
    return "asserts" if article.label == "agree" and not article.refuted else "discusses"


def _disputes(article: "st.Stance | None") -> bool:
    """Is the article sure to dispute the label (``Stance.disputes``: a sentence of it that
    states the label refutes it, and the dispute reader of ``fusion/dispute.py`` is sure
    enough)? The stance model's probability alone separates them poorly (tools/story_threads.py
    --folds: from 0.6, 45.6 % of the disputing tuning bodies in multi-article threads on a deny
    side, and 16.6 % of the agreeing ones)."""
    return article is not None and article.disputes


def _towards(m: Mapping[str, Any], label: str) -> str:
    """A member's stance towards the thread's label: asserting "no Argentine drone has crossed"
    in a thread about Argentine drones crossing into Chile denies it (:func:`stance.opposite`)."""
    stance = m.get("stance") or "asserts"
    if stance in ("asserts", "denies") and st.opposite(label, m.get("text") or ""):
        return "denies" if stance == "asserts" else "asserts"
    return stance


def _label(members: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    """:func:`_choose_label`, chosen once per thread and run (``articles_to_read``, then ``summarize``)."""
    if len(members) == 1:
        return members[0]
    key = tuple((m["item_id"], m.get("text")) for m in members)
    if key not in _LABELS:
        chosen = _choose_label(members)
        _LABELS[key] = next(i for i, m in enumerate(members) if m is chosen)
    return members[_LABELS[key]]


_LABELS: dict[tuple, int] = {}  # a thread's members (ids, texts) -> the index of its label


def _choose_label(members: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The thread's rumour, its central proposition: a whole clause (four words or more) before
    a fragment ("Kim"), an affirmative one before a negated one (the rumour, not its denial), one
    the other articles come nearly as close to as the closest (:func:`_centrality`: what most
    members are about, not a side remark or a long quotation a few articles copy); among those,
    the one most articles make in the same words, the most central, a certain one before a
    hedged one, and the first seen. (On the FNC-1 tuning bodies, tools/story_threads.py
    ``label_rumour_cosine``, the TF-IDF cosine of the labels of multi-article threads with the
    closest headline of their story: 19.29 -> 20.02, and 26.17 -> 29.78 for threads of five
    articles or more.)"""
    if len(members) == 1:  # (most threads have one member: it is the label)
        return members[0]
    asserting = [m for m in members if (m.get("stance") or "asserts") == "asserts"] or list(members)
    words = [" ".join(str(m.get("text") or "").lower().split()) for m in asserting]
    articles: dict[str, set[str]] = defaultdict(set)
    for m, w in zip(asserting, words):
        articles[w].add(m["article_id"])
    central = _centrality(asserting, members)
    near = _NEAR_TOP * max(central)

    def clarity(i: int) -> tuple:
        m = asserting[i]
        return (len(words[i].split()) < 4, _negated(m.get("text") or ""), central[i] < near,
                -len(articles[words[i]]), -round(central[i], 6), m.get("certainty") not in (None, "certain"), i)

    return asserting[min(range(len(asserting)), key=clarity)]


_NEAR_TOP = 0.9
_CLOSE = 0.5


def _centrality(candidates: Sequence[Mapping[str, Any]], members: Sequence[Mapping[str, Any]]) -> list[float]:
    """For each candidate, how close the thread's other articles come to it: the sum over the
    articles of the best cosine (:func:`_content`) of one of their members with the candidate,
    each at most ``_CLOSE`` (a copy counts no more than a paraphrase). The claim most articles
    repeat in some words is the thread's rumour; a quotation a few articles copy shares its
    words with few others."""
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    norms = []
    for k, m in enumerate(members):
        content = _content(m)
        for w, v in content.items():
            postings[w].append((k, v))
        norms.append(math.sqrt(sum(v * v for v in content.values())))
    out = []
    for m in candidates:
        mine = _content(m)
        norm = math.sqrt(sum(v * v for v in mine.values()))
        dots: dict[int, float] = defaultdict(float)
        for w, v in mine.items():
            for k, theirs in postings[w]:
                dots[k] += v * theirs
        best: dict[str, float] = {}
        for k, dot in dots.items():
            article = members[k]["article_id"]
            if article != m["article_id"]:
                best[article] = max(best.get(article, 0.0), min(dot / (norm * norms[k]), _CLOSE))
        out.append(sum(best.values()))
    return out


_CONCEPT_WEIGHT = 3.0  # a lexicon concept or a country weighs as a fairly rare word (idf 3)


def _content(m: Mapping[str, Any]) -> dict[str, float]:
    """What a claim says: its words weighted by inverse document frequency (``words``), with the
    lexicon concepts (``toks``: DEPLOY, AIRCRAFT) and countries (``ents``) the words leave out."""
    out = dict(m.get("words") or {})
    for token in m.get("toks") or ():
        if token.isupper():
            out["#" + token] = _CONCEPT_WEIGHT
    for entity in m.get("ents") or ():
        out["@" + str(entity)] = _CONCEPT_WEIGHT
    return out


def _stances(members: Sequence[Mapping[str, Any]], sides: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    for m, side in zip(members, sides):
        entry = out[side].setdefault(_claimant_key(m), {
            "claimant_id": m.get("claimant_id"), "claimant": claimant_name(m),
            "country": m.get("claimant_country"), "first_day": _day(m), "claims": 0})
        entry["claims"] += 1
    return {stance: list(by.values()) for stance, by in sorted(out.items())}


def _sides(members: Sequence[Mapping[str, Any]], label: str, judge: Judge | None) -> tuple[list[str], list[int]]:
    """Each member's side towards the thread's label, and the members whose outlet disputes it
    (:func:`_outlets_disputing`). A claimant's own denial, and a member that states the label
    itself (repeats at least 45 % of its weight: "its drones never left ..."), keep their own
    side (:func:`_towards`); in a thread that spans several articles, any other member (a remark
    in an article on the story: "the story was fabricated") takes its article's (:func:`_side`):
    only those articles, and those of :func:`_outlets_disputing`, are read. On the 1,344 FNC-1
    tuning bodies (tools/story_threads.py), of those in multi-article threads, the agreeing ones
    on a deny side went from 43.1 to 18.7 %, the disagreeing ones from 56.2 to 51.6 %: a deny
    side now tells them apart."""
    own = [_towards(m, label) for m in members]
    if judge is None:
        return own, []
    remarks, stating = _remarks(members, label), _stating(members, label)
    if not remarks and not stating:
        return own, []
    read = judge(label, sorted({members[i]["article_id"] for i in remarks}),
                 sorted({members[i]["article_id"] for i in stating}))
    for i in remarks:
        own[i] = _side(members[i], label, read.get(members[i]["article_id"]))
    return own, _outlets_disputing(members, own, stating, read)


def _outlets_disputing(members: Sequence[Mapping[str, Any]], sides: Sequence[str], stating: Sequence[int],
                       read: Mapping[str, "st.Stance | None"]) -> list[int]:
    """A debunk quotes the rumour it disputes ("Reports claimed that X. It is a hoax."): the
    reports assert X, the outlet denies it. For each article with a member that states the label
    and none on the deny side, whose text holds a debunking phrase (``stance.debunks``: read
    only then) and that the model is sure disputes the label (:func:`_disputes`): its first
    such member, which its outlet then denies (as its author)."""
    denied = {members[i]["article_id"] for i, side in enumerate(sides) if side == "denies"}
    out: dict[str, int] = {}
    for i in stating:
        article = members[i]["article_id"]
        if article not in denied and article not in out and _disputes(read.get(article)):
            out[article] = i
    return sorted(out.values())


def _stating(members: Sequence[Mapping[str, Any]], label: str) -> list[int]:
    """The members of a thread that spans several articles that assert its label in its words."""
    if len({m["article_id"] for m in members}) < 2:
        return []
    return [i for i, m in enumerate(members)
            if m.get("stance") in (None, "asserts") and _states(label, str(m.get("text") or ""))]


def _remarks(members: Sequence[Mapping[str, Any]], label: str) -> list[int]:
    """The members of a thread that spans several articles that neither deny nor state its label."""
    if len({m["article_id"] for m in members}) < 2:
        return []
    return [i for i, m in enumerate(members) if m.get("stance") != "denies" and not _states(label, str(m.get("text") or ""))]


def articles_to_read(members: Sequence[Mapping[str, Any]]) -> tuple[set[str], set[str]]:
    """The articles whose stance towards the label :func:`summarize` will ask for (a claim
    thread): those it reads in any case, and those it reads only if they hold a debunking phrase."""
    members = sorted(members, key=_order)
    label = str(_label(members).get("text") or "")
    return ({members[i]["article_id"] for i in _remarks(members, label)},
            {members[i]["article_id"] for i in _stating(members, label)})


@lru_cache(maxsize=65_536)  # asked again by summarize after articles_to_read
def _states(label: str, text: str) -> bool:
    """Does ``text`` state ``label`` (repeat at least 45 % of its weight)?"""
    return st.repeated_share(_label_text(label), text, st.load_model()) >= _STATES


@lru_cache(maxsize=4_096)
def _label_text(label: str) -> "st._Text":
    return st.claim_text(label)


def _day(m: Mapping[str, Any]) -> str | None:
    return str(m["day"]) if m.get("day") else None


def summarize(kind: str, members: Sequence[Mapping[str, Any]], judge: Judge | None = None) -> dict[str, Any]:
    """One row of table ``threads`` from its members (dicts with item_id, article_id, day,
    source, cluster_id, text, start_char and, for claims, stance/claimant/certainty). With
    ``judge``, the members of a claim thread that spans several articles are put on a side
    with their articles' stance towards the label (:func:`_side`), and the outlets of articles
    sure to dispute it are on its deny side (:func:`_outlets_disputing`)."""
    members = sorted(members, key=_order)
    dated = [m for m in members if m.get("day")]
    first, last = (dated[0], dated[-1]) if dated else (members[0], members[-1])
    ents = Counter(e for m in members for e in m.get("ents", []))
    assertion = _label(members)
    sides, outlets = _sides(members, assertion.get("text") or "", judge) if kind == "claim" else ([], [])
    sided = list(zip(members, sides)) + [(_as_author(members[i]), "denies") for i in outlets]
    stances = _stances([m for m, _ in sided], [side for _, side in sided]) if kind == "claim" else {}
    return {
        "thread_id": thread_id(kind, members), "kind": kind,
        "label": event_label(members, first) if kind == "event" else assertion["text"],
        "about": _JSON([e for e, _ in ents.most_common(8)]),
        "first_day": _day(first), "first_article_id": first["article_id"],
        "last_day": _day(last), "last_article_id": last["article_id"],
        "n_members": len(members), "n_articles": len({m["article_id"] for m in members}),
        "independent_sources": independent_sources(members) if len(members) > 1 else 1,
        "contested": "asserts" in stances and "denies" in stances,
        "stances": _JSON_TEXT(stances),
        "certainty": _JSON_TEXT([{"day": _day(m), "claimant": claimant_name(m),
                                  "stance": side, "certainty": m.get("certainty"),
                                  "article_id": m["article_id"], "item_id": m["item_id"]}
                                 for m, side in sided]),
        "event_types": _JSON(sorted({t for m in members for t in m.get("etypes", []) if t})),
    }


def _as_author(m: Mapping[str, Any]) -> dict[str, Any]:
    """A member as its outlet's own (``claimant_name``: "Pampa Daily (author)")."""
    return {**m, "claimant_id": None, "claimant": None, "claimant_country": None, "certainty": None}


def event_label(members: Sequence[Mapping[str, Any]], first: Mapping[str, Any]) -> str:
    """An event thread's label: type, dyad and first date ("ASSAULT UKR -> PRK, 2024-10-03"),
    not the trigger word of one member."""
    etypes = sorted({t for m in members for t in m.get("etypes", []) if t})
    dyad = first.get("dyad") or next((m["dyad"] for m in members if m.get("dyad")), None)
    label = " ".join(x for x in ("/".join(etypes), dyad) if x) or str(first.get("text") or "")
    when = first.get("date") if str(first.get("date") or "")[:1].isdigit() else _day(first)
    return f"{label}, {when}" if when else label


def forget_texts() -> None:
    """Empty the caches of thread names and texts (see ``fusion.text.forget_texts``)."""
    thread_name.cache_clear()
    _LABELS.clear()
    _negated.cache_clear()
    st.forget_readings()
    _states.cache_clear()
    _label_text.cache_clear()
