"""Many API clients read while the server analyses new articles: every request answers 200,
readers never see the article count go back, and every posted article is stored once."""

from __future__ import annotations

import random
import threading
from collections import defaultdict

import httpx

import newsgraph
from newsgraph.records import Article
from newsgraph.server import create_app
from newsgraph.server.runner import Background
from newsgraph.store import open_store

from tests.run.test_scale import article_text

_READS = ("/stats", "/articles?limit=50", "/search?q=soldiers", "/claims", "/events", "/threads", "/actors")


def _reader(url: str, stop: threading.Event, seen: list[int], errors: list) -> None:
    with httpx.Client(base_url=url, timeout=120) as client:
        while not stop.is_set():
            for path in _READS:
                response = client.get(path)
                if response.status_code != 200:
                    errors.append((path, response.status_code, response.text[:300]))
            seen.append(client.get("/stats").json()["articles"])


def test_many_readers_while_the_server_analyses(tmp_path):
    rng = random.Random(17)
    db = tmp_path / "t.duckdb"
    newsgraph.analyze([Article(id=f"s{i}", text=article_text(rng, i), date="2024-10-15", date_source="field")
                       for i in range(3)], db=db)
    store = open_store(db)
    stop, errors, seen = threading.Event(), [], defaultdict(list)
    try:
        with Background(create_app(store)) as url:
            readers = [threading.Thread(target=_reader, args=(url, stop, seen[i], errors)) for i in range(8)]
            for thread in readers:
                thread.start()
            with httpx.Client(base_url=url, timeout=300) as writer:
                for batch in range(4):
                    body = {"articles": [{"id": f"p{batch}-{k}", "date": "2024-10-16",
                                          "text": article_text(rng, 100 + 10 * batch + k)} for k in range(5)]}
                    response = writer.post("/articles", json=body)
                    assert response.status_code == 200, response.text
                    assert response.json()["analysed"] == 5
                final = writer.get("/stats").json()["articles"]
            stop.set()
            for thread in readers:
                thread.join(timeout=120)
    finally:
        stop.set()
        store.close()
    assert errors == []
    assert final == 23
    assert all(counts == sorted(counts) for counts in seen.values())
    assert sum(len(counts) for counts in seen.values()) >= 8
    with newsgraph.open(db) as reopened:
        assert reopened.query("SELECT count(*) AS n, count(DISTINCT id) AS d FROM articles")[0] == {"n": 23, "d": 23}
