"""Extractor ``actors``: the one place where a mention becomes an actor.

Needs: the parse (entities, dependencies, noun chunks); nothing upstream. Produces: Actor
records for people, organisations, countries and generic agents, each with a country (ISO
3166 alpha-3 or an IGO code), a PLOVER sector, a role with dates where the shipped table
knows it, a confidence, and ``how`` it was resolved:

  table      a name or alias of the shipped (or user) actor table, active on the article date
  variant    a shorter form of a name already in play ("Zelensky"), or a bare surname picked
             by context ("Kim" next to a visit to Russia and Pyongyang -> Kim Jong Un)
  pronoun    "He"/"She" -> the most recent person in play; "it" as a subject -> the body
             that is the subject of the clause above ("what it says", a speaker)
  role       a definite description ("the defence minister", "South Korea's defence minister")
  metonymy   a capital or "the north" used for a government ("Seoul has warned")
  country    a country name used as an agent
  demonym    a demonym, alone or with a generic agent ("North Korean troops" -> PRK, MIL)
  generic    a generic agent without country ("the police")
  new        a person or organisation not in the table (content-hash id; fusion merges later)

Other extractors call :func:`resolve_actor` for their own spans (speakers, participants).
The per-article work (who is in play) is done once and cached in ``doc.user_data``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy

from spacy.attrs import ENT_TYPE, IS_ALPHA, IS_UPPER, LENGTH, LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span as SpacySpan, Token

from ...records import Actor, Article, Record, Span, content_id
from .table import (TableActor, actor_by_id, countries, country_actor_id, country_by_name, country_of_capital,
                    country_of_demonym, country_of_region, generics, given_name_gender, load_table, parties, roles)
from ..shared.quotes import find_quotes, scan_quotes
from ..shared.common import MEMO_ENTRIES, PLACE_NOUNS, doc_text, entities, record_from_span, sent_of, sentence_index, tokens_of

__all__ = ["NAME", "VERSION", "Resolution", "actor_by_id", "country_actor_id", "country_by_name",
           "country_of_demonym", "extract", "resolve_actor"]

NAME = "actors"
VERSION = "5"
REQUIRES = ("time",)  # extractors whose records it reads (it runs after them)

CTX_KEY = "newsgraph.actors.context"
LEMMAS_KEY = "newsgraph.actors.sentence_lemmas"
TABLE_KEY = "newsgraph.actors.user_table"  # set by the caller to extend the shipped table
AGENT_DEPS = {"nsubj", "nsubjpass", "poss", "agent", "csubj", "expl"}
PRONOUNS = {"he", "she"}
FIRST_PERSON = {"i", "we"}  # inside a quote: its speaker
LEADER_CUES = {"visit", "summit", "leader", "sign", "agreement", "regime", "meet", "talk", "host"}
MILITARY_CUES = {"defense", "defence", "military", "troop", "army", "minister", "weapon"}
CAMPAIGN_CUES = {"campaign", "candidacy", "nomination", "nominee", "primary", "caucus", "delegate", "rally", "ticket"}
ORG_SECTORS = (("ministry", "GOV"), ("government", "GOV"), ("foundation", "NGO"), ("coalition", "NGO"),
               ("pac", "PTY"), ("authority", "GOV"), ("federation", "NGO"), ("army", "MIL"), ("force", "MIL"), ("navy", "MIL"),
               ("marines", "MIL"), ("circuit", "JUD"), ("senate", "LEG"), ("parliament", "LEG"),
               ("congress", "LEG"), ("department", "GOV"), ("commission", "GOV"),
               ("news", "MED"), ("times", "MED"), ("post", "MED"), ("agency", "GOV"),
               ("party", "PTY"), ("inc", "BUS"), ("corp", "BUS"), ("company", "BUS"),
               ("bank", "BUS"), ("university", "EDU"), ("court", "JUD"), ("police", "COP"))
GOVERNMENT_NOUNS = {"government", "regime", "administration", "authorities"}


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a mention resolved to (the Actor record's fields, without the span)."""

    actor_id: str
    name: str
    actor_type: str = "unknown"
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    role_start: str | None = None
    role_end: str | None = None
    confidence: float = 0.5
    how: str = "new"
    gender: str | None = None  # "m" / "f" where known (table, given name, honorific): pronouns


def _from_row(row: TableActor, confidence: float, how: str) -> Resolution:
    return Resolution(row.actor_id, row.name, row.actor_type, row.country, row.sector, row.role,
                      row.start, row.end, confidence, how, row.gender or _name_gender(row.name))


def _name_gender(name: str) -> str | None:
    """The gender a person's given name usually marks ("Nancy Pelosi" -> "f"), else None."""
    words = name.split()
    return given_name_gender(words[0]) if len(words) > 1 else None


def _country(iso3: str, sector: str | None, how: str, confidence: float = 0.8,
             actor_type: str = "country") -> Resolution:
    known = countries().get(iso3)
    return Resolution(country_actor_id(iso3, sector), known.name if known else iso3, actor_type,
                      iso3, sector, None, None, None, confidence, how)


