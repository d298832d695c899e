"""Extractor ``places``: toponyms resolved to places (country, coordinates, GeoNames id).

Needs: the parse (GPE/LOC/FAC entities); ``upstream["actors"]`` to mark metonymic uses (a
capital or country that the actors extractor resolved as an agent, "Seoul has warned").
Produces: Place records. Toponyms come from NER and from a gazetteer lookup of capitalised
proper nouns the small model misses ("Donetsk"). Each is resolved among the gazetteer's
candidates (:mod:`.gazetteer`) by, in order of weight: an explicit container next to it
("Paris, Texas"), the countries in play in the article, the kind of feature (continent,
country, state before city) and population. A toponym with no candidate is kept with its
text and ``feature=None`` (never forced to a wrong place).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

from spacy.tokens import Doc

from ...records import Actor, Article, Place, Record, Span
from ..shared.common import DIVISION_NOUNS, MEMO_ENTRIES, Tokens, doc_text, entities, record_from_span, sentence_index, tokens_of
from .gazetteer import FEATURE_RANK, Candidate, candidates, embedded_candidates, key

__all__ = ["NAME", "VERSION", "container_of", "countries_in_play", "extract", "find_toponyms", "non_literal", "resolve"]

NAME = "places"
VERSION = "7"
REQUIRES = ("actors",)  # extractors whose records it reads (it runs after them)

LABELS = ("GPE", "LOC", "FAC")
GAZ_ONLY_MIN_POP = 15000  # a capitalised word not tagged by NER must name a place this big
W_PRIMARY = 1.5  # the query is the place's main name, not one of its alternate names
W_IN_PLAY, W_IN_PLAY_EACH, W_IN_PLAY_MAX = 1.0, 0.25, 1.5  # its country is named in the article
W_NEAR = 1.5  # a town near another place the article names unambiguously
BIG_CITY, W_BIG_CITY = 1_000_000, 2.0  # a world city outweighs a namesake in a country in play
W_STATE = 1.5  # a town inside a state (admin1) the article names
COMPASS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
           "central", "northwest", "northeast", "southwest", "southeast", "north-west",
           "north-east", "south-west", "south-east"}
LOCATIVE_VERBS = {"be", "lie", "sit", "border", "stretch", "remain"}
MODIFIER_DEPS = {"compound", "amod", "nmod"}
# Heads that keep a possessor or modifier literal: parts of a place, its people, its economy.
PLACE_NOUNS = frozenset("""
    area border borders city cities town towns village villages suburb suburbs coast coastline
    province provinces county counties district districts governorate region neighborhood
    neighbourhood capital downtown outskirts countryside island islands port airport harbor
    harbour school schools hospital street streets road roads highway park beach valley river
    mountain mountains lake foothill foothills enclave territory soil land skyline campus
    center centre base camp station bay facility resort venue clinic home hotel restaurant
    office plant factory mine field farm stadium arena prison jail mall store shop branch
    headquarters site shore foreshore waters airspace resident residents population people citizen
    citizens economy industry industries sector production export exports job jobs growth
    rate infrastructure water weather climate landscape market housing tourism
""".split())
# Governors of "between/with X" that make X a party rather than a place.
RELATION_WORDS = frozenset("""
    relation relationship tie talk dialogue agreement deal treaty war conflict tension
    rivalry cooperation summit meeting dispute crisis comparison alliance partnership accord
    negotiation negotiate meet agree cooperate work trade sign
""".split())
# Verbs of address or judgement: their object is a party ("urges Ukraine", "accused Russia").
ADDRESS_VERBS = frozenset("""
    urge ask accuse blame support back criticize criticise condemn praise thank warn
    threaten sanction pressure invite beat defeat persuade convince help court lobby
    punish reward recognize recognise congratulate
""".split())
LOCATIVE_PREPS = frozenset("in at near into inside outside from to towards toward around across through throughout within".split())
# Last words of facility names ("Northwestern Memorial Hospital", "the Princes Theatre").
FACILITY_HEADS = frozenset("""
    hospital clinic school academy college university institute hall theatre theater church
    cathedral mosque temple centre center armory armoury palace stadium arena racecourse
    airport station estate park square street avenue road lagoon hotel prison jail museum
    library bridge harbour harbor port base camp courthouse
