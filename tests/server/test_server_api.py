"""The HTTP API in-process (FastAPI TestClient): every endpoint, pagination, the one error
shape, the token, and attacks on SQL, files and sizes."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.server.test_server_demo import BORDURIA, VELL, build_demo

from newsgraph.errors import ConfigError
from newsgraph.server import create_app
from newsgraph.server.runner import check_bind
from newsgraph.store import open_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = build_demo(tmp_path_factory.mktemp("api") / "demo.duckdb")
    s = open_store(db)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store), raise_server_exceptions=False, base_url="http://localhost")


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "status"}
    assert body["error"]["status"] == status and body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


def all_pages(client, path: str, **params) -> list[dict]:
    items, cursor = [], None
    for _ in range(100):
        page = client.get(path, params={**params, **({"cursor": cursor} if cursor else {})}).json()
        items += page["items"]
        cursor = page["next"]
        if cursor is None:
            return items
    raise AssertionError("pagination did not end")


# -- endpoints --------------------------------------------------------------------------------
def test_health_stats_and_openapi(client):
    assert client.get("/health").json()["status"] == "ok"
    stats = client.get("/stats").json()
    assert stats["articles"] == 4 and stats["claims"] == 5 and stats["threads"] == 2
    assert {o["outlet"] for o in stats["outlets"]} == {"Daily Ledger", "Evening Post", "Wire Service", "Mirror Daily"}
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/articles", "/articles/{article_id}", "/actors", "/quotes", "/claims", "/threads",
                 "/events", "/timeline", "/network", "/search", "/sql"):
        assert path in paths
    assert "post" in paths["/articles"]


def test_article_has_text_and_every_span(client):
    doc = client.get("/articles/demo-a").json()
    assert doc["text"].startswith("Ruritania's defence minister Anna Vell")
    kinds = {s["kind"] for s in doc["spans"]}
    assert {"actor", "place", "timex", "quote", "cue", "claim", "event"} <= kinds
    for span in doc["spans"]:
        assert doc["text"][span["start"]:span["end"]] == span["text"]
    claim = next(s for s in doc["spans"] if s["kind"] == "claim")
    assert claim["detail"]["stance"] == "asserts" and claim["detail"]["thread_id"]
    assert len(doc["sentences"]) == 3


def test_article_and_quotes_show_what_the_views_show_unless_all(tmp_path):
    """Records below claims.min_confidence / events.min_confidence stay stored but are not
    shown in an article or the quotes list, unless ``all=true``."""
    with open_store(build_demo(tmp_path / "demo.duckdb")) as s:
        s.con.execute("UPDATE events SET confidence = 0.1 WHERE article_id = 'demo-a'")
        s.con.execute("UPDATE claims SET confidence = 0.1 WHERE article_id = 'demo-a'")
        s.con.execute("UPDATE attributions SET confidence = 0.1 WHERE article_id = 'demo-a'")
        c = TestClient(create_app(s), raise_server_exceptions=False, base_url="http://localhost")
        shown = {sp["kind"] for sp in c.get("/articles/demo-a").json()["spans"]}
        everything = c.get("/articles/demo-a", params={"all": "true"}).json()["spans"]
        assert not {"event", "claim", "quote", "cue"} & shown and {"actor", "timex"} <= shown
        assert {"event", "claim", "quote", "cue"} <= {sp["kind"] for sp in everything}
        assert next(sp for sp in everything if sp["kind"] == "event")["detail"]["confidence"] == 0.1
        assert "Anna Vell" not in {q["speaker"] for q in all_pages(c, "/quotes", article="demo-a")}
        assert {q["speaker"] for q in all_pages(c, "/quotes", article="demo-a", all="true")} == {"Anna Vell"}


def test_lists_filter_by_actor_outlet_date_and_stance(client):
    assert {a["id"] for a in all_pages(client, "/articles", outlet="Evening Post")} == {"demo-b"}
    assert [a["id"] for a in all_pages(client, "/articles", since="2031-03-04")] == ["demo-c", "demo-d"]
    assert {q["speaker"] for q in all_pages(client, "/quotes", actor=VELL)} == {"Anna Vell"}
    denials = all_pages(client, "/claims", stance="denies")
    assert [(c["claimant"], c["article_id"]) for c in denials] == [("Borduria", "demo-b")]
    assert len(all_pages(client, "/claims", actor=VELL)) == 3
    assert {e["label"] for e in all_pages(client, "/events")} == {"MOBILIZE", "REDUCE"}
    assert client.get("/actors", params={"q": "vell"}).json()["items"][0]["actor_id"] == VELL
    actor = client.get(f"/actors/{VELL}").json()
    assert actor["claims_by_stance"] == [{"stance": "asserts", "n": 3}] and actor["quotes"] == 1


def test_claim_board_rows(client):
    rows = all_pages(client, "/threads")
    top = rows[0]
    assert top["label"] == "Bordurian troops crossed the river"
    assert top["n_sources"] == 3 and top["n_articles"] == 4 and top["first_seen"] == "2031-03-02"
    stances = {(c["stance"], c["id"]) for c in top["claimants"]}
    assert stances == {("asserts", VELL), ("denies", BORDURIA)}
    assert top["first"]["article_id"] == "demo-a"
    assert client.get(f"/threads/{top['thread_id']}").json()["n_denies"] == 1
    members = all_pages(client, "/claims", thread=top["thread_id"])
    assert len(members) == 4
    assert [r["thread_id"] for r in all_pages(client, "/threads", stance="predicts")] == [rows[1]["thread_id"]]
    assert all_pages(client, "/threads", since="2031-04-01") == []


@pytest.mark.parametrize("path,params", [("/threads", {}), ("/threads", {"sort": "first_seen"}),
                                         ("/threads", {"sort": "recent"}), ("/claims", {}),
                                         ("/articles", {}), ("/actors", {}), ("/events", {"kind": "claim"}),
                                         ("/search", {"q": "the"})])
def test_cursor_pagination_returns_everything_once(client, path, params):
    whole = client.get(path, params={**params, "limit": 1000}).json()["items"]
    paged = all_pages(client, path, **params, limit=1)
    assert paged == whole and len(paged) >= 2


def test_timeline_buckets_and_network(client):
    days = client.get("/timeline", params={"kind": "claim"}).json()
    assert days["total"] == 5 and days["buckets"][0] == {"day": "2031-02-24", "n": 1}
    vell = client.get("/timeline", params={"kind": "claim", "actor": VELL}).json()
    assert vell["total"] == 3
    month = client.get("/timeline", params={"bucket": "month"}).json()
    assert [b["day"] for b in month["buckets"]] == ["2031-02-01", "2031-03-01"]
    net = client.get("/network", params={"top": 2}).json()
    assert len(net["nodes"]) == 2 and {e["source"] for e in net["edges"]} <= {n["id"] for n in net["nodes"]}
    ego = client.get("/network", params={"actor": "act_ivo_kral"}).json()
    assert ego["nodes"] == []


def test_search_ranks_sentences_with_every_word(client):
    result = client.get("/search", params={"q": "Ambassador recall"}).json()
    assert [r["article_id"] for r in result["items"]] == ["demo-b"]
    assert "recall its ambassador" in result["items"][0]["text"]
    assert result["terms"] == ["ambassador", "recall"]
    assert client.get("/search", params={"q": "..."}).json()["items"] == []


def test_static_ui_and_security_headers(client):
    index = client.get("/")
    assert index.status_code == 200 and '<script type="module" src="/static/app.js">' in index.text
    assert "default-src 'self'" in index.headers["content-security-policy"]
    js = client.get("/static/app.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]


# -- errors -----------------------------------------------------------------------------------
def test_error_shape_for_404_405_422_400(client):
    assert_error(client.get("/nowhere"), 404, "not_found")
    assert_error(client.get("/articles/nope"), 404, "E307")
    assert_error(client.get("/threads/nope"), 404, "E307")
    assert_error(client.delete("/articles"), 405, "method_not_allowed")
    assert "limit" in assert_error(client.get("/threads", params={"limit": 0}), 422)["message"]
    assert_error(client.get("/claims", params={"since": "yesterday"}), 422, "invalid_input")
    assert_error(client.get("/threads", params={"stance": "shouts"}), 422)
    assert_error(client.get("/threads", params={"cursor": "%%%"}), 400, "bad_cursor")
    assert_error(client.post("/articles", json={"articles": []}), 422)
    assert_error(client.post("/articles", json={"articles": [{"text": "x", "date": "soon"}]}), 422)
    assert_error(client.post("/articles", content=b"not json", headers={"content-type": "application/json"}), 422)
    assert_error(client.post("/sql", json={"sql": "SELECT nope FROM nothing"}), 400, "E304")


def test_unhandled_error_is_a_500_in_the_same_shape(client, monkeypatch):
    from newsgraph.server import queries

    def boom(*_):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(queries, "stats", boom)
    error = assert_error(client.get("/stats", params={"uncached": 1}), 500, "internal_error")
    assert "secret" not in error["message"]


def test_request_size_is_bounded(store):
    small = TestClient(create_app(store, max_body=1000), raise_server_exceptions=False, base_url="http://localhost")
    assert_error(small.post("/articles", json={"articles": [{"text": "word " * 500}]}), 413, "payload_too_large")

    def chunks():
        yield b'{"articles": [{"text": "'
        for _ in range(50):
            yield b"x" * 100
        yield b'"}]}'

    assert_error(small.post("/articles", content=chunks(), headers={"content-type": "application/json"}), 413)


# -- token and hosts --------------------------------------------------------------------------
def test_token_required_on_every_request(store):
    c = TestClient(create_app(store, token="s3cret"), raise_server_exceptions=False, base_url="http://localhost")
    for path in ("/health", "/threads", "/static/app.js", "/", "/openapi.json", "/nowhere"):
        assert_error(c.get(path), 401, "unauthorized")
    assert_error(c.get("/health", headers={"Authorization": "Bearer wrong"}), 401)
    assert c.get("/health", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    page = c.get("/", params={"token": "s3cret"})
    assert page.status_code == 200 and "HttpOnly" in page.headers["set-cookie"]
    assert c.get("/threads").status_code == 200  # the cookie now travels
    assert_error(c.get("/threads", params={"token": "s3cret"}, cookies={"newsgraph_token": ""}), 401)


def test_loopback_only_without_token(store):
    c = TestClient(create_app(store), raise_server_exceptions=False, base_url="http://localhost")
    assert_error(c.get("/health", headers={"host": "evil.example:8000"}), 403, "forbidden")
    assert c.get("/health", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert c.get("/health", headers={"host": "[::1]:8000"}).status_code == 200
    with pytest.raises(ConfigError, match="E701"):
        check_bind("0.0.0.0", None)
    check_bind("0.0.0.0", "token")
    check_bind("127.0.0.1", None)


# -- attacks ----------------------------------------------------------------------------------
@pytest.mark.parametrize("sql", [
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM glob('/etc/*')",
    "SELECT * FROM read_parquet('/tmp/*.parquet')",
    "SELECT * FROM read_json_auto('/etc/passwd')",
    "COPY claims TO '/tmp/ng_pwned.csv'",
    "ATTACH '/tmp/ng_pwned.duckdb' AS x",
    "INSTALL fts",
    "LOAD fts",
    "SET enable_external_access = true",
    "PRAGMA enable_profiling",
    "DELETE FROM claims",
    "WITH x AS (SELECT 1) INSERT INTO failures SELECT * FROM failures",
    "SELECT 1; DROP TABLE claims",
    "CREATE TABLE t AS SELECT 1",
    "SELECT * FROM query('DELETE FROM claims')",
    "SELECT * FROM body",
    "SELECT * FROM pyarrow_table_in_scope",
])
def test_sql_endpoint_refuses_files_and_writes(client, sql, tmp_path):
    pyarrow_table_in_scope = __import__("pyarrow").table({"secret": [1]})  # noqa: F841
    assert client.post("/sql", json={"sql": sql}).status_code == 400
    assert_error(client.post("/sql", json={"sql": sql}), 400)
    assert client.post("/sql", json={"sql": "SELECT count(*) AS n FROM claims"}).json()["items"] == [{"n": 5}]


def test_sql_endpoint_reads_with_pagination(client):
    first = client.post("/sql", json={"sql": "SELECT id FROM articles ORDER BY id", "limit": 3}).json()
    assert [r["id"] for r in first["items"]] == ["demo-a", "demo-b", "demo-c"] and first["columns"] == ["id"]
    rest = client.post("/sql", json={"sql": "SELECT id FROM articles ORDER BY id", "limit": 3,
                                     "cursor": first["next"]}).json()
    assert [r["id"] for r in rest["items"]] == ["demo-d"] and rest["next"] is None


@pytest.mark.parametrize("path", ["/static/../../../../etc/passwd", "/static/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
                                  "/static/..%2f..%2f..%2fetc%2fpasswd", "/static//etc/passwd",
                                  "/static/%2fetc%2fpasswd", "/articles/..%2f..%2fetc%2fpasswd"])
def test_no_path_traversal(client, path):
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert "root:" not in response.text


# -- writes through the server ----------------------------------------------------------------
def test_post_articles_analyses_and_stays_locked_down(tmp_path):
    db = build_demo(tmp_path / "w.duckdb")
    with open_store(db) as s:
        c = TestClient(create_app(s), raise_server_exceptions=False, base_url="http://localhost")
        assert c.get("/stats").json()["articles"] == 4  # remembered until the next write
        text = "Ruritania's defence minister Anna Vell said on Tuesday that talks with Borduria had failed."
        result = c.post("/articles", json={"articles": [{"text": text, "date": "2031-03-05", "source": "Daily Ledger",
                                                         "title": "Talks fail"}]})
        assert result.status_code == 200, result.text
        body = result.json()
        assert body["analysed"] == 1 and body["failed"] == 0
        doc = c.get(f"/articles/{body['ids'][0]}").json()
        assert doc["text"] == text and doc["day"] == "2031-03-05" and doc["sentences"]
        assert c.get("/stats").json()["articles"] == 5
        again = c.post("/articles", json={"articles": [{"text": text, "date": "2031-03-05", "source": "Daily Ledger",
                                                        "title": "Talks fail"}]}).json()
        assert again["analysed"] == 0 and again["duplicates"] == 1
        assert_error(c.post("/sql", json={"sql": "SELECT * FROM read_csv('/etc/passwd')"}), 400)
        assert c.get("/search", params={"q": "talks failed"}).json()["items"][0]["article_id"] == body["ids"][0]


@pytest.mark.parametrize("sort", ["sources", "first_seen", "recent"])
def test_board_cursor_survives_a_rebuild(store, sort):
    c = TestClient(create_app(store), raise_server_exceptions=False, base_url="http://localhost")
    whole = [t["thread_id"] for t in c.get("/threads", params={"sort": sort}).json()["items"]]
    first = c.get("/threads", params={"sort": sort, "limit": 1}).json()
    c.app.state.newsgraph.refresh()  # as after a write: ranks are recomputed, the cursor still holds
    rest = c.get("/threads", params={"sort": sort, "limit": 5, "cursor": first["next"]}).json()
    assert [t["thread_id"] for t in first["items"] + rest["items"]] == whole


def test_search_refuses_overlong_queries_instead_of_cutting_them(client):
    words = " ".join(f"w{i}" for i in range(21))
    assert_error(client.get("/search", params={"q": words}), 400, "too_many_terms")
