"""Text hygiene before parsing: what is not prose never reaches the extractors.

:func:`clean` returns the text to parse, of the same length as the article's text, in which
these are blanked (every character but a line break becomes a space, so that every offset
into the stored text stays exact):

- code left in a body, whatever the input format: a line that reads as script or style
  (``fjs.parentNode.insertBefore(js, fjs);``, ``function(d, s) {``, ``.nav { color: red; }``);
- markup remains: tags (``<div class="x">``), entities (``&nbsp;``), shortcodes
  (``[caption id="1"]``), template braces (``{{title}}``);
- boilerplate lines: share and subscribe prompts, "Advertisement", "Read more", copyright
  lines, cookie notices, caption credits (``data/hygiene.yaml``);
- a sentence not in English (more function words of other languages than of English), which
  is counted: the count is the second value returned.

Used by ``nlp/pipeline.py``; works on text alone.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...datafiles import read_data

__all__ = ["clean"]

_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s+[^<>]*?)?/?>|<!--.*?-->|&(?:[a-z]{2,8}|#\d{2,5}|#x[0-9a-f]{2,4});"
                  r"|\[/?(?:caption|embed|video|gallery|audio|tweet)[^\]]*\]|\{\{[^{}\n]*\}\}", re.I | re.S)
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'\u201d\u2019)]*|$)", re.M)
_WORD = re.compile(r"[^\W\d_]+", re.U)


@lru_cache(maxsize=1)
def _rules() -> dict:
    import yaml

    rules = yaml.safe_load(read_data("newsgraph.nlp.shared", "hygiene.yaml"))
    rules["code_re"] = re.compile("|".join(rules["code_patterns"]))
    rules["boilerplate_re"] = re.compile(r"^\s*(?:%s)" % "|".join(rules["boilerplate_lines"]), re.I)
    rules["english"] = frozenset(rules["english_words"])
    rules["foreign"] = frozenset(rules["foreign_words"])
    return rules


def clean(text: str) -> tuple[str, int]:
    """``(text to parse, sentences skipped as not English)``; ``len`` is that of ``text``."""
    rules = _rules()
    chars = list(text)
    for m in _TAG.finditer(text):
        _blank(chars, m.start(), m.end())
    skipped = 0
    pos = 0
    for line in "".join(chars).splitlines(keepends=True):  # tags already blanked
        body = line.rstrip("\r\n")
        if _is_code(body, rules) or rules["boilerplate_re"].match(body) and len(body.split()) <= rules["boilerplate_max_words"]:
            _blank(chars, pos, pos + len(body))
        else:
            for m in _SENTENCE.finditer(body):
                if _foreign(m.group(0), rules):
                    _blank(chars, pos + m.start(), pos + m.end())
                    skipped += 1
        pos += len(line)
    return "".join(chars), skipped


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] not in "\n\r":
            chars[i] = " "


def _is_code(line: str, rules) -> bool:
    """Script or style: a code pattern or many symbols, in a line that does not read as prose
    (a sentence with a stray ``window.x`` in it stays: its words are English)."""
    stripped = line.strip()
    if len(stripped) < 4:
        return False
    symbols = sum(stripped.count(c) for c in "{}();=<>[]|&$\\")
    if not (rules["code_re"].search(stripped) or symbols >= 6 and symbols >= 0.08 * len(stripped.replace(" ", ""))):
        return False
    words = [w.lower() for w in _WORD.findall(stripped)]
    english = sum(1 for w in words if w in rules["english"])
    return english < 3 or english < 0.15 * len(words)


def _foreign(sentence: str, rules) -> bool:
    words = [w.lower() for w in _WORD.findall(sentence)]
    if len(words) < 4:
        return False
    latin = sum(1 for w in words if w.isascii() or all("\u00c0" <= ch <= "\u024f" or ch.isascii() for ch in w))
    if latin < 0.5 * len(words):
        return True  # another script
    english = sum(1 for w in words if w in rules["english"])
    foreign = sum(1 for w in words if w in rules["foreign"])
    # a short line with a name or two ("De Blasio in La Paz") needs a third foreign word
    return foreign >= (2 if len(words) >= 6 else 3) and foreign > english
