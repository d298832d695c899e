"""``newsgraph eval time GOLD_DIR SYSTEM_DIR``: TempEval-3 TIMEX3 scores.

The measures are those of the official TempEval-3 toolkit (``TE3-evaluation.py``):

- a system timex and a gold timex *match relaxed* when their extents overlap (one-to-one),
  and *match strict* when their extents are identical;
- strict and relaxed precision, recall and F1 over those matches (the DCT ``t0`` is not
  counted), summed over all documents (micro average);
- type and value *accuracy* = share of the relaxed matches whose attribute equals gold's;
  ``type_f1`` / ``value_f1`` = that accuracy x relaxed F1.

System files are paired with gold files by name (``NAME.tml`` / ``NAME.tml.TE3input`` both
give ``NAME``); a gold file with no system file counts as a document where nothing was found.
The text of both must be the same, character for character (else E502).
All figures are percentages 0-100.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from ..errors import EvaluationError, InputError
from ..ingest.timeml import TagSpan, TimeMLDocument, doc_name, read_timeml_file

__all__ = ["Counts", "TimeScores", "frozen_split", "part_names", "score_dirs", "score_documents", "score_pair"]


@dataclass
class Counts:
    """Raw counts of one document or of a whole set."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for k, v in asdict(other).items():
            setattr(self, k, getattr(self, k) + v)

    def measures(self) -> dict[str, float]:
        """strict/relaxed P, R, F1, type/value accuracy and F1, as percentages."""
        out: dict[str, float] = {}
        for kind in ("strict", "relaxed"):
            p = _ratio(getattr(self, kind), self.system)
            r = _ratio(getattr(self, kind), self.gold)
            out[f"{kind}_precision"] = 100 * p
            out[f"{kind}_recall"] = 100 * r
            out[f"{kind}_f1"] = 100 * _f1(p, r)
        for attr in ("type", "value"):
            acc = _ratio(getattr(self, f"{attr}_ok"), self.relaxed)
            out[f"{attr}_accuracy"] = 100 * acc
            out[f"{attr}_f1"] = acc * out["relaxed_f1"]
        return {k: round(v, 2) for k, v in out.items()}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class TimeScores:
    overall: Counts = field(default_factory=Counts)
    documents: dict[str, Counts] = field(default_factory=dict)

    def summary(self) -> dict[str, float]:
        out = self.overall.measures()
        out.update(documents=len(self.documents), gold=self.overall.gold, system=self.overall.system)
        return out

    def to_json(self) -> str:
        return json.dumps(self.summary(), sort_keys=True)

    def table(self) -> str:
        """A readable table: one line per document, then the overall line."""
        head = f"{'document':40} {'gold':>5} {'sys':>5} {'strict':>7} {'relaxed':>7} {'type':>7} {'value':>7}"
        lines = [head, "-" * len(head)]
        rows = sorted(self.documents.items()) + [("OVERALL (F1)", self.overall)]
        for name, c in rows:
            m = c.measures()
            lines.append(f"{name[:40]:40} {c.gold:5d} {c.system:5d} {m['strict_f1']:7.2f} "
                         f"{m['relaxed_f1']:7.2f} {m['type_f1']:7.2f} {m['value_f1']:7.2f}")
        return "\n".join(lines)


def _overlap(a: TagSpan, b: TagSpan) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _pairs(gold: Sequence[TagSpan], system: Sequence[TagSpan]) -> list[tuple[TagSpan, TagSpan]]:
    """One-to-one pairs of overlapping timexes: exact extents first, then largest overlap."""
    cands = [(g.start != s.start or g.end != s.end, -_overlap(g, s), i, j)
             for i, g in enumerate(gold) for j, s in enumerate(system) if _overlap(g, s) > 0]
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, _, i, j in sorted(cands):
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            pairs.append((gold[i], system[j]))
    return pairs


def _timexes(doc: TimeMLDocument) -> list[TagSpan]:
    return [t for t in doc.timexes() if t.get("tid") != "t0" and t.end > t.start
            and doc.text[t.start:t.end].strip()]


def score_pair(gold: TimeMLDocument, system: TimeMLDocument | None, name: str = "") -> Counts:
    """Counts for one document (``system`` None: nothing was found)."""
    if system is not None and system.text != gold.text:
        raise EvaluationError("E502", path=name, reason="system text differs from gold text")
    g = _timexes(gold)
    s = _timexes(system) if system is not None else []
    c = Counts(gold=len(g), system=len(s))
    for gx, sx in _pairs(g, s):
        c.relaxed += 1
        c.strict += gx.start == sx.start and gx.end == sx.end
        c.type_ok += (gx.get("type") or "") == (sx.get("type") or "")
        c.value_ok += (gx.get("value") or "") == (sx.get("value") or "")
    return c