@lru_cache(maxsize=MEMO_ENTRIES)
def _strip(text: str) -> str:
    """``text`` without surrounding space and a trailing possessive (cached: pure, and asked
    again and again for the same words)."""
    text = text.strip()
    for suffix in ("'s", "’s", "'"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
    return text.strip()


def _is_shouting(text: str) -> bool:
    return text.isupper() and len(text) > 4


def _titled(text: str) -> str:
    """ALL-CAPS names ("VOLODYMYR ZELENSKY") in title case, for table lookups."""
    return " ".join(w if len(w) <= 3 else w.title() for w in text.split()) if _is_shouting(text) else text


class Context:
    """Who is in play in one article: built in extract(), read by resolve_actor()."""

    def __init__(self, doc: Doc, article: Article, user_table: str = "") -> None:
        self.doc = doc
        self.day = article.day
        self.table = load_table(user_table)
        self.people: list[tuple[int, Resolution, tuple[str, ...]]] = []  # (char, res, name words)
        self.people_words: list[frozenset[str]] = []  # the name words of each, as a set
        self.countries: dict[str, int] = {}
        self._sentence_countries = self._index_countries(doc)

    # -- per-article indexes ---------------------------------------------------------------
    def _index_countries(self, doc: Doc) -> dict[int, set[str]]:
        """Sentence start char -> countries named in it (names, capitals, demonyms, states)."""
        out: dict[int, set[str]] = {}
        for ent in entities(doc):
            if ent.label_ in ("GPE", "NORP", "LOC", "ORG"):
                iso = _place_country(_strip(ent.text)) or (
                    country_of_region(_strip(ent.text)) if ent.label_ == "GPE" else None)
                if iso:
                    out.setdefault(sent_of(doc, ent.start).start_char, set()).add(iso)
                    self.countries[iso] = self.countries.get(iso, 0) + 1
        return out

    def countries_near(self, span: SpacySpan) -> set[str]:
        """Countries named in the sentence of ``span``."""
        return set(self._sentence_countries.get(sent_of(span.doc, span.start).start_char, ()))

    def remember(self, char: int, res: Resolution, words: tuple[str, ...]) -> None:
        if res.actor_type == "person":
            self.people.append((char, res, words))
            self.people_words.append(frozenset(words))

    def learn_gender(self, res: Resolution, pronoun: str) -> Resolution:
        """A person of no known gender that "she" (or "he") stands for is a woman (a man) for the
        pronouns after it ("Deja Stewart ... when she called him. *He* plans": not her)."""
        gender = PRONOUN_GENDER.get(pronoun.lower())
        if gender is None or res.gender is not None or res.actor_type != "person":
            return res
        self.people = [(c, replace(r, gender=gender) if r.actor_id == res.actor_id else r, w) for c, r, w in self.people]
        return replace(res, gender=gender)

    def main_country(self) -> str | None:
        """The country the article is about: the one named most (places, demonyms and the
        people of the table in play), when it has at least half of the mentions."""
        counts = dict(self.countries)
        for _, res, _ in self.people:
            if res.country and res.how in ("table", "variant", "role"):
                counts[res.country] = counts.get(res.country, 0) + 1
        if not counts:
            return None
        best = max(counts, key=lambda c: counts[c])
        return best if 2 * counts[best] >= sum(counts.values()) else None

    def korea_side(self) -> str | None:
        prk, kor = self.countries.get("PRK", 0), self.countries.get("KOR", 0)
        return "PRK" if prk >= kor and prk else ("KOR" if kor else None)


@lru_cache(maxsize=MEMO_ENTRIES)
def _place_country(text: str) -> str | None:
    """The country a name, capital or demonym stands for (cached: pure)."""
    return country_by_name(text) or country_of_capital(text) or country_of_demonym(text)


# -- persons ---------------------------------------------------------------------------------

def _cue_lemmas(span: SpacySpan) -> set[str]:
    """Lower-case lemmas of the sentence of ``span`` and of the next one."""
    doc = span.doc
    sent = sent_of(doc, span.start)
    nxt = sent_of(doc, sent.end) if sent.end < len(doc) else sent
    return _sentence_lemmas(doc, sent) | _sentence_lemmas(doc, nxt)


def _sentence_lemmas(doc: Doc, sent: SpacySpan) -> frozenset[str]:
    """Lower-case lemmas of a sentence, once per doc and sentence."""
    cache = doc.user_data.setdefault(LEMMAS_KEY, {})
    lemmas = cache.get(sent.start)
    if lemmas is None:
        lemmas = cache[sent.start] = frozenset(t.lemma_.lower() for t in sent)
    return lemmas


def _score(row: TableActor, in_play: bool, near: set[str], cues: set[str], day: str | None = None) -> float:
    score = 1.0 if in_play else 0.0
    if row.country in near:
        score += 1.5
    now = not day or row.active(day)  # a former president is not the leader a visit speaks of
    if row.role in ("head of state", "head of government") and cues & LEADER_CUES and now:
        score += 1.5 if row.role == "head of state" else 1.0
    if row.role == "defence minister" and cues & MILITARY_CUES:
        score += 1.0
    if row.role and row.role.endswith("candidate") and cues & CAMPAIGN_CUES and day and row.active(day):
        score += 1.0  # "the Clinton campaign" in 2016: the one running, not the former president
    if row.role == "head of state" and now:
        score += 0.5
    if day and row.start and row.active(day):  # a table row (day given) in office that day
        score += 0.5
    return score


def _variant_candidates(ctx: Context, words: tuple[str, ...]) -> list[tuple[Resolution, bool]]:
    """In-play people whose name contains all ``words``, and table people sharing the word."""
    out: dict[str, tuple[Resolution, bool]] = {}
    wanted = set(words)
    for (_, res, _), name_words in zip(reversed(ctx.people), reversed(ctx.people_words)):
        if wanted <= name_words and res.actor_id not in out:
            out[res.actor_id] = (res, True)
    if len(words) == 1:
        for row in ctx.table.with_token(words[0], ctx.day):
            if row.actor_id not in out and not _given_name_only(row, words[0]):
                out[row.actor_id] = (_from_row(row, 0.6, "variant"), False)
    return list(out.values())


def _given_name_only(row: TableActor, word: str) -> bool:
    """ "John" alone is not the table's John Kerry: a common given name that is only the first
    word of a person's name (no alias of it, as "Hillary" is) names nobody out of play."""
    parts = row.name.replace("-", " ").split()
    return len(parts) > 1 and parts[0] == word and word not in row.aliases and given_name_gender(word) is not None


def _row_for(ctx: Context, res: Resolution) -> TableActor | None:
    return ctx.table.role_on(res.actor_id, ctx.day) if res.actor_id in ctx.table.by_id else None


def _person_in_play(ctx: Context, text: str) -> Resolution | None:
    """"Valdivieso said" after "Rodrigo Valdivieso Pardo": a capitalised name whose words all
    belong to a person in play is the latest such person, whatever the NER's label (none, or
    ORG)."""
    words = tuple(_strip(text).replace("-", " ").split())
    if not words or not all(w[:1].isupper() for w in words):
        return None
    people = [res for res, in_play in _variant_candidates(ctx, words) if in_play]
    return replace(people[0], how="variant", confidence=0.8) if people else None


def _role_cued(row: TableActor | None, cues: set[str]) -> bool:
    """Does the sentence speak of what this table person does ("visit", "summit" for a head of
    state; "troops" for a defence minister)?"""
    if row is None:
        return False
    return bool(row.role in ("head of state", "head of government") and cues & LEADER_CUES
                or row.role == "defence minister" and cues & MILITARY_CUES)


def _agreeing(ctx: Context, span: SpacySpan, cands: list[tuple[Resolution, bool]]) -> list[tuple[Resolution, bool]]:
    """A table person not named in full in the article shares only a word with the mention
    ("Lavrov said" of a singer introduced as "Anna Lavrov"): kept only when something agrees --
    the sentence speaks of their role, or, when nobody in play bears the name, their country is
    in play."""
    in_play = any(p for _, p in cands)
    near, cues = ctx.countries_near(span), _cue_lemmas(span)
    out = []
    for res, played in cands:
        row = None if played else _row_for(ctx, res)
        if played or _role_cued(row, cues) or not in_play and res.country and (
                res.country in near or res.country in ctx.countries):
            out.append((res, played))
    return out


def _surname_agrees(ctx: Context, span: SpacySpan, row: TableActor, words: tuple[str, ...]) -> bool:
    """"Lavrov" is the table's Lavrov unless somebody else named in full bears the name, and
    then only when the sentence speaks of his role; with nobody else, when his country or role
    is in the article or the sentence."""
    others = [res for res, played in _variant_candidates(ctx, words) if played and res.actor_id != row.actor_id]
    if others:
        return _role_cued(row, _cue_lemmas(span))
    role, _, country = _role_context(span)
    return bool(row.country and (row.country in ctx.countries_near(span) or row.country in ctx.countries)
                or role and row.role and role in row.role or country and country == row.country
                or _role_cued(row, _cue_lemmas(span)) or any(p.actor_id == row.actor_id for _, p, _ in ctx.people))


#: offices whose holder news names by surname alone, the country unsaid ("Obama said")
LEADER_ROLES = frozenset({"head of state", "head of government"})


def _leader_in_office(ctx: Context, row: TableActor, words: tuple[str, ...]) -> bool:
    """A head of state or government on the article's date, named by the surname the table
    gives as his or her alias, with nobody else in play bearing it ("Obama" in 2016)."""
    return bool(ctx.day and row.active(ctx.day) and row.role in LEADER_ROLES
                and words[0] in row.aliases
                and not any(res.actor_id != row.actor_id for res, played in _variant_candidates(ctx, words) if played))


def _pick_variant(ctx: Context, span: SpacySpan, words: tuple[str, ...]) -> Resolution | None:
    cands = [c for c in _agreeing(ctx, span, _variant_candidates(ctx, words)) if _gender_agrees(span, c[0].gender)]
    if not cands:
        return None
    if len(cands) == 1:
        return replace(cands[0][0], how="variant", confidence=0.8 if cands[0][1] else 0.6)
    near, cues = ctx.countries_near(span), _cue_lemmas(span)
    scored = []
    for res, in_play in cands:
        row = _row_for(ctx, res)
        fake = row or TableActor(res.actor_id, res.name, (), res.actor_type, res.country,
                                 res.sector, res.role, None, None, None, False)
        scored.append((_score(fake, in_play, near, cues, ctx.day if row else None), res))
    scored.sort(key=lambda x: -x[0])
    best, margin = scored[0][1], scored[0][0] - scored[1][0]
    return replace(best, how="variant", confidence=round(min(0.9, 0.5 + 0.1 * margin), 2))


def _role_context(span: SpacySpan) -> tuple[str | None, str | None, str | None]:
    """(role, sector, country) from an apposition or possessive next to a name."""
    doc = span.doc
    sent = sent_of(doc, span.start)
    left = doc[max(sent.start, span.start - 6): span.start]
    words = [t for t in left if not t.is_punct or t.text in ("'s", "’s")]
    # the role said of this name ends right before it ("Foreign Minister X", "its minister, X"),
    # never one said of somebody else ("the president's son X": the son is no president)
    adjacent = len(left) and (left[-1].i == span.start - 1) and not (
        len(left) > 1 and left[-2].text in ("'s", "’s") or left[-1].text in ("'s", "’s"))
    role = _find_role([t.text.lower() for t in words], ending=True) if adjacent else None
    country = None
    for t in words:
        country = _place_country(_strip(t.text)) or (
            _place_country(_ent_text(t)) if t.ent_type_ else None) or country
    if role:
        body = _body_of_role(left)
        return (role[0], body.sector, body.country or country) if body else (role[0], role[1], country)
    right = doc[span.end: min(sent.end, span.end + 7)]
    if len(right) and right[0].text == ",":
        rwords = []
        for t in right[1:]:  # the apposition only: up to its comma, and not a relative clause
            if t.text == "," or t.lower_ in ("who", "which", "that", "whose") or t.pos_ in ("VERB", "AUX"):
                break
            rwords.append(t.text.lower())
        role = _find_role(rwords)
        if role:
            country = next((_place_country(_ent_text(t)) for t in right if t.ent_type_), None)
            return role[0], role[1], country
    return None, None, None


def _body_of_role(left: SpacySpan) -> TableActor | None:
    """"*Al-Shabaab* leader X", "*Hamas* spokesman X": the table's organisation named right
    before a role, whose sector and country the role holder shares (not a government's)."""
    for tok in reversed(left):
        if tok.ent_type_ in ("ORG", "NORP", "PERSON") and tok.ent_iob_ in ("B", "I"):
            rows = load_table().lookup(_ent_text(tok), None)
            if rows and rows[0].actor_type == "organization" and rows[0].sector:
                return rows[0]
            return None
    return None


def _ent_text(token: Token) -> str:
    if not token.ent_type:  # in no entity (a cheap check)
        return token.text
    for ent in entities(token.doc):
        if ent.start <= token.i < ent.end:
            return _strip(ent.text)
    return token.text


def _find_role(words: list[str], ending: bool = False) -> tuple[str, str] | None:
    """The longest role phrase in ``words`` (with ``ending``, one that ends them)."""
    lex = roles()
    for n in (4, 3, 2, 1):
        for i in ([len(words) - n] if ending else range(len(words) - n, -1, -1)):
            if i < 0:
                continue
            phrase = " ".join(words[i: i + n])
            if phrase in lex:
                return lex[phrase]
    return None


def _person(ctx: Context, span: SpacySpan) -> Resolution:
    text = _strip(span.text)
    text = text.title() if text.isupper() and len(text) > 2 else text  # "KIM" -> "Kim"
    for prefix in ("President ", "Prime Minister ", "Premier ", "Minister ", "General "):
        if text.startswith(prefix) and len(text) > len(prefix):
            text = text[len(prefix):]
    words = tuple(text.replace("-", " ").split())
    rows = ctx.table.lookup(text, ctx.day)
    if rows and len(words) == 1:  # a surname alone: the table's person only when something agrees
        rows = [r for r in rows if (_surname_agrees(ctx, span, r, words) or _leader_in_office(ctx, r, words))
                and _gender_agrees(span, r.gender or _name_gender(r.name))]
    rows = _namesakes_by_country(ctx, span, rows)
    if rows and (rows[0].active(ctx.day) or len(words) > 1):
        found = _from_row(rows[0], 0.95 if rows[0].active(ctx.day) else 0.7, "table")
        if ctx.day and rows[0].start and rows[0].start > ctx.day:  # before any office the table knows:
            found = replace(found, sector=None, role=None, role_start=None, role_end=None)  # the person only
        return found
    picked = _pick_variant(ctx, span, words) if words else None
    if picked:
        return picked
    later = _full_name_later(span, words)
    if later is not None:  # "Axelrod calls on Dean ... David Axelrod said": named in full below
        return replace(_person(ctx, later), how="variant", confidence=0.7)
    capital_of = country_of_capital(text)
    if capital_of and capital_of in ctx.countries:  # "Buenos Aires insists ..." in an article that
        return _country(capital_of, "GOV", "country", 0.6)  # names Argentina: its government
    role, sector, country = _role_context(span)
    if role and country:
        row = _table_role(ctx, role, country)
        if row and words[-1:] and words[-1] in row.name.replace("-", " ").split():
            return _from_row(row, 0.8, "role")
    if not role:
        role, sector, country = _media_possessor(ctx, span) or _party_context(ctx, span)
    elif not country and (role in COUNTRY_ROLES or _state_qualified(span)):
        country = _role_country(ctx, span)
    return Resolution(content_id("act:person", text.lower()).replace("act:person_", "act:person-"),
                      text, "person", country, sector, role, None, None, 0.5, "new",
                      _name_gender(text) or _honorific_gender(span))


def _namesakes_by_country(ctx: Context, span: SpacySpan, rows: list[TableActor]) -> list[TableActor]:
    """Table people who share a name ("King Abdullah" of Saudi Arabia and of Jordan): the one whose
    country is named near the mention, else in the article, first; the table's order otherwise."""
    if len({r.actor_id for r in rows}) < 2:
        return rows
    near = ctx.countries_near(span)
    return sorted(rows, key=lambda r: (r.country not in near, r.country not in ctx.countries, not r.active(ctx.day)))


#: sectors of bodies of a state, whose country the article's country may stand for
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "PTY"})
#: offices only a state has, whose country the article's country may stand for ("the senator");
#: not those companies, clubs and universities have too ("president", "spokesman", "official")
COUNTRY_ROLES = frozenset({"legislator", "governor", "mayor", "minister", "foreign minister", "defence minister",
                           "interior minister", "finance minister", "ambassador", "diplomat", "envoy",
                           "attorney general", "police officer", "police chief", "prosecutor", "judge",
                           "presidential candidate", "campaign manager", "party leader"})
