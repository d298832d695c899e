"""TimeML reader, writer and the TempEval-3 scorer, on small hand-made files."""

from __future__ import annotations

import json
import re

import pytest

from newsgraph.evaluate.time import score_dirs
from newsgraph.ingest import timeml as reader
from newsgraph.records import Article, AnalyzedArticle, Failure, Timex, make_record
from newsgraph.output.annotate.timeml import Writer

DOC = """<?xml version="1.0" ?>
<TimeML>
<DOCID>D1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" temporalFunction="false" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> <TIMEX3 tid="t5" type="DATE" value="1998-01-07">yesterday</TIMEX3> that sales rose for <TIMEX3 tid="t6" type="DURATION" value="P3Y">three years</TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t5" />
<TLINK lid="l2" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t0" />
</TimeML>
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reader_gives_text_and_dct(tmp_path):
    path = write(tmp_path, "D1.tml", DOC)
    assert reader.sniff(path, DOC.encode()[:100])
    assert reader.sniff(tmp_path / "x.txt", b"<?xml?><TimeML>")
    (article,) = list(reader.read(path))
    assert article.text.startswith("\nAT&T said yesterday")
    assert article.date == "1998-01-08" and article.date_source == "dct"
    assert article.origin == str(path) and article.id == "D1"


@pytest.mark.parametrize("raw,code", [
    (DOC.replace("</TEXT>", ""), "E111"),
    (DOC.replace("<DCT>", "").replace("</DCT>", "").replace('functionInDocument="CREATION_TIME"', ""), "E113"),
    (DOC.replace('value="1998-01-08"', 'value="PRESENT_REF"'), "E113"),
    ("<TimeML><DOCID>x</DOCID></TimeML>", "E111"),
])
def test_malformed_timeml_is_a_failure_naming_the_file(tmp_path, raw, code):
    path = write(tmp_path, "bad.tml", raw)
    (failure,) = list(reader.read(path))
    assert isinstance(failure, Failure) and failure.code == code
    assert str(path) in failure.message


def _timex(article, start, end, **kw):
    return make_record(Timex, article.id, 0, start, end, article.text[start:end], "time", "1", **kw)


def test_writer_replaces_timexes_and_keeps_every_other_byte(tmp_path):
    path = write(tmp_path, "D1.tml.TE3input", DOC)
    (article,) = list(reader.read(path))
    text = article.text
    y = text.index("yesterday")
    s = text.index("sales")
    records = (
        _timex(article, y, y + 9, timex_type="DATE", value="1998-01-07"),
        _timex(article, text.index("said"), y + 4, timex_type="DATE", value="bad"),  # crosses EVENT
    )
    out = tmp_path / "out"
    out.mkdir()
    writer = Writer(out)
    writer.write(AnalyzedArticle(article, records))
    (written,) = writer.close()
    assert written.name == "D1.tml"
    result = written.read_text("utf-8")
    assert "AT&amp;T" in result
    assert '<TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>' in result
    assert 'tid="t0"' in result  # the DCT is kept
    assert 'relatedToTime="t5"' not in result and 'relatedToTime="t0"' in result
    assert '<EVENT eid="e1" class="OCCURRENCE">said</EVENT>' in result
    parsed = reader.parse_timeml(result)
    assert parsed.text == article.text
    assert [parsed.text[t.start:t.end] for t in parsed.timexes()] == ["yesterday"]


def test_scorer_tempeval3_measures(tmp_path):
    gold = tmp_path / "gold"
    system = tmp_path / "sys"
    gold.mkdir()
    system.mkdir()
    write(gold, "D1.tml", DOC)
    sys_doc = DOC.replace('<TIMEX3 tid="t5" type="DATE" value="1998-01-07">yesterday</TIMEX3>',
                          '<TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>')
    sys_doc = sys_doc.replace('<TIMEX3 tid="t6" type="DURATION" value="P3Y">three years</TIMEX3>',
                              'three <TIMEX3 tid="t2" type="DATE" value="P2Y">years</TIMEX3>')
    sys_doc = sys_doc.replace("three three", "three")
    write(system, "D1.tml", sys_doc)
    s = score_dirs(gold, system).summary()
    assert s["relaxed_f1"] == 100.0 and s["strict_f1"] == 50.0
    assert s["value_f1"] == 50.0 and s["type_f1"] == 50.0
    json.dumps(s)


def test_scorer_refuses_different_texts(tmp_path):
    from newsgraph.errors import EvaluationError

    (tmp_path / "g").mkdir()
    (tmp_path / "s").mkdir()
    write(tmp_path / "g", "D1.tml", DOC)
    write(tmp_path / "s", "D1.tml", DOC.replace("sales rose", "sales fell"))
    with pytest.raises(EvaluationError):
        score_dirs(tmp_path / "g", tmp_path / "s")


def test_annotate_timeml_round_trip_on_real_file(nlp, tmp_path):
    from conftest import shared_file

    from newsgraph.nlp.time import extract as time_layer
    from newsgraph.output.annotate.timeml import render

    path = shared_file("eval/time/timebank/ABC19980108.1830.0711.tml")
    (article,) = list(reader.read(path))
    timexes = time_layer.extract(nlp(article.text), article, {})
    doc = reader.read_timeml_file(path)
    out = render(doc, timexes)
    again = reader.parse_timeml(out)
    assert again.text == doc.text
    assert len(again.timexes()) == len(timexes)


def _outside_timex3(raw: str) -> tuple[str, str, set[str]]:
    head, _, rest = raw.partition("<TEXT>")
    text, _, tail = rest.partition("</TEXT>")
    return head, re.sub(r"</?TIMEX3[^>]*>", "", text), set(tail.splitlines())


@pytest.mark.parametrize("name", ["wsj_0073.tml", "APW19980227.0494.tml"])
def test_annotate_timeml_is_byte_identical_outside_the_timex3_tags(nlp, tmp_path, name):
    """Only TIMEX3 tags inside <TEXT> change; after the text, only links to removed timexes go."""
    from conftest import shared_file

    from newsgraph.nlp.time import extract as time_layer
    from newsgraph.output.annotate.timeml import render

    path = shared_file(f"eval/time/timebank/{name}")
    (article,) = list(reader.read(path))
    raw = path.read_text("utf-8")
    out = render(reader.read_timeml_file(path), time_layer.extract(nlp(article.text), article, {}))
    head, text, tail = _outside_timex3(raw)
    head2, text2, tail2 = _outside_timex3(out)
    assert (head2, text2) == (head, text)
    assert tail2 <= tail