""".split())
MONTHS = frozenset("January February March April May June July August September October November December".split())
DATELINE_MAX = 80
SENTENCE_STOP = re.compile(r"[.!?)\"”] +")
CAPS_WORD = re.compile(r"[A-Z]{3,}\b")
DATELINE = re.compile(r"(?:[A-Z][A-Za-z.'’-]*\.?(?:[ ,]+[A-Z][A-Za-z.'’-]*\.?)*)"
                      r"(?:\s*\([A-Za-z0-9 .]{1,20}\))?\s*(?:[-–—:]|\(AP\))")
STOP = {"May", "March", "Will", "Mobile", "Of", "The", "In", "At", "On", "As", "Best", "Young",
        "Long", "Strong", "Mass", "Independence", "Union", "Liberty", "Hope", "Victory", "Street"}
_NOT_CONTAINERS = STOP | MONTHS  # "in March", "in The ...": no container


def find_toponyms(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of toponyms: NER GPE/LOC/FAC (and ORG that the gazetteer knows as a
    place), trimmed of "the" and possessives and split at commas ("Thruxton, Hampshire"),
    plus gazetteer matches of proper nouns the model missed ("Donetsk")."""
    spans: list[tuple[int, int]] = []
    people = _person_words(doc)
    for ent in entities(doc):
        if ent.text in people and not _known_place(ent.text):
            continue  # "Buhari" tagged GPE once and PERSON elsewhere: a person
        if ent.label_ in LABELS or (ent.label_ == "ORG" and _known_place(ent.text)) or _located(ent):
            spans.extend(_clean(doc_text(doc), ent.start_char, ent.end_char))
    taken = {i for e in entities(doc) for i in range(e.start, e.end)}
    text, t = doc_text(doc), tokens_of(doc)
    end = 0
    for i in [i for i, pos in enumerate(t.pos) if pos == "PROPN"]:
        if i < end or i in taken:
            continue
        match = _gazetteer_match(text, t, i)
        if match:
            spans.append((t.idx[i], t.idx[match - 1] + t.length[match - 1]))
            end = match
    return sorted({(a, b) for a, b in spans if not _not_a_place(text, a, text[a:b])})


def _located(ent) -> bool:
    """An ORG or PERSON entity that the sentence places something in: the object of a
    locative preposition that names a known place ("driving to Castlegar", tagged PERSON) or
    a named facility ("pronounced dead at Northwestern Memorial Hospital", tagged ORG)."""
    if ent.label_ not in ("ORG", "PERSON") or ent.root.dep_ != "pobj":
        return False
    if ent.root.head.lower_ not in LOCATIVE_PREPS:
        return False
    return _known_place(ent.text) or (ent.label_ == "ORG" and ent[-1].lower_ in FACILITY_HEADS)


def _person_words(doc: Doc) -> set[str]:
    """Words of the PERSON entities of the doc."""
    return {t.text for e in entities(doc) if e.label_ == "PERSON" for t in e if t.text[:1].isupper()}


@lru_cache(maxsize=MEMO_ENTRIES)
def _candidates(name: str) -> list[Candidate]:
    """gazetteer.candidates, cached (a pure lookup; the same toponyms recur)."""
    return candidates(name)


@lru_cache(maxsize=MEMO_ENTRIES)
def _embedded_candidates(name: str) -> list[Candidate]:
    """gazetteer.embedded_candidates, cached (a pure lookup)."""
    return embedded_candidates(name)


@lru_cache(maxsize=MEMO_ENTRIES)
def _key(name: str) -> str:
    """gazetteer.key, cached: the same few names are keyed again and again (candidates'
    names when scoring)."""
    return key(name)


@lru_cache(maxsize=MEMO_ENTRIES)
def _known_place(text: str) -> bool:
    """The gazetteer knows ``text`` as the main name of a place (not only an alternate)."""
    k = _key(text)
    return any(_key(c.name) == k and (c.population >= GAZ_ONLY_MIN_POP or c.feature != "city")
               for c in _candidates(text))