#: AP-style abbreviations of offices held in the United States ("Sen.", "Gov.")
US_TITLES = frozenset({"sen.", "sens.", "rep.", "reps.", "gov.", "lt.", "del."})
HONORIFICS = {"mr.": "m", "mr": "m", "mrs.": "f", "mrs": "f", "ms.": "f", "ms": "f", "miss": "f"}
#: "(R-S.C.)", "(D-Vt.)", "(I-Vt.)": party and state of a US legislator after the name
_PARTY_STATE = re.compile(r"^\s*\(\s*[RDI]\s*[-–]\s*[A-Z][A-Za-z. ]{1,14}\)")


#: words that make an office before a name one of a state ("*foreign ministry* spokesperson X")
STATE_WORDS = frozenset({"ministry", "government", "foreign", "defence", "defense", "interior", "embassy",
                         "military", "army", "navy", "police", "presidential", "cabinet", "kremlin"})


def _state_qualified(span: SpacySpan) -> bool:
    doc = span.doc
    left = doc[max(sent_of(doc, span.start).start, span.start - 4): span.start]
    return any(t.lower_ in STATE_WORDS for t in left)


def _honorific_gender(span: SpacySpan) -> str | None:
    return HONORIFICS.get(span.doc[span.start - 1].lower_) if span.start > 0 else None


def _gender_agrees(span: SpacySpan, gender: str | None) -> bool:
    """"*Mrs.* Clinton" is not Bill Clinton: an honorific before the name and the person's
    known gender must not disagree."""
    said = _honorific_gender(span)
    return not (said and gender and said != gender)


def _role_country(ctx: Context, span: SpacySpan) -> str | None:
    """The country of an office named before a name when no country is said there: a US
    state ("Ohio Gov. X"), a US title or a party-state note ("Sen. X (R-S.C.)"), else the
    country the article is about."""
    doc = span.doc
    left = doc[max(sent_of(doc, span.start).start, span.start - 6): span.start]
    region = next((country_of_region(_ent_text(t)) for t in left if t.ent_type_ and country_of_region(_ent_text(t))), None)
    if region:
        return region
    us_style = any(t.lower_ in US_TITLES for t in left) or _PARTY_STATE.match(doc.text[span.end_char:span.end_char + 20])
    main = ctx.main_country()
    return main or ("USA" if us_style else None)


def _media_possessor(ctx: Context, span: SpacySpan) -> tuple[str, str, str | None] | None:
    """("journalist", "MED", country) for a name owned by a news outlet ("CNN's Wolf Blitzer",
    "Fox News' Megyn Kelly"): an interviewer, not a party to the news."""
    doc = span.doc
    i = span.start - 1
    if i < 1 or doc[i].text not in ("'s", "’s", "'", "’"):
        ent = next((e for e in entities(doc) if e.end == span.start and e.label_ == "ORG"
                    and e.text.endswith(("'", "’"))), None)  # "Fox News'" with its mark
    else:
        ent = next((e for e in entities(doc) if e.end == i and e.label_ == "ORG"), None)
    if ent is None:
        return None
    org = _organization(ctx, ent)
    return ("journalist", "MED", org.country) if org.sector == "MED" else None


def _party_context(ctx: Context, span: SpacySpan) -> tuple[str | None, str | None, str | None]:
    """(role, sector, country) of a name introduced by its party ("Republican Paul Ryan",
    "Democrat X") or followed by a US party-state note ("X (D-Vt.)")."""
    doc = span.doc
    if _PARTY_STATE.match(doc.text[span.end_char:span.end_char + 20]):
        return "legislator", "LEG", "USA"
    prev = doc[span.start - 1] if span.start > 0 else None
    party = _party_word(ctx, prev.text) if prev is not None and prev.text[:1].isupper() else None
    return ("politician", "PTY", party[0]) if party else (None, None, None)


def _party_word(ctx: Context, word: str) -> tuple[str, str] | None:
    """(country, party) of a party name or word, where the article allows it (a word shared by
    parties of several countries, "Republican", needs that country in play)."""
    found = parties().get(word.strip())
    if found is None:
        return None
    country, party, needs_context = found
    if needs_context and ctx.main_country() not in (country, None) and country not in ctx.countries:
        return None
    return country, party


#: offices one person holds at a time in a country: "the defence minister" is that person,
#: "the senator" or "the governor" is one of many
SINGLE_HOLDER_ROLES = frozenset({"head of state", "head of government", "vice president", "foreign minister",
                                 "defence minister", "interior minister", "finance minister", "attorney general",
                                 "chief of general staff", "presidential spokesman", "secretary-general", "pope"})
#: offices of one state whatever the text's countries ("the Pope" is the Holy See's)
ROLE_COUNTRY = {"pope": "VAT"}


def _full_name_later(span: SpacySpan, words: tuple[str, ...]) -> SpacySpan | None:
    """The first person named in full after a bare surname ("Dean" ... "Howard Dean")."""
    if len(words) != 1 or not words[0][:1].isupper():
        return None
    for ent in entities(span.doc):
        if ent.start >= span.end and ent.label_ == "PERSON" and len(ent) > 1 \
                and _strip(ent.text).replace("-", " ").split()[-1] == words[0]:
            return ent
    return None


def _table_role(ctx: Context, role: str, country: str) -> TableActor | None:
    if role not in SINGLE_HOLDER_ROLES:
        return None
    for row in ctx.table.rows:
        if row.role == role and row.country == country and row.active(ctx.day):
            return row
    return None


# -- organisations, places, demonyms, descriptions -------------------------------------------

def _name_beyond(ctx: Context, ent: SpacySpan) -> tuple[SpacySpan, Resolution] | None:
    """"the *Islamic* State": a demonym the tagger cut off a name in the actor table ("Islamic
    State", "Muslim Brotherhood") is that name, with the capitalised words after it."""
    doc, end = ent.doc, ent.end
    while end < len(doc) and end - ent.end < 3 and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper():
        end += 1
    if end == ent.end:
        return None
    span = doc[ent.start:end]
    rows = ctx.table.lookup(_titled(_strip(span.text)), ctx.day)
    return (span, _from_row(rows[0], 0.9, "table")) if rows else None


