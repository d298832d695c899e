"""Readers: every format, the date rules of the contract, and Failures for bad input."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from newsgraph.errors import InputError
from newsgraph.ingest import ReadOptions, read_path, read_paths
from newsgraph.records import Article, Failure

from conftest import shared_file


def _one(path: Path, **options) -> Article | Failure:
    (item,) = list(read_path(path, ReadOptions(**options)))
    return item


def test_seed_header_date_and_body_on_the_same_line():
    path = shared_file("seeds/000_55f49c8fb6e3b4be.txt")
    article = _one(path)
    raw = path.read_text("utf-8")
    assert article.date == "2024-10-15" and article.date_source == "header"
    assert article.text.startswith("Ukraine's President")
    assert raw.endswith(article.text)  # the body exactly as read, nothing re-spaced


def test_dated_text_with_field_lines(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2025-02-03\nsource Daily Fiction\ntitle A title\nurl http://x.test/a\n\n  Body\r\nline two.\n",
                    "utf-8", newline="")
    article = _one(path)
    assert (article.date, article.source, article.title, article.url) == (
        "2025-02-03", "Daily Fiction", "A title", "http://x.test/a")
    assert article.text == "Body\r\nline two.\n"  # no newline translation


def test_plain_text_takes_date_from_file_name_or_cli(tmp_path):
    path = tmp_path / "report-2023-07-09.txt"
    path.write_text("Nothing dated here.", "utf-8")
    article = _one(path)
    assert (article.date, article.date_source) == ("2023-07-09", "filename")
    article = _one(path, date="2020-01-01")
    assert (article.date, article.date_source) == ("2020-01-01", "cli")
    undated = tmp_path / "plain.txt"
    undated.write_text("No date at all.", "utf-8")
    assert (_one(undated).date, _one(undated).date_source) == (None, "none")


def test_cli_date_must_be_a_date(tmp_path):
    (tmp_path / "a.txt").write_text("x", "utf-8")
    with pytest.raises(InputError, match="E114"):
        list(read_path(tmp_path / "a.txt", ReadOptions(date="yesterday")))


def test_jsonl_records_ids_dates_and_bad_lines(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "date": "2024-05-01T10:00:00+02:00", "text": "First.", "source": "Wire"}),
        "{not json",
        json.dumps({"title": "no text"}),
        json.dumps({"text": "Second.", "date": "not a date"}),
        "",
        json.dumps({"text": "Third.", "url": "http://x.test/3"}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    items = list(read_path(path))
    assert [type(i).__name__ for i in items] == ["Article", "Failure", "Failure", "Failure", "Article"]
    first, bad_json, no_text, bad_date, third = items
    assert first.id == "a1" and first.date == "2024-05-01T10:00:00+02:00" and first.date_source == "field"
    assert bad_json.code == "E104" and bad_json.origin.endswith("feed.jsonl:2") and "line 2" in bad_json.message
    assert no_text.code == "E105" and bad_date.code == "E112"
    assert third.id == Article.make_id(None, "http://x.test/3", "Third.")


def test_csv_reads_rows_and_refuses_a_file_without_text_column(tmp_path):
    good = tmp_path / "a.csv"
    good.write_text('id,date,text,source\n7,2024-01-02,"Hello, world.\nSecond line",Paper\n', "utf-8")
    (article,) = list(read_path(good))
    assert (article.id, article.date, article.text) == ("7", "2024-01-02", "Hello, world.\nSecond line")
    bad = tmp_path / "b.csv"
    bad.write_text("id,body\n1,hello\n", "utf-8")
    (failure,) = list(read_path(bad))
    assert failure.code == "E106" and "id, body" in failure.message


HTML = """<!DOCTYPE html><html><head><title>Ministers meet in fictional capital</title>
<meta property="article:published_time" content="2025-03-04T08:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Ministers meet</h1>
<p>The foreign ministers of two fictional countries met on Monday to discuss a border dispute that has
lasted for several years, officials said in a statement released after the talks.</p>
<p>Both sides agreed to meet again next month, according to a spokesperson for the host ministry, who
described the atmosphere as constructive and the talks as a first step.</p></article></body></html>"""


def test_html_main_text_and_date(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, "utf-8")
    article = _one(path)
    assert "border dispute" in article.text and "Home | World" not in article.text
    assert article.date.startswith("2025-03-04") and article.date_source == "html-meta"


def test_html_without_text_is_a_failure(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><body><div></div></body></html>", "utf-8")
    assert _one(path).code == "E107"


def _warc(path: Path, pages: list[tuple[str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, html in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode("utf-8")),
                                               http_headers=headers)
            writer.write_record(record)


def test_warc_responses_go_through_the_html_reader(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [("http://x.test/1", HTML), ("http://x.test/2", HTML.replace("border", "river"))])
    items = list(read_path(path))
    assert [i.url for i in items] == ["http://x.test/1", "http://x.test/2"]
    assert "river dispute" in items[1].text


def test_truncated_warc_keeps_what_came_before(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(path, [("http://x.test/1", HTML), ("http://x.test/2", HTML)])
    data = gzip.decompress(path.read_bytes())
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: len(data) - 300])
    items = list(read_path(cut))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], Failure) and items[-1].code == "E108"


def test_invalid_utf8_empty_and_unreadable(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"date 2024-01-01\nCaf\xe9 au lait")
    assert _one(bad).code == "E102"
    empty = tmp_path / "empty.txt"
    empty.write_text("date 2024-01-01\n   \n", "utf-8")
    assert _one(empty).code == "E103"
    failure = _one(tmp_path / "missing.txt")
    assert failure.code == "E101" and "missing.txt" in failure.message


def test_directory_is_read_recursively_in_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("date 2024-01-01\nOne.", "utf-8")
    (tmp_path / "b" / "c.txt").write_text("date 2024-01-02\nTwo.", "utf-8")
    assert [a.text for a in read_paths([tmp_path])] == ["One.", "Two."]


def test_unknown_input_format_lists_the_available_ones(tmp_path):
    (tmp_path / "a.txt").write_text("x", "utf-8")
    with pytest.raises(InputError, match=r"E110.*jsonl"):
        list(read_path(tmp_path / "a.txt", ReadOptions(input_format="xml")))


def test_input_format_overrides_sniffing(tmp_path):
    path = tmp_path / "records.txt"
    path.write_text(json.dumps({"text": "From JSON."}) + "\n", "utf-8")
    assert _one(path, input_format="text").text.startswith("{")
    assert _one(path, input_format="jsonl").text == "From JSON."


def test_a_file_is_not_taken_for_timeml_for_mentioning_the_tag(tmp_path):
    quoting = tmp_path / "feed"  # no suffix: sniffed from its content
    quoting.write_text('{"id": "a1", "date": "2024-05-01", "text": "The <TimeML> tag marks times."}\n',
                       encoding="utf-8")
    (article,) = list(read_path(quoting))
    assert article.id == "a1" and "<TimeML>" in article.text
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"<TimeML")  # what the Parquet fuzz test found: its name says Parquet
    (failure,) = list(read_path(broken))
    assert failure.code == "E115" and str(broken) in failure.message