def score_documents(pairs: Sequence[tuple[str, TimeMLDocument, TimeMLDocument | None]]) -> TimeScores:
    """Score (name, gold, system) triples already parsed."""
    scores = TimeScores()
    for name, gold, system in pairs:
        counts = score_pair(gold, system, name)
        scores.documents[name] = counts
        scores.overall.add(counts)
    return scores


def _load(path: Path) -> TimeMLDocument:
    try:
        return read_timeml_file(path, require_dct=False)
    except InputError as exc:
        raise EvaluationError("E502", path=path, reason=exc) from exc


def _tml_files(folder: Path) -> dict[str, Path]:
    files = [p for p in sorted(folder.iterdir()) if p.is_file() and
             p.name.lower().endswith((".tml", ".te3input"))]
    return {doc_name(p): p for p in files}


def score_dirs(gold_dir: str | Path, system_dir: str | Path, names: Sequence[str] | None = None) -> TimeScores:
    """Score every gold ``.tml`` in ``gold_dir`` (or only ``names``) against ``system_dir``."""
    gold_dir, system_dir = Path(gold_dir), Path(system_dir)
    for folder in (gold_dir, system_dir):
        if not folder.is_dir():
            raise EvaluationError("E501", path=folder, hint="Give a folder of TimeML (.tml) files.")
    gold_files = _tml_files(gold_dir)
    if names is not None:
        gold_files = {n: p for n, p in gold_files.items() if n in set(names)}
    if not gold_files:
        raise EvaluationError("E501", path=gold_dir, hint="It holds no .tml files.")
    system_files = _tml_files(system_dir)
    triples = [(n, _load(p), _load(system_files[n]) if n in system_files else None)
               for n, p in gold_files.items()]
    return score_documents(triples)


def tag_documents(paths: Sequence[str | Path], nlp=None, *, docs=None) -> dict[str, tuple[TimeMLDocument, TimeMLDocument]]:
    """Run the time layer on TimeML files as ``annotate --format timeml`` does, in memory.

    Returns name -> (gold as read, system output parsed back). ``nlp`` is a spaCy Language
    (default: the configured model); ``docs`` optional pre-parsed Docs, one per path.
    """
    from ..ingest.timeml import read as read_timeml
    from ..ingest.timeml import parse_timeml
    from ..nlp.time import extract as time_layer
    from ..records import Article, AnalyzedArticle
    from ..output.annotate.timeml import render

    if nlp is None and docs is None:
        from ..config import AnalyzeOptions
        from ..nlp.pipeline import load_model

        nlp = load_model(AnalyzeOptions().model)
    out: dict[str, tuple[TimeMLDocument, TimeMLDocument]] = {}
    for i, path in enumerate(paths):
        (article,) = list(read_timeml(Path(path)))
        if not isinstance(article, Article):
            raise EvaluationError("E502", path=path, reason=article.message)
        doc = docs[i] if docs is not None else nlp(article.text)
        timexes = time_layer.extract(doc, article, {})
        gold = read_timeml_file(Path(path))
        system = parse_timeml(render(gold, timexes), str(path), require_dct=False)
        out[doc_name(Path(path))] = (gold, system)
    return out


def split_half(name: str) -> str:
    """The fixed document split of the quality gate: "tune" or "test" by SHA-1 of the name."""
    import hashlib

    return "tune" if int(hashlib.sha1(name.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "test"


FROZEN_SALT = "newsgraph/time/frozen/v1:"
FROZEN_SHARE = 30  # percent of documents


def frozen_split(name: str) -> str:
    """The frozen part of a corpus: "frozen" for about 30 % of documents (SHA-256 of a fixed
    salt and the document name), else "tune". No rule change is checked against the frozen
    part; it is scored when a release is cut (docs/time.md says how often it was looked at)."""
    import hashlib

    digest = hashlib.sha256((FROZEN_SALT + name).encode("utf-8")).hexdigest()
    return "frozen" if int(digest, 16) % 100 < FROZEN_SHARE else "tune"


def part_names(gold_dir: str | Path, part: str) -> list[str]:
    """The names of the gold documents of ``gold_dir`` in ``part`` ("frozen" or "tune")."""
    if part not in ("frozen", "tune"):
        raise EvaluationError("E501", path=gold_dir, hint=f"--part is 'frozen' or 'tune', not {part!r}.")
    folder = Path(gold_dir)
    if not folder.is_dir():
        raise EvaluationError("E501", path=folder, hint="Give a folder of TimeML (.tml) files.")
    return [name for name in _tml_files(folder) if frozen_split(name) == part]