def _organization(ctx: Context, span: SpacySpan) -> Resolution:
    text = _titled(_strip(span.text))
    rows = ctx.table.lookup(text, ctx.day) or ctx.table.lookup(re.sub(r"^[Tt]he ", "", text), ctx.day)
    if rows:
        return _from_row(rows[0], 0.9, "table")
    iso = country_by_name(text)
    if iso:
        return _country(iso, "GOV", "country")
    party = _party_word(ctx, text)
    if party is not None:  # "GOP", "the Republican National Committee"
        return _party_resolution(*party)
    lower = text.lower()
    sector = next((s for word, s in ORG_SECTORS if word in lower.split() or lower.endswith(word)), None)
    country = next((_place_country(w) or country_of_region(w) for w in text.split()
                    if _place_country(w) or country_of_region(w)), None)
    if country is None and sector in STATE_SECTORS:  # "the Navy", "the Sixth Circuit court"
        country = ctx.main_country()
    return Resolution(content_id("act:org", lower).replace("act:org_", "act:org-"), text,
                      "organization", country, sector, None, None, None, 0.5, "new")


def _agentive(token: Token) -> bool:
    """A subject, possessor or by-agent (directly or as a conjunct of one)."""
    seen = 0
    while token.dep_ == "conj" and seen < 10:
        token, seen = token.head, seen + 1
    if token.dep_ in AGENT_DEPS:
        return True
    return token.dep_ == "pobj" and token.head.lower_ == "by"


def _geopolitical(ctx: Context, span: SpacySpan) -> Resolution | None:
    text = _titled(_strip(span.text))
    demonym = country_of_demonym(text)
    if demonym:
        return _country(_korean(ctx, text, demonym), None, "demonym", 0.7)
    if not _agentive(span.root):
        return None
    iso = country_by_name(text)
    if iso:
        return _country(iso, "GOV", "country", 0.85)
    iso = country_of_capital(text)
    if iso:
        return _country(iso, "GOV", "metonymy", 0.8)
    rows = ctx.table.lookup(text, ctx.day)
    if rows:
        return _from_row(rows[0], 0.85, "table")
    return Resolution(content_id("act:place", text.lower()).replace("act:place_", "act:place-"),
                      text, "group", None, "GOV", None, None, None, 0.3, "new")


def _unresolved(text: str, actor_type: str) -> Resolution:
    """What is known of a mention no table, country or rule resolves: its words and type."""
    norm = " ".join(text.split())
    return Resolution(content_id("act:group", norm.lower()).replace("act:group_", "act:group-"),
                      norm, actor_type, None, None, None, None, None, 0.2, "unresolved")


def _korean(ctx: Context, text: str, iso: str) -> str:
    return (ctx.korea_side() or iso) if text == "Korean" else iso


def _demonym_parts(ctx: Context, span: SpacySpan) -> list[tuple[int, int, Resolution]]:
    """A NORP like "Russian-North Korean" split into its demonyms (char offsets)."""
    text, base = span.text, span.start_char
    whole = country_of_demonym(_titled(_strip(text)))
    if whole:
        return [(base, span.end_char, _country(_korean(ctx, text, whole), None, "demonym", 0.7))]
    out, pos = [], 0
    for part in text.split("-"):
        iso = country_of_demonym(part)
        if iso:
            out.append((base + pos, base + pos + len(part), _country(iso, None, "demonym", 0.7)))
        pos += len(part) + 1
    return out


def _modifier_country(ctx: Context, head: Token) -> str | None:
    """The country of a description: a country, demonym or state before its head ("South
    Korea's", "Ohio"), or a country after it ("the government *of Saudi Arabia*")."""
    for child in head.children:
        if child.dep_ in ("amod", "compound", "poss", "nmod") and child.i < head.i:
            iso = _place_country(_strip(_ent_text(child))) or _place_country(child.text) or (
                country_of_region(_ent_text(child)) if child.ent_type_ == "GPE" else None)
            if iso:
                return _korean(ctx, _ent_text(child), iso)
        if child.dep_ == "prep" and child.lower_ == "of" and child.i > head.i:
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            iso = _place_country(_strip(_ent_text(obj))) if obj is not None and obj.ent_type_ == "GPE" else None
            if iso:
                return iso
    return None


def _description(ctx: Context, head: Token) -> tuple[int, Resolution] | None:
    """A generic agent or role noun phrase: (start token, resolution)."""
    start = _phrase_start(head)
    words = " ".join(t.lower_ for t in head.doc[start: head.i + 1]  # the head itself may be a possessor ("the *Pope*'s visit")
                     if (t.i == head.i or t.dep_ not in ("det", "poss")) and not t.ent_type_)
    iso = _modifier_country(ctx, head)
    nouns = [t.lower_ for t in head.doc[start: head.i + 1]  # not an adjective: "*general* elections"
             if (t.i == head.i or t.dep_ not in ("det", "poss")) and not t.ent_type_ and not (t.pos_ == "ADJ" and t.dep_ == "amod")]
    role = _find_role(nouns) if nouns else None
    if role and any(w in PRIVATE_UNITS for w in nouns[:-1]):
        return None  # "the *team* leader", "a gang leader": no office of a state
    if role and any(c.dep_ == "amod" and c.lower_ in NOT_YET for c in head.children):
        return None  # "the *next* president": nobody holds it yet
    if role and role[0] in ROLE_COUNTRY and any(c.dep_ in ("amod", "compound", "nmod") for c in head.children):
        return None  # "the *Coptic* pope": another church's office
    tail = words.split()
    generic = next((g for k in range(len(tail)) if (g := generics().get(" ".join(tail[k:])))), None) \
        or generics().get(head.lower_)  # the longest known ending: "(local) police officers" before "officers"
    if role and not generic:
        return start, _role_resolution(ctx, role, iso, definite=not _indefinite(head), former=_former(head))
    if not generic:
        return None
    sector, label = generic
    iso = iso or (_owner_country(ctx, head) if sector in STATE_SECTORS else None)
    if iso:
        kind = "country" if head.lemma_.lower() in GOVERNMENT_NOUNS else "generic"
        return start, _country(iso, sector, "demonym" if kind == "generic" else "country", 0.8, kind)
    return start, Resolution(f"act:generic-{label.replace(' ', '-')}", label, "generic", None,
                             sector, None, None, None, 0.5, "generic")


def _owner_country(ctx: Context, head: Token) -> str | None:
    """The country of the person in play who owns a generic agent ("Putin's troops" -> RUS)."""
    owner = next((c for c in head.children if c.dep_ == "poss" and c.ent_type_ == "PERSON"), None)
    ent = next((e for e in entities(head.doc) if owner is not None and e.start <= owner.i < e.end), None)
    return _person(ctx, ent).country if ent is not None else None


#: determiners of someone not met before ("*a* white police officer"): no person in play
INDEFINITE = frozenset({"a", "an", "another", "one", "some"})


def _indefinite(head: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in INDEFINITE for c in head.children)


#: words that make an office one held before ("the *former* governor"): not its holder now
FORMER = frozenset({"former", "ex", "onetime", "erstwhile"})


def _former(head: Token) -> bool:
    return any(c.dep_ in ("amod", "compound", "advmod") and c.lower_.rstrip("-") in FORMER for c in head.children)


def _role_resolution(ctx: Context, role: tuple[str, str], iso: str | None, definite: bool = True,
                     former: bool = False) -> Resolution:
    """The holder of an office named by a description: the table's holder in that country, else
    (for "the senator", not "a senator") the holder in play, else the office itself. A former
    office ("the former governor") is held by a person in play whose term of it the table says has
    ended, never by its holder now."""
    name, sector = role
    iso = ROLE_COUNTRY.get(name, iso)
    if iso and not former:
        row = _table_role(ctx, name, iso)
        if row and definite:
            return _from_row(row, 0.8, "role")
    for _, res, _ in reversed(ctx.people if definite else ()):
        rows = ctx.table.by_id.get(res.actor_id, ())
        held = any(r.role == name and r.end and not r.active(ctx.day) for r in rows) if former else \
            res.role == name or any(r.role == name and r.active(ctx.day) for r in rows)
        if (iso is None or res.country == iso) and held:
            return replace(res, how="role", confidence=0.7)  # "the senator": the one in play
    iso = iso or (ctx.main_country() if name in COUNTRY_ROLES else None)
    return Resolution(f"act:generic-{name.replace(' ', '-')}" + (f"-{iso}" if iso else ""), name,
                      "generic", iso, sector, name, None, None, 0.4, "role")


PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def _pronoun(ctx: Context, token: Token) -> Resolution | None:
    """"He" is, among the people named before it whose gender does not disagree: the subject
    of a clause that governs it ("Kasich said *he* would ..." -> Kasich); else the person the
    sentence, or the one before, is about (its subject), rather than the last person named
    ("Kim met Lee. He said ..." -> Kim), an interviewer (a journalist) only when nobody else
    is; else the last person named."""
    gender = PRONOUN_GENDER.get(token.lower_)
    quoted = _quoted_parts(token.doc)
    here = [(a, b) for a, b in quoted if a <= token.idx < b]  # a "he" inside a quotation may mean a name in it
    before = [(char, res) for char, res, _ in ctx.people
              if char < token.idx and not (gender and res.gender and res.gender != gender)
              and not any(a <= char < b and (a, b) not in here for a, b in quoted)]
    if not before:
        return None
    governing = _asked(token, before) or _governing_subject(token, before)
    if governing is not None:
        return replace(governing, how="pronoun", confidence=0.7)
    doc = token.doc
    sent = sent_of(doc, token.i)
    prev_start = sent_of(doc, sent.start - 1).start_char if sent.start > 0 else sent.start_char
    ranked = [(_subject_rank(doc, char), char >= sent.start_char, char, res) for char, res in before
              if char >= prev_start]
    ranked = [r for r in ranked if r[0]]
    if any(res.sector != "MED" for _, res in before):  # an interviewer is not who the news is about
        ranked = [r for r in ranked if r[3].sector != "MED"]
        before = [(char, res) for char, res in before if res.sector != "MED"]
    if not ranked:
        near = [(char, res) for char, res in before if char >= prev_start]  # "And as for Trump, he was ..."
        recent = _recent_subject(doc, sent, before)
        char, found = near[-1] if near else next(((c, r) for c, r in reversed(before) if r is recent), before[-1])
        if _unnamed_person_since(doc, token, char, subject_only=False):
            return None  # "a clip of Obama's speech, then a statement from *the prisoner*. He asks ..."
        return replace(found, how="pronoun", confidence=0.5)
    rank, _, char, found = max(ranked, key=lambda r: r[:3])
    if _unnamed_person_since(doc, token, char, subject_only=rank == 2):
        return None
    return replace(found, how="pronoun", confidence=0.6)


#: nouns for a person the text names by no name ("the prisoner", "a masked man")
PERSON_NOUNS = frozenset({"man", "woman", "boy", "girl", "prisoner", "hostage", "captive", "victim", "suspect",
                          "gunman", "attacker", "father", "mother", "son", "daughter", "husband", "wife", "brother",
                          "sister", "child", "teenager", "teen", "driver", "pilot", "passenger", "witness", "resident",
                          "student", "teacher", "doctor", "nurse", "patient", "worker", "employee", "soldier",
                          "officer", "journalist", "reporter", "narrator", "speaker", "caller", "author", "source"})


#: the gender of those nouns that have one ("Her *husband* stayed home. She said": not him)
NOUN_GENDER = {"man": "m", "boy": "m", "father": "m", "son": "m", "husband": "m", "brother": "m",
               "woman": "f", "girl": "f", "mother": "f", "daughter": "f", "wife": "f", "sister": "f"}


#: words before an office whose holder is not known yet
NOT_YET = frozenset({"next", "future", "eventual", "prospective", "hypothetical", "incoming"})
#: groups that are no public body: a role word after one ("team leader") holds no office
PRIVATE_UNITS = frozenset({"team", "gang", "ring", "cult", "band", "club", "project", "choir", "crew", "shift",
                           "tour", "section", "household", "family", "expedition", "scout"})


def _unnamed_person_since(doc: Doc, token: Token, char: int, subject_only: bool) -> bool:
    """Whether a person named by a common noun ("the prisoner") comes after ``char`` and before
    the pronoun ``token`` (a subject, with ``subject_only``), outside quotations: the pronoun
    may well be that person, not the one named before."""
    quoted, gender = _quoted_parts(doc), PRONOUN_GENDER.get(token.lower_)
    i = token.i - 1
    while i >= 0 and doc[i].idx > char:
        t = doc[i]
        if t.lemma_.lower() in PERSON_NOUNS and not t.ent_type_ and t.tag_ == "NN" \
                and NOUN_GENDER.get(t.lemma_.lower(), gender) == (gender or NOUN_GENDER.get(t.lemma_.lower())) \
                and (not subject_only or t.dep_ in ("nsubj", "nsubjpass")) and not any(a <= t.idx < b for a, b in quoted):
            return True
        if _one_of_them(t) and not any(a <= t.idx < b for a, b in quoted):
            return True  # "One of his friends told the Post ... 'X,' he added": the friend
        i -= 1
    return False


def _one_of_them(t: Token) -> bool:
    """"one of his friends", "another of the neighbours" as a subject: a person named by no name."""
    return t.lower_ in ("one", "another") and t.dep_ in ("nsubj", "nsubjpass") and any(
        c.lower_ == "of" and any(o.tag_ == "NNS" and (o.lemma_.lower() in PERSON_NOUNS or o.lemma_.lower() in OTHERS_OF
                                                       or o.lower_ in OTHERS_OF) for o in c.children)
        for c in t.children)


def _quoted_parts(doc: Doc) -> list[tuple[int, int]]:
    """The quoted passages of the doc (once per doc): a person named inside one ("'Jesus means
    what he says,' he said") is no antecedent of a pronoun outside it."""
    found = doc.user_data.get("newsgraph_quoted_parts")
    if found is None:
        found = doc.user_data["newsgraph_quoted_parts"] = [
            part for q in scan_quotes(doc_text(doc), ascii_pairs=True).quotes for part in q.parts]
    return found


def _recent_subject(doc: Doc, sent: SpacySpan, before: list[tuple[int, Resolution]],
                    window: int = 3) -> Resolution | None:
    """The person last named as a subject in the ``window`` sentences before ``sent`` ("Trump
    never missed ... He claimed ... He attacked": Trump, not the rival named as an object)."""
    start = sent.start
    for _ in range(window):
        if start == 0:
            break
        start = sent_of(doc, start - 1).start
    floor = doc[start].idx
    subjects = [res for char, res in before if char >= floor and _subject_rank(doc, char)]
    return subjects[-1] if subjects else None


_REPLYING = frozenset({"reply", "respond", "answer", "retort"})
_ASKING = frozenset({"ask", "question", "quiz", "press", "challenge"})


def _asked(token: Token, before: list[tuple[int, Resolution]]) -> Resolution | None:
    """"Jones asks Patel if it is edible, to which *he* replies": who replies is who was asked."""
    verb = token.head
    if not token.dep_.startswith("nsubj") or verb.lemma_.lower() not in _REPLYING:
        return None
    for asking in (a for a in verb.ancestors if a.lemma_.lower() in _ASKING):
        for obj in (c for c in asking.children if c.dep_ in ("dobj", "dative")):
            lo, hi = obj.left_edge.idx, obj.idx + len(obj)
            found = [res for char, res in before if lo <= char < hi]
            if found:
                return found[-1]
    return None


def _governing_subject(token: Token, before: list[tuple[int, Resolution]]) -> Resolution | None:
    """The person in ``before`` named as the subject of a verb that governs the clause of
    ``token`` (its own clause's subject aside): "Kasich said [he would not attend]"."""
    clause = token.head
    for verb in clause.ancestors:
        for subj in verb.children:
            if subj.dep_ not in ("nsubj", "nsubjpass") or subj.i >= token.i or subj.i == clause.i:
                continue
            lo, hi = subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge)
            found = [(char, res) for char, res in before if lo <= char < hi]
            if found:  # the subject's head, not a name in its apposition ("Albright, a Clinton ally")
                first = min([subj.idx] + [c.idx for c in subj.children if c.dep_ in ("compound", "flat")])
                head = [res for char, res in found if first <= char < subj.idx + len(subj)]
                return head[-1] if head else found[-1][1]
            if subj.pos_ != "PRON":
                return None  # the governing subject is no person in play: no guess from here
    return None


