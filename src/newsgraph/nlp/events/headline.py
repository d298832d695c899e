"""A title-case headline, read again in sentence case.

"Mayor Ann Cole Rejects Union Offer to End Transit Strike": in title case the parser
takes the whole line for one name, so its acts are lost. When an article opens with such a line,
its event words and function words are lower-cased (names, months and every other word keep
their case) and the line alone is parsed again by the same model; the events of that line are
read from this parse. Only case changes, so every character offset is the article's own.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from .types import lexicon

__all__ = ["MODEL_KEY", "sentences"]

#: ``doc.user_data`` key of the spaCy model name the doc was parsed with (set by the pipeline)
MODEL_KEY = "newsgraph.model"
#: words that stay as they are: months and "May" (names of dates), and words that are names as often
KEEP = frozenset({"january", "february", "march", "april", "may", "june", "july", "august", "september",
                  "october", "november", "december", "sun", "will", "bill", "mark", "hope", "rush"})
FUNCTION_WORDS = frozenset({"a", "an", "the", "to", "at", "of", "in", "on", "for", "with", "over", "by", "from", "as",
                            "after", "before", "against", "into", "and", "or", "but", "is", "are", "was", "were", "be",
                            "been", "has", "have", "had", "not", "no", "out", "up", "down", "off", "about", "amid",
                            "says", "said", "say", "it", "its", "his", "her", "their", "they", "he", "she", "who",
                            "that", "this", "than", "if", "would", "could", "should", "can", "may", "might", "must"})
#: a line is a title-case headline when every word of four letters or more but the first and the
#: function words starts with a capital, and there are at least ``MIN_WORDS`` such words
MIN_WORDS = 3


def sentences(doc: Doc) -> list[Span]:
    """The doc's sentences, the first one from a sentence-case parse when it is a title-case
    headline (and the doc knows its model)."""
    sents = list(doc.sents)
    if len(sents) < 2 or not _title_case(sents[0]) or not doc.user_data.get(MODEL_KEY) \
            or "\n" not in doc.text[sents[0].end_char - 1:sents[1].start_char + 1]:
        return sents  # a headline is a line of its own, above the story
    recased = "".join(_recase(t) for t in sents[0])
    if recased == sents[0].text_with_ws:
        return sents
    return _reparsed(doc, sents[0], recased) + sents[1:]


def _title_case(sent: Span) -> bool:
    words = [t.text for t in sent[1:] if t.is_alpha and len(t.text) >= 4 and t.lower_ not in FUNCTION_WORDS]
    capital = sum(w[0].isupper() and not w.isupper() for w in words)
    return len(words) >= MIN_WORDS and capital == len(words) and "\n" not in sent.text.strip()


def _reparsed(doc: Doc, sent: Span, recased: str) -> list[Span]:
    from ..pipeline import load_model  # (the pipeline imports the extractors)

    text = doc.text[:sent.start_char] + recased
    mini = load_model(doc.user_data[MODEL_KEY])(text)
    mini.user_data.update(doc.user_data)
    return [s for s in mini.sents if s.end_char > sent.start_char]


def _recase(tok) -> str:
    word, lex = tok.text, lexicon()
    lower = word.lower()
    if word[:1].isupper() and not word.isupper() and lower not in KEEP \
            and (lower in FUNCTION_WORDS or any(form in lex.verbs or form in lex.nouns or form in lex.prep_senses
                                                   for form in _stems(lower))):
        word = lower
    return word + tok.whitespace_


def _stems(word: str) -> set[str]:
    """The word and what it may be inflected from ("denies" -> deny, "slams" -> slam)."""
    out = {word}
    for suffix, repl in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""),
                         ("ing", ""), ("ing", "e")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            out.add(word[: -len(suffix)] + repl)
    if len(word) > 5 and word[-3:-2] == word[-4:-3] and word.endswith(("ed", "ng")):  # "slammed", "slamming"
        out.add(word[:-3] if word.endswith("ed") else word[:-4])
    return out