def _clean(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Trim a leading article ("the", "a") and a trailing possessive; split at ", "."""
    for article in ("the ", "a ", "an "):
        if text[start:start + len(article)].lower() == article:
            start += len(article)
            break
    for suffix in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(suffix):
            end -= len(suffix)
            break
    out, pos = [], start
    for part in text[start:end].split(", "):
        if part.strip():
            out.append((pos, pos + len(part)))
        pos += len(part) + 2
    return [(s, e) for s, e in out if e > s]


def _gazetteer_match(text: str, t: Tokens, i: int) -> int | None:
    """End token of the longest run of proper nouns from ``i`` (outside entities) that names
    a sizeable place; ``t`` is the doc's token table, ``text`` its text."""
    word = text[t.idx[i]:t.idx[i] + t.length[i]]
    if t.pos[i] != "PROPN" or not word[:1].isupper() or word in STOP:
        return None
    for n in (3, 2, 1):
        end = i + n
        if end > len(t.pos) or not all(t.pos[j] == "PROPN" and not t.ent[j] for j in range(i, end)):
            continue
        if _known_place(text[t.idx[i]:t.idx[end - 1] + t.length[end - 1]]):
            return end
    return None


class InPlay:
    """What the article's toponyms say about where it is: countries named (as countries or
    by their states) and anchor points (places named by an unambiguous toponym)."""

    def __init__(self, names: list[str]) -> None:
        self.countries: Counter = Counter()
        self.anchors: dict[str, tuple[float, float]] = {}
        self.states: dict[str, Candidate] = {}
        for name in names:
            cands = _candidates(name)
            for c in cands:
                if c.feature in ("country", "admin1"):
                    self.countries[c.country] += 2 if c.feature == "country" else 1
            if len(cands) == 1 and cands[0].feature not in ("continent", "country", "region"):
                self.anchors[_key(name)] = (cands[0].lat, cands[0].lon)
            state = _named_state(name, cands)
            if state is not None:
                self.states[_key(name)] = state

    def get(self, iso3: str | None, default: int = 0) -> int:
        return self.countries.get(iso3, default)

    def near_anchor(self, c: Candidate, name_key: str) -> bool:
        return any(k != name_key and abs(lat - c.lat) < 1.5 and abs(lon - c.lon) < 2.0
                   for k, (lat, lon) in self.anchors.items())

    def in_named_state(self, c: Candidate, name_key: str) -> bool:
        """``c`` lies in a state (admin1) that the article names ("Shelby" near "Montana")."""
        return any(k != name_key and s.country == c.country and abs(s.lat - c.lat) < 3
                   and abs(s.lon - c.lon) < 4.5 for k, s in self.states.items())


def _named_state(name: str, cands: list[Candidate]) -> Candidate | None:
    """The state a toponym names when its main reading is a state (its biggest-ranked
    candidate under that very name is an admin1), else None."""
    k = _key(name)
    own = [c for c in cands if _key(c.name) == k]
    if not own:
        return None
    top = max(own, key=lambda c: (FEATURE_RANK.get(c.feature, 0), c.population))
    return top if top.feature == "admin1" else None


def countries_in_play(doc: Doc, spans: list[tuple[int, int]]) -> InPlay:
    """The countries and anchor places the article's toponyms name."""
    return InPlay([doc_text(doc)[s:e] for s, e in spans])


_NEXT_WORD = re.compile(r"\s+(\w+)")


def _division_follows(text: str, end: int) -> bool:
    """"Santa Cruz province": the word after the name says it is a division of a country."""
    word = _NEXT_WORD.match(text, end)
    return word is not None and word[1].lower() in DIVISION_NOUNS


def container_of(text: str, end: int) -> str | None:
    """A country, state or town right after ", " or " in " ("Paris, Texas", "the Palais des
    Nations in Geneva") -> the container's name."""
    tail = text[end:end + 40]
    if not tail.startswith((", ", " in ")):
        return None
    word = tail[2 if tail.startswith(", ") else 4:].split(",")[0].split(".")[0].split("\n")[0].strip()
    words = word.split()
    while len(words) > 1 and words[0].lower() in COMPASS:  # "Brent, north west London"
        words = words[1:]
    if tail.startswith(" in "):  # "in Rome on Monday": the capitalised words; "in March": none
        words = list(itertools.takewhile(lambda w: w[:1].isupper() and w not in _NOT_CONTAINERS, words))
    return " ".join(words) or None


def _score(c: Candidate, name_key: str, in_play: InPlay, container: list[Candidate]) -> float:
    score = math.log10(c.population + 10) + FEATURE_RANK.get(c.feature, 0) * 1.2
    if _key(c.name) == name_key:
        score += W_PRIMARY
        if c.feature == "city" and c.population > BIG_CITY:  # Rome, Italy before Rome, Georgia
            score += W_BIG_CITY * math.log10(c.population / BIG_CITY)
    if c.country and in_play.get(c.country):
        score += W_IN_PLAY + min(W_IN_PLAY_MAX, W_IN_PLAY_EACH * in_play.get(c.country))
    if c.feature == "city" and in_play.near_anchor(c, name_key):
        score += W_NEAR
    if c.feature == "city" and in_play.in_named_state(c, name_key):
        score += W_STATE
    if container and any(_contains(k, c) for k in container):
        score += 6.0
    return score


CONTAINER_BOX = {"admin1": (6, 9), "region": (6, 9), "admin2": (1.5, 2.0), "city": (0.7, 1.0)}


def _contains(container: Candidate, c: Candidate) -> bool:
    """``c`` plausibly lies in ``container`` (same country; for a state, region, county or
    city container ("Brent, London"), also near it)."""
    if container.feature == "country":
        return container.country == c.country
    box = CONTAINER_BOX.get(container.feature)
    return box is not None and container.country == c.country and c.feature == "city" and (
        c is not container and abs(container.lat - c.lat) < box[0] and abs(container.lon - c.lon) < box[1])


def resolve(name: str, in_play: InPlay, container_name: str | None = None,
            division: bool = False) -> Candidate | None:
    """The most plausible place called ``name`` given the countries in play, or None; for a
    ``division`` ("Santa Cruz province") never a city: none rather than a town elsewhere."""
    cands = _embedded_candidates(name)
    if division:
        cands = [c for c in cands if c.feature != "city"]
    if not cands:  # a facility or street we do not know lies in the place named after it
        return resolve(container_name, in_play) if container_name and container_name != name else None
    container = _candidates(container_name) if container_name else []
    name_key = _key(name)
    return max(cands, key=lambda c: _score(c, name_key, in_play, container))


def non_literal(doc: Doc, start: int, end: int) -> bool:
    """A toponym used for something other than the place (GeoWebNews' metonymic and
    non-literal modifier uses): a subject or possessor that acts or holds an attitude ("Seoul
    has warned", "Moscow's decision"), a modifier of a person or an institution ("US
    officials", "a New Jersey man"), the agent of a passive ("developed by the Soviet Union"),
    a party to a relation ("relations between Mexico and the United States") or the one a
    verb of address or judgement is aimed at ("urges Ukraine to"). Kept literal: a dateline
    ("ALBUQUERQUE, N.M. (AP) -"), a possessor or modifier of a part of the place or of its
    people and economy ("Cairo's suburb", "Hawaii's residents", "the Syrian border"), and a
    subject of a locative verb ("Douma lies")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span) or _in_dateline(doc_text(doc), start):
        return False
    root = span.root
    hops = 0
    while root.dep_ == "conj" and hops < 10:
        root, hops = root.head, hops + 1
    head = root.head.lemma_.lower()
    if root.dep_ in MODIFIER_DEPS or root.dep_ == "poss":
        return head not in PLACE_NOUNS
    if root.dep_ in ("nsubj", "nsubjpass"):
        return not (root.dep_ == "nsubj" and head in LOCATIVE_VERBS)
    if root.dep_ == "dobj":
        return head in ADDRESS_VERBS
    if root.dep_ == "pobj":
        prep = root.head
        return prep.dep_ == "agent" or (prep.lower_ in ("between", "with")
                                         and prep.head.lemma_.lower() in RELATION_WORDS)
    return False


def _in_dateline(text: str, start: int) -> bool:
    """``start`` lies in the dateline that opens the text or a line: a few capitalised words
    and commas ending in a wire tag, a dash or a colon ("SAN DIEGO (AP) -", "Muscat:")."""
    line_start = text.rfind("\n", 0, start) + 1
    after_stop = [m.end() for m in SENTENCE_STOP.finditer(text, max(line_start, start - DATELINE_MAX), start)]
    for begin in [line_start] + after_stop[-1:]:
        if begin != line_start and not CAPS_WORD.match(text, begin):
            continue  # inside running text only a wire dateline in capitals ("statements. SAN DIEGO (AP) -")
        match = DATELINE.match(text[begin:begin + DATELINE_MAX])
        if match and start < begin + match.end():
            return True
    return False


def _agent_extents(actors: tuple[Record, ...]) -> list[tuple[int, int]]:
    """Extents of the actors that make a toponym inside them metonymic: a country or a
    capital resolved as its government ("Seoul has warned"); found once per article."""
    return [(a.start, a.end) for a in actors if isinstance(a, Actor) and a.sector == "GOV"
            and a.how in ("metonymy", "country")]


def extract(doc: Doc, article: Article, upstream: Mapping[str, tuple[Record, ...]]) -> tuple[Record, ...]:
    spans = find_toponyms(doc)
    in_play = countries_in_play(doc, spans)
    actors = tuple(upstream.get("actors", ()))
    people = [(a.start, a.end) for a in actors if isinstance(a, Actor) and a.actor_type == "person"]
    agents = _agent_extents(actors)
    out: list[Record] = []
    surnames = _surnames(actors, article.text)
    for start, end in spans:
        if any(a <= start and end <= b for a, b in people):
            continue  # "Carballo" in "Inés Carballo Ríos": a surname, not the town in Galicia
        text = article.text[start:end]
        if text in surnames and not any(_key(c.name) == _key(text) and c.feature in ("country", "admin1")
                                        for c in _candidates(text)):
            continue  # "Farkas said" after "Bertalan Farkas": his surname, not the town
        best = resolve(text, in_play, container_of(article.text, end), _division_follows(article.text, end))
        fields = _fields(best, len(_candidates(text)), text)
        out.append(record_from_span(Place, Span(start, end, text), article, NAME, VERSION,
                                    sentence_at=sentence_index(doc, start),
                                    metonymic=any(a <= start and end <= b for a, b in agents)
                                    or non_literal(doc, start, end),
                                    **fields))
    return tuple(out)


_NICKNAME_HEADS = frozenset({"state", "city", "isle", "apple", "coast", "country", "land", "island", "republic"})


def _surnames(actors: tuple[Record, ...], text: str) -> set[str]:
    """The last words of the people the article names ("Farkas" of "Bertalan Farkas")."""
    out = set()
    for a in actors:
        if isinstance(a, Actor) and a.actor_type == "person":
            words = text[a.start:a.end].split()
            if len(words) > 1:
                out.add(words[-1])
    return out


def _not_a_place(text: str, start: int, name: str) -> bool:
    """A figure ("10 million"), a club of countries ("the G7"), a word in lower case, or a
    nickname ("the Golden State", "the Big Apple") that the gazetteer does not know by that
    main name."""
    if any(ch.isdigit() for ch in name):
        return True  # "the G7", "G20", "10 million on Spotify"
    if not name[:1].isupper() and not re.match(r"[a-z]{1,3}-[A-Z]", name):
        return True  # a lower-case word the model tagged ("mosques", "weekends", "n't"); not "al-Tanf"
    words = name.split()
    nickname = (text[max(0, start - 4):start].lower() == "the " and len(words) >= 2
                and words[-1].lower() in _NICKNAME_HEADS and all(w[:1].isupper() for w in words))
    return nickname and not _known_place(name)


def _fields(best: Candidate | None, n: int, text: str) -> dict:
    if best is None:  # not in the gazetteer: kept with its words, never forced to a place
        return {"name": " ".join(text.split()), "confidence": 0.0}
    return {"name": best.name, "country": best.country, "lat": best.lat, "lon": best.lon,
            "geonameid": best.geonameid, "feature": best.feature,
            "confidence": round(0.9 if n == 1 else 0.6, 2)}