def _subject_rank(doc: Doc, char: int) -> int:
    """2 for the subject of a sentence's main verb, 1 for that of another clause, else 0."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return 0
    tok = span[0]
    while tok.dep_ in ("compound", "flat", "appos") and tok.head != tok:
        tok = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass"):
        return 0
    return 2 if tok.head.dep_ == "ROOT" else 1


def _cardinal(ctx: Context, token: Token) -> Resolution | None:
    """ "the north" / "the south" for a Korea in play."""
    side = ctx.korea_side()
    if not side or not any(c.lower_ == "the" for c in token.children):
        return None
    return _country("PRK" if token.lower_ == "north" else "KOR", "GOV", "metonymy", 0.7)


# -- candidates and records ------------------------------------------------------------------

def _candidates(ctx: Context, doc: Doc) -> list[tuple[int, int, Resolution, str]]:
    """Every resolved mention in text order: (start char, end char, resolution, words)."""
    found: list[tuple[int, int, Resolution, str]] = []
    taken: set[int] = set()
    descriptions, others = _candidate_tokens(doc)
    for i in descriptions:
        token = doc[i]
        start = _noun_description_start(token)
        if start is not None:
            found.append((doc[start].idx, token.idx + len(token), None, f"desc:{token.i}"))
            taken.update(range(start, token.i + 1))
    for ent in entities(doc):
        if any(i in taken for i in range(ent.start, ent.end)):
            continue
        offices = [t for t in ent if t.lower_ in roles()] if ent.label_ == "ORG" else []
        name = _name_after_office(doc, offices[0]) if offices else None
        if name is not None:  # an office and a name taken together for an organisation
            found.append((name.start_char, name.end_char, None, "person"))
            taken.update(range(name.start, name.end))
            continue
        found.extend(_from_entity(ctx, ent))
    for i in others:
        if i in taken:
            continue
        token = doc[i]
        if (name := _name_after_office(doc, token)) is not None and not any(i in taken for i in range(name.start, name.end)):
            found.append((name.start_char, name.end_char, None, "person"))
            taken.update(range(name.start, name.end))
            continue
        if token.lower_ in PRONOUNS and token.pos_ == "PRON":
            found.append((token.idx, token.idx + len(token), None, "pronoun"))
        elif token.lower_ in FIRST_PERSON and token.pos_ == "PRON":
            found.append((token.idx, token.idx + len(token), None, "first"))
        elif token.lower_ in ("north", "south") and token.dep_ in ("nsubj", "nsubjpass", "poss", "pobj", "dobj"):
            res = _cardinal(ctx, token)
            if res:
                found.append((token.idx, token.idx + len(token), res, ""))
    found += _untagged_names(doc, taken)
    if _shouting_doc(doc):
        shouted = _shouted_names(ctx, doc, taken)
        found = [f for f in found if not any(f[0] < e and s < f[1] for s, e, _, _ in shouted)] + shouted
    text = doc_text(doc)
    found = [(*_trimmed(text, s, e), r, w) for s, e, r, w in found]
    found.sort(key=lambda f: f[0])
    return found


def _candidate_tokens(doc: Doc) -> tuple[list[int], list[int]]:
    """Indices of the tokens :func:`_candidates` looks at, read from the doc's token columns
    (not a spaCy Token per word): nouns outside PERSON and ORG entities that are a generic agent or a
    role (a description's head), and tokens outside entities that are a role, "he"/"she" or
    "north"/"south". Every other token yields nothing there."""
    if not len(doc):
        return [], []
    t = tokens_of(doc)
    pos, ent, lower = t.column(POS), t.column(ENT_TYPE), t.column(LOWER)
    heads, loose = _word_ids()
    descriptions = (numpy.isin(lower, heads) & ((pos == NOUN) | (pos == PROPN))
                    & (ent != get_string_id("PERSON")) & (ent != get_string_id("ORG")))
    others = numpy.isin(lower, loose) & (ent == 0)
    return descriptions.nonzero()[0].tolist(), others.nonzero()[0].tolist()


@lru_cache(maxsize=1)
def _word_ids() -> tuple[numpy.ndarray, numpy.ndarray]:
    """String ids (as in a token's LOWER) of the words that can head a generic agent or role
    description (see _noun_description_start), and of those the last pass of _candidates
    acts on: a role (an office before a name), "he"/"she", "north"/"south"."""
    heads = {*generics(), *roles()}
    loose = {*roles(), *PRONOUNS, *FIRST_PERSON, "north", "south"}
    return (numpy.array(sorted(map(get_string_id, heads)), dtype=numpy.uint64),
            numpy.array(sorted(map(get_string_id, loose)), dtype=numpy.uint64))


def _shouting_doc(doc: Doc) -> bool:
    """Most words in capitals: the parser's entities are unreliable there."""
    if not len(doc):
        return False
    alpha, upper, length = doc.to_array([IS_ALPHA, IS_UPPER, LENGTH]).T  # one pass, not a Token each
    words = (alpha == 1) & (length > 1)
    return bool(words.any()) and int((words & (upper == 1)).sum()) > 0.6 * int(words.sum())


def _shouted_names(ctx: Context, doc: Doc, taken: set[int]) -> list[tuple[int, int, Resolution, str]]:
    """Table names of two or three words found in ALL-CAPS text the parser missed."""
    out = []
    i = 0
    while i < len(doc):
        hit = None
        for n in (3, 2):
            if i + n <= len(doc) and not taken & set(range(i, i + n)):
                rows = ctx.table.lookup(doc[i:i + n].text.title(), ctx.day)
                if rows:
                    hit = (n, rows[0])
                    break
        if hit:
            span = doc[i:i + hit[0]]
            out.append((span.start_char, span.end_char, _from_row(hit[1], 0.7, "table"), ""))
            i += hit[0]
        else:
            i += 1
    return out


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without a trailing possessive ("South Korea's" -> "South Korea")."""
    for suffix in ("'s", "’s"):
        if text.endswith(suffix, start, end) and end - start > len(suffix):
            return start, end - len(suffix)
    return start, end


def _noun_description_start(token: Token) -> int | None:
    """First token of a generic-agent or role noun phrase headed by ``token``, or None."""
    lower = token.lower_
    if lower not in generics() and not _find_role([lower]):
        return None
    if lower in roles() and (
            (token.head.ent_type_ == "PERSON" and (token.head.i > token.i or token.dep_ == "appos"))
            or any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in token.children)):
        return None  # the role of a named person: it goes with the name
    if token.dep_ == "compound" and token.head.pos_ in ("NOUN", "PROPN"):
        return None
    return _phrase_start(token)


def _phrase_start(head: Token) -> int:
    return min([head.i] + [c.left_edge.i for c in head.children
                           if c.i < head.i and c.dep_ in ("det", "amod", "compound", "poss", "nmod")])


#: names the parser takes for people or organisations that are days and feasts, never actors
_OCCASIONS = frozenset({"ramadan", "eid", "eid al-fitr", "eid al-adha", "christmas", "christmas day", "christmas eve",
                        "easter", "easter sunday", "thanksgiving", "hanukkah", "diwali", "passover", "lent", "halloween",
                        "new year", "new year's day", "new year's eve", "black friday", "cyber monday", "valentine's day",
                        "yom kippur", "rosh hashanah", "holi", "nowruz", "good friday", "boxing day", "labor day",
                        "memorial day", "independence day", "mother's day", "father's day", "super bowl sunday"})
_PRODUCT = re.compile(r"^(?:i[A-Z]\w*|[A-Z][a-z]+[A-Z]\w*)(?:\s+\w+)*\s+\d|^i[A-Z][a-z]+")


#: nouns for works whose titles the tagger takes for names ("her book *Living History*")
WORK_NOUNS = frozenset({"book", "memoir", "novel", "film", "movie", "album", "song", "show", "series", "play",
                        "documentary", "essay", "column", "poem", "opera", "painting", "biography", "autobiography"})


def _not_an_actor(ent: SpacySpan) -> bool:
    """A day or feast ("Ramadan", "Black Friday"), a product ("iPhone 6", "iPad") or the title
    of a work ("the memoir *Long Walk*")."""
    text = _strip(ent.text)
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return text.lower() in _OCCASIONS or bool(_PRODUCT.match(text)) or (
        before is not None and before.pos_ == "NOUN" and before.lemma_.lower() in WORK_NOUNS)


def _from_entity(ctx: Context, ent: SpacySpan) -> list[tuple[int, int, Resolution, str]]:
    label = ent.label_
    if label in ("PERSON", "ORG") and _not_an_actor(ent):
        return []
    if label == "PERSON":
        lead = next((t.i for t in ent if t.text[:1].isupper()), ent.start)  # "foreign ministry
        name = ent.doc[lead:ent.end] if lead < ent.end - 1 else ent  # spokesperson Inés ...": the name
        if _names_a_place(ent):
            return []
        iso = country_by_name(_strip(name.text))
        if iso and not any(_strip(name.text) in w for w in ctx.people_words):  # "aid to *Niger*": a country
            return [(name.start_char, name.end_char, _country(iso, "GOV", "country"), "")]
        if _org_shaped(ctx, name):
            return [(name.start_char, name.end_char, _organization(ctx, name), "")]
        return [(name.start_char, name.end_char, None, "person")]
    if label == "ORG" and (_person_after_office(ent) or _person_by_title(ent)):
        return [(ent.start_char, ent.end_char, None, "person")]
    if label == "ORG":
        name = _strip(ent.text)  # a country as a subject speaks for its government; so does a capital
        rows = ctx.table.lookup(_titled(name), ctx.day) if len(name.split()) == 1 else []
        if rows and rows[0].actor_type == "person":  # a surname taken for an organisation: resolved
            return [(ent.start_char, ent.end_char, None, "person")]  # in order, as a person
        iso = country_by_name(name)
        capital = country_of_capital(name)  # a capital the tagger calls an organisation is its
        if capital and not iso and _capital_stands_for(ctx, capital):  # government ("Washington said")
            return [(ent.start_char, ent.end_char, _country(capital, "GOV", "metonymy", 0.75), "")]
        res = _country(iso, "GOV", "country") if iso and _agentive(ent.root) else _organization(ctx, ent)
        return [(ent.start_char, ent.end_char, res, "")]
    if label == "NORP" and (party := _party(ctx, ent)) is not None:
        return [(ent.start_char, ent.end_char, party, "")]
    if label == "NORP" and (named := _name_beyond(ctx, ent)) is not None:
        return [(named[0].start_char, named[0].end_char, named[1], "")]
    if label == "NORP" or (label == "GPE" and country_of_demonym(_strip(ent.text))):
        parts = _demonym_parts(ctx, ent)
        if not parts:
            parts = [(ent.start_char, ent.end_char, _unresolved(ent.text, "group"))]
        private = "CVL" if _of_people(ent) or _one_of_people(ent) else "BUS" if _of_business(ent) else None
        if private:  # "an *American* Muslim": civilians; "*Chinese* steel makers": its companies, not its state
            parts = [(s, e, replace(r, actor_id=country_actor_id(r.country, private), sector=private, actor_type="group")
                      if r.country and r.sector is None else r) for s, e, r in parts]
        return [(s, e, r, "") for s, e, r in parts]
    if label == "GPE" and _person_by_title(ent) and not _place_country(_strip(ent.text)):
        return [(ent.start_char, ent.end_char, None, "person")]  # "Ololade Adeyemi, the agency's director"
    if label in ("GPE", "LOC"):
        res = _geopolitical(ctx, ent)
        return [(ent.start_char, ent.end_char, res, "")] if res else []
    return []


#: last words of organisation names ("PolitiFact", "Demos Institute"): never a person's
ORG_ENDINGS = ("fact", "news", "media", "press", "post", "times", "tv", ".com", ".org", "inc", "corp", "llc",
               "ltd", "group", "foundation", "institute", "institution", "association", "council", "committee",
               "party", "agency", "bureau", "department", "ministry", "university", "college", "bank", "fund",
               "network", "radio", "magazine", "journal", "herald", "tribune", "gazette", "daily")


def _org_shaped(ctx: Context, span: SpacySpan) -> bool:
    """A name the tagger took for a person that is an organisation: one in the table, or one
    with no person's shape (one word in capitals and small letters mixed, "PolitiFact", or
    ending like an organisation, "... Institute"), unless somebody in play bears it."""
    text = _titled(_strip(span.text))
    words = text.split()
    if any(set(words) <= w for w in ctx.people_words):
        return False
    rows = ctx.table.lookup(text, ctx.day)
    if rows:
        return rows[0].actor_type != "person"
    last = words[-1].lower() if words else ""
    camel = len(words) == 1 and any(c.isupper() for c in words[0][1:]) and not words[0].isupper() \
        and not re.match(r"^(Mc|Mac|O'|D'|De|Di|La|Le)[A-Z]", words[0])
    acronym = len(words) == 1 and words[0].isalpha() and words[0].isupper() and 2 <= len(words[0]) <= 6
    return camel or acronym or any(last == e or (len(words) == 1 and last.endswith(e) and len(last) > len(e) + 2)
                        for e in ORG_ENDINGS)


#: nouns for private people: a demonym before one names civilians of that country, not its state
PEOPLE_NOUNS = frozenset({"man", "woman", "person", "people", "citizen", "national", "civilian", "resident",
                          "tourist", "student", "worker", "muslim", "christian", "jew", "family", "teenager",
                          "teen", "boy", "girl", "child", "voter", "immigrant", "migrant", "refugee", "victim",
                          "hostage", "traveler", "traveller", "businessman", "businesswoman", "doctor", "nurse",
                          "volunteer", "couple", "youth", "mother", "father", "son", "daughter", "wife", "husband",
                          "blogger", "expat", "pensioner"})


def _of_people(ent: SpacySpan) -> bool:
    """A demonym that qualifies a noun for private people ("an American Muslim")."""
    root = ent.root
    head = root.head
    return root.dep_ in ("amod", "compound", "nmod") and head.i > root.i and head.lemma_.lower() in PEOPLE_NOUNS


def _one_of_people(ent: SpacySpan) -> bool:
    """A demonym that is itself one person ("*the first American* to ...", "*a Briton*"):
    singular, the head of its phrase, with a determiner or a number word before it."""
    root = ent.root
    return len(ent) == 1 and not country_by_name(_strip(ent.text)) and root.tag_ in ("NNP", "NN") and root.dep_ not in ("amod", "compound", "nmod") \
        and any(c.dep_ in ("det", "amod", "nummod") and c.i < root.i for c in root.children)


#: nouns for companies: a demonym before one names that country's businesses, not its state
BUSINESS_NOUNS = frozenset({"maker", "producer", "manufacturer", "company", "firm", "bank", "exporter", "importer",
                            "investor", "business", "automaker", "carmaker", "steelmaker", "supplier", "retailer",
                            "lender", "insurer", "airline", "corporation", "conglomerate", "brand", "startup",
                            "buyer", "seller", "shipper", "developer", "operator", "telecom", "giant"})


def _of_business(ent: SpacySpan) -> bool:
    """A demonym that qualifies a noun for companies ("some Chinese steel *makers*")."""
    root = ent.root
    return root.dep_ in ("amod", "compound", "nmod") and root.head.i > root.i \
        and root.head.lemma_.lower() in BUSINESS_NOUNS


def _party(ctx: Context, ent: SpacySpan) -> Resolution | None:
    """A party named by its name or its members' word ("Republicans", "Tories"), as an actor
    of that country's party sector."""
    found = _party_word(ctx, _strip(ent.text))
    return _party_resolution(*found) if found is not None else None


def _party_resolution(country: str, party: str) -> Resolution:
    slug = re.sub(r"[^a-z]+", "-", party.lower()).strip("-")
    return Resolution(f"act:party-{country}-{slug}", party, "organization", country, "PTY", None, None, None,
                      0.75, "table")


#: a country this populous is one whose capital news names for its government unannounced
POWER_POPULATION = 30_000_000


def _capital_stands_for(ctx: Context, iso: str) -> bool:
    """Whether a capital may stand for its government here: its country is named in the
    article (besides this name), or it is a large country's ("Washington", "Moscow"; not "Victoria", a name too)."""
    known = countries().get(iso)
    return ctx.countries.get(iso, 0) >= 2 or bool(known and known.population >= POWER_POPULATION)


def _person_after_office(ent: SpacySpan) -> bool:
    """"spokesperson *Lucia Quispe Mamani*" tagged as an organisation: two or more capitalised
    words right after an office noun, none of them a word organisations end with."""
    doc = ent.doc
    words = _strip(ent.text).split()
    return (ent.start > 0 and doc[ent.start - 1].lower_ in roles() and len(words) >= 2
            and all(w[:1].isupper() for w in words) and not any(w.lower().strip(".,") in ORG_ENDINGS for w in words))


#: what a person's appositive title may be ("Meenakshi Ganguly, South Asia *Director* at ...")
JOB_TITLES = frozenset({"director", "chairman", "chairwoman", "founder", "head", "analyst", "professor", "researcher",
                        "editor", "correspondent", "adviser", "advisor", "expert", "lawyer", "attorney", "economist",
                        "manager", "coordinator", "fellow", "scholar", "activist", "author", "officer", "official"})


def _person_by_title(ent: SpacySpan) -> bool:
    """A two- or three-word name tagged as an organisation or a place whose appositive is a person's title
    ("Meenakshi Ganguly, South Asia Director at Human Rights Watch, wrote"), none of its words
    one that organisations end with."""
    words = _strip(ent.text).split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words) \
            or any(w.lower().strip(".,") in ORG_ENDINGS for w in words):
        return False
    return any(c.dep_ == "appos" and (c.lemma_.lower() in JOB_TITLES or c.lower_ in roles()) for c in ent.root.children)


def _names_a_place(ent: SpacySpan) -> bool:
    """"the Aysén region", "Santa Cruz province": a name the tagger took for a person,
    followed by a word for a place."""
    doc = ent.doc
    return ent.end < len(doc) and doc[ent.end].lower_ in PLACE_NOUNS


def _name_after_office(doc: Doc, office: Token) -> SpacySpan | None:
    """"foreign ministry spokesperson Inés Carballo Ríos", where the tagger left the name
    untagged (or took the office for an organisation): two or more capitalised words right
    after a role noun are a person."""
    if office.lower_ not in roles():
        return None
    start = end = office.i + 1
    while end < len(doc) and doc[end].pos_ == "PROPN" and doc[end].text[:1].isupper() and \
            doc[end].ent_type_ in ("", office.ent_type_):
        end += 1
    return doc[start:end] if end - start >= 2 else None


def _context(doc: Doc, article: Article, known: tuple[Record, ...] = ()) -> Context:
    """The article's Context, cached in ``doc.user_data``; a new one learns who is in play
    from Actor records already made (``known``)."""
    ctx = doc.user_data.get(CTX_KEY)
    if ctx is None or ctx.doc is not doc:
        ctx = Context(doc, article, doc.user_data.get(TABLE_KEY, ""))
        for rec in known:
            if isinstance(rec, Actor) and rec.actor_type == "person":
                res = Resolution(rec.actor_id, rec.name, rec.actor_type, rec.country, rec.sector,
                                 rec.role, rec.role_start, rec.role_end, rec.confidence, rec.how)
                ctx.remember(rec.start, res, tuple(rec.name.replace("-", " ").split()))
        doc.user_data[CTX_KEY] = ctx
    return ctx


#: where an untagged name acts or is acted on
NAME_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dobj", "pobj"})


def _untagged_names(doc: Doc, taken: set[int]) -> list[tuple[int, int, Resolution | None, str]]:
    """One-word names the NER left untagged as a subject, object or possessor ("*Espinoza* is of
    Mexican descent" after "Maria Espinoza"): resolved only to a person in play (``in_play``)."""
    return [(t.idx, t.idx + len(t), None, "in_play") for t in doc
            if t.pos_ == "PROPN" and not t.ent_type_ and t.i not in taken and t.dep_ in NAME_DEPS
            and t.text[:1].isupper() and t.is_alpha and not any(c.dep_ == "compound" for c in t.children)]


def _resolve_pending(ctx: Context, doc: Doc, start: int, end: int, what: str) -> Resolution | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if what == "in_play":
        return _person_in_play(ctx, span.text)
    if what == "person":
        return _person(ctx, span)
    if what == "pronoun":
        return _pronoun(ctx, span[0])
    if what.startswith("desc:"):
        desc = _description(ctx, doc[int(what[5:])])
        return desc[1] if desc else None
    return None


def _make(span_start: int, span_end: int, res: Resolution, doc: Doc, article: Article) -> Actor:
    rec = Span(span_start, span_end, article.text[span_start:span_end])
    return record_from_span(Actor, rec, article, NAME, VERSION,
                            sentence_at=sentence_index(doc, span_start), **_fields(res))


def _fields(res: Resolution) -> dict:
    return {"actor_id": res.actor_id, "name": res.name, "actor_type": res.actor_type,
            "country": res.country, "sector": res.sector, "role": res.role,
            "role_start": res.role_start, "role_end": res.role_end,
            "confidence": res.confidence, "how": res.how}


def extract(doc: Doc, article: Article, upstream: Mapping[str, tuple[Record, ...]]) -> tuple[Record, ...]:
    ctx = _context(doc, article)
    out: list[Record] = []
    first: list[tuple[int, int]] = []
    for start, end, res, what in _candidates(ctx, doc):
        if what == "first":
            first.append((start, end))
            continue
        if res is None:
            res = _resolve_pending(ctx, doc, start, end, what)
            if res is not None and what == "pronoun":
                res = ctx.learn_gender(res, article.text[start:end])
        elif res.actor_type == "organization" and res.how == "new":
            res = _person_in_play(ctx, article.text[start:end]) or res
        if res is None:
            continue
        words = tuple(_strip(res.name).replace("-", " ").split())  # a resolved "he" keeps its person in play
        ctx.remember(start, res, words if what == "pronoun" else
                     words + tuple(_titled(_strip(article.text[start:end])).replace("-", " ").split()))
        out.append(_make(start, end, res, doc, article))
    out += _first_person(doc, article, first, tuple(out))
    return tuple(sorted(out, key=lambda r: r.start))


def _first_person(doc: Doc, article: Article, tokens: list[tuple[int, int]],
                  known: tuple[Record, ...]) -> list[Actor]:
    """"I" and "we" inside a quote: the quote's speaker, where the speech verb's subject is an
    actor found here (a speaker known only to attribution is left alone)."""
    if not tokens:
        return []
    quotes = [q for q in find_quotes(doc) if q.speaker is not None]
    out = []
    for start, end in tokens:
        quote = next((q for q in quotes if q.start <= start < q.end), None)
        if quote is None:
            continue
        speaker = _overlapping(known, *quote.speaker)
        if speaker is None or speaker.how == "unresolved":
            continue
        res = Resolution(speaker.actor_id, speaker.name, speaker.actor_type, speaker.country, speaker.sector,
                         speaker.role, speaker.role_start, speaker.role_end, min(speaker.confidence, 0.6), "pronoun")
        out.append(_make(start, end, res, doc, article))
    return out


def _overlapping(actors: tuple[Record, ...], start: int, end: int) -> Actor | None:
    best, best_key = None, None
    for rec in actors:
        if not isinstance(rec, Actor) or rec.end <= start or rec.start >= end:
            continue
        inside = rec.start >= start and rec.end <= end
        # the person inside "foreign ministry spokesperson Inés Carballo Ríos", not the office
        key = (rec.start == start and rec.end == end, inside, inside and rec.actor_type == "person",
               rec.end - rec.start)
        if best_key is None or key > best_key:
            best, best_key = rec, key
    return best


def resolve_actor(span: SpacySpan, article: Article,
                  upstream: Mapping[str, tuple[Record, ...]]) -> Actor | None:
    """The Actor for a span of tokens (a speaker, a participant), or None.

    Uses the Actor records already produced (``upstream["actors"]``) where one overlaps the
    span; otherwise resolves the span afresh against the people and countries in play.
    """
    antecedent = _relative_antecedent(span)
    if antecedent is not None:
        found = resolve_actor(antecedent, article, upstream)
        return None if found is None else _make(span.start_char, span.end_char, _as_resolution(found, "pronoun"),
                                                span.doc, article)
    known = tuple(upstream.get(NAME, ()))
    found = _overlapping(known, span.start_char, span.end_char)
    if found is not None:
        return None if _others_of(span, found) else found
    body = _its_body(span, known)
    if body is not None:
        return _make(span.start_char, span.end_char, _as_resolution(body, "pronoun"), span.doc, article)
    ctx = _context(span.doc, article, known)
    res = _fresh(ctx, span)
    return _make(span.start_char, span.end_char, res, span.doc, article) if res else None


def _as_resolution(actor: Actor, how: str) -> Resolution:
    """An Actor record's resolution, reached another way (a pronoun): at most 0.6 sure."""
    return Resolution(actor.actor_id, actor.name, actor.actor_type, actor.country, actor.sector, actor.role,
                      actor.role_start, actor.role_end, min(actor.confidence, 0.6), how)


#: relative pronouns that stand for the noun their clause modifies
RELATIVE_PRONOUNS = frozenset({"who", "whom", "which", "that"})


def _relative_antecedent(span: SpacySpan) -> SpacySpan | None:
    """"a journalist *who* was kidnapped": the noun phrase a relative pronoun stands for (up
    to its head noun), or None."""
    if len(span) != 1:
        return None
    tok = span[0]
    clause = tok.head
    if tok.lower_ not in RELATIVE_PRONOUNS or clause.dep_ != "relcl" or clause.head.pos_ not in ("NOUN", "PROPN"):
        return None
    noun = clause.head
    if noun.dep_ == "appos" and noun.head.ent_type_ in ("PERSON", "ORG"):  # "X, the preacher *whom*": X
        name = noun.head
        return span.doc[name.left_edge.i: name.i + 1]
    return span.doc[noun.left_edge.i: noun.i + 1]


#: nouns for people other than the actor who qualifies them ("Trump's *supporters*", "the
#: *family* of the victim"): the phrase is not that actor
OTHERS_OF = frozenset({"supporter", "supporters", "fan", "fans", "voter", "voters", "follower", "followers",
                       "critic", "critics", "opponent", "opponents", "detractor", "detractors", "rival", "rivals",
                       "backer", "backers", "admirer", "admirers", "donor", "donors", "base", "family", "families",
                       "wife", "husband", "son", "sons", "daughter", "daughters", "child", "children", "mother",
                       "father", "parents", "brother", "sister", "friend", "friends", "victim", "victims",
                       "relatives", "widow", "lawyer", "lawyers", "attorney", "attorneys", "biographer", "accuser",
                       "accusers", "killer", "killers", "kidnappers", "captors",
                       # an outlet of a country is not its state ("US website TMZ")
                       "website", "site", "newspaper", "paper", "tabloid", "magazine", "blog", "outlet",
                       "broadcaster", "channel", "portal", "publication", "daily", "weekly",
                       # a paper's source or insider is not the paper
                       "source", "sources", "insider", "insiders", "reader", "readers", "viewer", "viewers"})


def _others_of(span: SpacySpan, actor: Actor) -> bool:
    """The span is headed by a noun for other people than ``actor``, which only qualifies it
    ("Sanders's supporters" are not Sanders)."""
    root = span.root
    return root.lower_ in OTHERS_OF and not (actor.start <= root.idx < actor.end)


def _its_body(span: SpacySpan, known: tuple[Record, ...]) -> Actor | None:
    """"it" as a subject ("the government summoned the ambassador over what it says were
    drone flights"), or "its" as a possessor ("the FBI nears the end of *its* investigation"):
    the body (not a person) that is the subject of a clause above it, else of the sentence
    before."""
    tok = span.root
    if len(span) != 1 or not (tok.lower_ == "it" and tok.dep_.startswith("nsubj") or tok.lower_ == "its" and tok.dep_ == "poss"):
        return None
    doc = tok.doc
    subjects = [c for a in tok.ancestors for c in a.children if c.dep_.startswith("nsubj") and c.i < tok.i]
    sent = sent_of(doc, tok.i)
    if sent.start > 0:
        subjects += [c for c in sent_of(doc, sent.start - 1).root.children if c.dep_.startswith("nsubj")]
    for subj in subjects:
        if subj.pos_ == "PRON":
            continue
        body = _overlapping(known, subj.idx, subj.idx + len(subj))
        return body if body is not None and body.actor_type != "person" else None
    return None


def _capital_as_place(span: SpacySpan) -> bool:
    """"the *Paris* attacks", "a *Moscow* court": a city (not a country) that modifies a noun
    names where, not who (a capital stands for its government as a subject or possessor)."""
    text = _titled(_strip(span.text))
    return span.root.dep_ in ("compound", "nmod", "amod") and not country_by_name(text) \
        and not country_of_demonym(text) and bool(country_of_capital(text))


def _fresh(ctx: Context, span: SpacySpan) -> Resolution | None:
    root = span.root
    if root.lower_ in PRONOUNS or (root.lower_ in ("his", "her") and root.dep_ == "poss" and len(span) == 1):
        return _pronoun(ctx, root)  # "his point of preventing a larger war": whose point
    in_play = _person_in_play(ctx, span.text)
    if in_play is not None:
        return in_play
    if root.ent_type_ == "PERSON" and not _names_a_place(span):
        return _person(ctx, span)
    iso = _place_country(_titled(_strip(span.text)))
    if iso and not _capital_as_place(span):
        return _country(iso, "GOV", "country", 0.7)
    desc = _description(ctx, root) if root.pos_ in ("NOUN", "PROPN") else None
    if desc:
        return desc[1]
    if root.ent_type_ == "ORG":
        return _organization(ctx, span)
    return None
