"""The ``newsgraph`` command: a thin adapter. Parse arguments, call the library, print, and
map NewsgraphError to exit codes (1 = an error, 2 = usage, 3 = failures under --strict)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import api
from .config import Config, load as load_config, with_overrides
from .errors import NewsgraphError, StoreError
from .ingest import FORMATS as INPUT_FORMATS
from .output.annotate import FORMATS as ANNOTATE_FORMATS

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="News articles in; who said what, who did what to whom, when, where, how sure: out.")
eval_app = typer.Typer(no_args_is_help=True, help="Score newsgraph on standard gold data.")
app.add_typer(eval_app, name="eval")

out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 160)
err = Console(stderr=True)

DbOpt = Annotated[Optional[Path], typer.Option("--db", help="DuckDB file (default: the setting store.db, newsgraph.duckdb).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="A TOML file overriding the defaults.")]
SetOpt = Annotated[Optional[list[str]], typer.Option("--set", help="Override a setting: section.key=value.")]


def _config(config: Path | None, sets: list[str] | None, **analyze: Any) -> Config:
    overrides = dict(s.split("=", 1) for s in (sets or []) if "=" in s)
    return with_overrides(load_config(config, overrides), **analyze)


def _db(db: Path | None) -> Path:
    """The database a command uses: ``--db``, else the setting ``store.db`` (./newsgraph.toml)."""
    return db if db is not None else Path(load_config().store.db)


def _emit_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, default=str, indent=None) + "\n")


def _table(rows: list[dict[str, Any]], columns: list[str], title: str | None = None) -> None:
    table = Table(title=title, show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    out.print(table)


def _progress() -> Progress:
    return Progress(TextColumn("[bold]analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=True)


@app.command()
def analyze(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or - for stdin.")],
    db: DbOpt = None,
    date: Annotated[Optional[str], typer.Option(help="Article date YYYY-MM-DD (wins over the input's).")] = None,
    input_format: Annotated[Optional[str], typer.Option("--input-format", help=", ".join(INPUT_FORMATS) + ".")] = None,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline to load.")] = None,
    batch_size: Annotated[Optional[int], typer.Option("--batch-size")] = None,
    strict: Annotated[bool, typer.Option(help="Exit 3 if anything failed.")] = False,
    engine: Annotated[str, typer.Option(help="local (this machine) or dask (a Dask cluster, via Parquet shards).")] = "local",
    workers: Annotated[Optional[int], typer.Option(help="Worker processes (local pool, or a local Dask cluster).")] = None,
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address (--engine dask).")] = None,
    shards: Annotated[Optional[Path], typer.Option(help="Shard folder for --engine dask (default: <db>.shards).")] = None,
    as_json: JsonOpt = False,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Read articles, analyse them, store the records in a DuckDB file."""
    db = _db(db)
    cfg = _config(config, set_, model=model, batch_size=batch_size)
    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"unknown engine {engine!r}; use local or dask", param_hint="--engine")
    with _progress() as bar:
        task = bar.add_task("analyse", total=None)
        summary = api.analyze(paths, db, config=cfg, date=date, input_format=input_format,
                              progress=lambda n: bar.advance(task, n), workers=workers, engine=engine,
                              scheduler=scheduler, shards=shards)
    if as_json:
        _emit_json(summary.as_dict())
    else:
        _print_summary(summary, db)
    if strict and (summary.failures or summary.warnings):
        raise typer.Exit(3)


AllOpt = Annotated[bool, typer.Option("--all", help="Also the claims, attributions and events under "
                                                    "claims.min_confidence and events.min_confidence.")]


def _min_confidence(config: Path | None, sets: list[str] | None, show_all: bool) -> float:
    """The ``claims.min_confidence`` a view applies (0 with ``--all``)."""
    return 0.0 if show_all else _config(config, sets).claims.min_confidence


def _print_summary(summary: api.RunSummary, db: Path) -> None:
    out.print(f"[bold]{summary.read}[/] articles read, {summary.analysed} analysed, "
              f"{summary.duplicates} skipped as duplicates, {summary.replaced} replaced, "
              f"{len(summary.failures)} failed; {summary.records} records written to {db} "
              f"in {summary.seconds:.1f} s"
              + (f"; {summary.skipped_sentences} sentence(s) not in English skipped" if summary.skipped_sentences else ""))
    for failure in summary.failures:
        out.print(f"  [red]{failure.code}[/] {failure.message}", highlight=False)
    for warning in getattr(summary, "warnings", ()):
        err.print(f"[yellow]warning[/] {warning}", highlight=False)


@app.command()
def load(
    shards: Annotated[list[Path], typer.Argument(help="Shard folders, manifests or shard files.")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Load Parquet shards (from --engine dask) into a DuckDB file; loading twice adds nothing."""
    db = _db(db)
    from .run import load_shards

    summary = load_shards(shards, db)
    if as_json:
        _emit_json(summary.as_dict())
    else:
        _print_summary(summary, db)


@app.command()
def annotate(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or - for stdin.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Output directory.")],
    format_: Annotated[str, typer.Option("--format", help=", ".join(ANNOTATE_FORMATS) + ".")] = "jsonl",
    date: Annotated[Optional[str], typer.Option()] = None,
    input_format: Annotated[Optional[str], typer.Option("--input-format", help=", ".join(INPUT_FORMATS) + ".")] = None,
    model: Annotated[Optional[str], typer.Option()] = None,
    strict: Annotated[bool, typer.Option()] = False,
    show_all: AllOpt = False,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Analyse without a database and write annotations to a directory."""
    from .nlp.events.extract import visible
    from .output.annotate import open_writer, shown

    cfg = _config(config, set_, model=model)
    writer = open_writer(format_, out_dir)
    floor = 0.0 if show_all else cfg.claims.min_confidence
    failures = []
    skipped = 0
    for item in api.annotate_stream(api.read(paths, date=date, input_format=input_format), cfg):
        if isinstance(item, api.Failure):
            failures.append(item)
        else:
            writer.write(visible(shown(item, floor), 0.0 if show_all else cfg.events.min_confidence))
            failures.extend(item.failures)
            skipped += item.skipped_sentences
    written = writer.close()
    err.print(f"wrote {len(written)} file(s) to {out_dir}; {len(failures)} failed"
              + (f"; {skipped} sentence(s) not in English skipped" if skipped else ""))
    for failure in failures:
        err.print(f"  {failure.code} {failure.message}", highlight=False)
    if strict and failures:
        raise typer.Exit(3)


@app.command()
def articles(
    db: DbOpt = None,
    stale: Annotated[bool, typer.Option("--stale", help="Only articles analysed with other extractor versions, "
                                        "data tables, model or actor table than now (`analyze` redoes them).")] = False,
    config: ConfigOpt = None,
    set_: SetOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List stored articles."""
    db = _db(db)
    from .store import queries

    with api.open(db) as store:
        rows = queries.articles(store)
        if stale:
            from .run.batch import current_versions

            current = store.analysed_as_is(current_versions(_config(config, set_).analyze))
            rows = [row for row in rows if row["id"] not in current]
    if as_json:
        _emit_json(rows)
    else:
        _table(rows, ["id", "date", "date_source", "source", "title", "copy_of", "chars"])


@app.command()
def mentions(
    db: DbOpt = None,
    article: Annotated[Optional[str], typer.Option(help="Only this article id.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List entity and noun-chunk mentions with their offsets."""
    db = _db(db)
    from .store import queries

    with api.open(db) as store:
        rows = queries.mentions(store, article)
    if as_json:
        _emit_json(rows)
    else:
        _table(rows, ["article_id", "sentence", "start_char", "end_char", "mention_type", "label", "text"])


@app.command()
def actors(
    db: DbOpt = None,
    country: Annotated[Optional[str], typer.Option(help="ISO 3166 alpha-3 code, e.g. PRK.")] = None,
    sector: Annotated[Optional[str], typer.Option(help="PLOVER sector, e.g. MIL, GOV.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List resolved actors: country, sector, role, how often mentioned."""
    db = _db(db)
    from .store import queries

    with api.open(db) as store:
        rows = queries.actors(store, country=country, sector=sector)
    if as_json:
        _emit_json(rows)
    else:
        _table(rows, ["actor_id", "name", "country", "sector", "role", "mentions", "articles", "confidence"])


@app.command()
def places(
    db: DbOpt = None,
    country: Annotated[Optional[str], typer.Option(help="ISO 3166 alpha-3 code.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List places: coordinates, GeoNames id, how often mentioned."""
    db = _db(db)
    from .store import queries

    with api.open(db) as store:
        rows = queries.places(store, country=country)
    if as_json:
        _emit_json(rows)
    else:
        _table(rows, list(rows[0]) if rows else ["place"])


@app.command()
def sql(query: Annotated[str, typer.Argument(help="A read-only SQL statement.")],
        db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Run a read-only SQL query against the database."""
    db = _db(db)
    with api.open(db) as store:
        rows = store.sql(query)
    if as_json:
        _emit_json(rows)
    else:
        _table(rows, list(rows[0]) if rows else [])


@app.command()
def brief(db: DbOpt = None,
          article: Annotated[Optional[str], typer.Option(help="Only this article id.")] = None,
          show_all: AllOpt = False,
          config: ConfigOpt = None, set_: SetOpt = None) -> None:
    """A readable summary of what was extracted."""
    db = _db(db)
    from .report.brief import brief_text

    shown = _config(config, set_).shown(show_all)
    with api.open(db) as store:
        out.print(brief_text(store, article, shown), highlight=False, markup=False)


@app.command()
def quotes(
    db: DbOpt = None,
    speaker: Annotated[Optional[str], typer.Option(help="Speaker name, actor id or source words.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only what was said on or after YYYY-MM-DD.")] = None,
    quoted: Annotated[bool, typer.Option("--quoted", help="Direct quotes only.")] = False,
    show_all: AllOpt = False,
    config: ConfigOpt = None,
    set_: SetOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List attributions: who said (believes, wrote) what, and when."""
    db = _db(db)
    from .store import queries

    floor = _min_confidence(config, set_, show_all)
    with api.open(db) as store:
        rows = queries.quotes(store, speaker=speaker, since=since, quoted_only=quoted, min_confidence=floor)
    if as_json:
        _emit_json(rows)
        return
    for row in rows:
        row["who"] = row["speaker"] or row["source"] or ""
    _table(rows, ["date", "who", "cue", "content", "attribution_type"])


@app.command()
def claims(
    db: DbOpt = None,
    about: Annotated[Optional[str], typer.Option(help="Actor id or words the claim is about.")] = None,
    stance: Annotated[Optional[str], typer.Option(help="asserts, denies, questions or predicts.")] = None,
    claimant: Annotated[Optional[str], typer.Option(help="Claimant name or actor id ('author' for the article's own).")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only claims made on or after YYYY-MM-DD.")] = None,
    show_all: AllOpt = False,
    config: ConfigOpt = None,
    set_: SetOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """List claims: who holds what proposition, with what stance and certainty."""
    db = _db(db)
    from .store import queries

    floor = _min_confidence(config, set_, show_all)
    with api.open(db) as store:
        rows = queries.claims(store, about=about, stance=stance, claimant=claimant, since=since,
                              min_confidence=floor)
    if as_json:
        _emit_json(rows)
        return
    for row in rows:
        row["evidence_notes"] = "; ".join(e["text"] for e in row["evidence"])
    _table(rows, ["date", "claimant", "stance", "certainty", "proposition", "evidence_notes"])


@app.command()
def events(
    db: DbOpt = None,
    actor: Annotated[Optional[str], typer.Option(help="Actor name, id, country code or words.")] = None,
    type_: Annotated[Optional[str], typer.Option("--type", help="PLOVER type, e.g. ASSAULT.")] = None,
    factuality: Annotated[Optional[str], typer.Option(help="asserted, alleged, denied, predicted, hypothetical, negated.")] = None,
    since: Annotated[Optional[str], typer.Option(help="Only events dated on or after YYYY-MM-DD.")] = None,
    plover: Annotated[bool, typer.Option("--plover", help="Print PLOVER JSON records, one per line.")] = False,
    show_all: AllOpt = False,
    as_json: JsonOpt = False,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """List PLOVER events: who did what to whom, when, where, how factual (those at or above
    events.min_confidence; --all for every one)."""
    db = _db(db)
    from .output import plover as plover_export
    from .store import queries

    events_floor = 0.0 if show_all else _config(config, set_).events.min_confidence
    with api.open(db) as store:
        rows = queries.events(store, actor=actor, event_type=type_, factuality=factuality, since=since,
                              min_confidence=events_floor)
        records = plover_export.from_store(store, [r["id"] for r in rows]) if plover else []
    if plover:
        for record in records:
            _emit_json(record)
        return
    if as_json:
        _emit_json(rows)
        return
    for row in rows:
        row["who"] = "; ".join(p.get("name") or p["span"]["text"] for p in row["actors"])
        row["whom"] = "; ".join(p.get("name") or p["span"]["text"] for p in row["recipients"])
    _table(rows, ["date", "event_type", "mode", "factuality", "who", "trigger", "whom", "place", "confidence", "article_id"])


# -- fusion, reports, exports (issue 7) ---------------------------------------------------
@app.command()
def fuse(db: DbOpt = None, as_json: JsonOpt = False) -> None:
    """Cluster copies and syndicated articles; group claims and events into threads (incremental)."""
    db = _db(db)
    from .fusion.fuse import fuse as run_fuse

    if not db.exists():
        raise StoreError("E301", path=db, reason="no such file; run `newsgraph analyze` first")
    with api.open(db, read_only=False) as store:
        summary = run_fuse(store).as_dict()
    if as_json:
        _emit_json(summary)
    else:
        out.print(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in summary.items()), highlight=False)


@app.command()
def threads(
    db: DbOpt = None,
    about: Annotated[Optional[str], typer.Option(help="A country, actor name or actor id.")] = None,
    contested: Annotated[bool, typer.Option("--contested", help="Only threads both asserted and denied.")] = False,
    kind: Annotated[str, typer.Option(help="claim or event.")] = "claim",
    as_json: JsonOpt = False,
    show_all: AllOpt = False,
    config: ConfigOpt = None, set_: SetOpt = None,
) -> None:
    """Claim (or event) threads across articles: first seen, who asserts, who denies, sources
    (of the claims or events shown: at or above their ``min_confidence``; ``--all``: all)."""
    db = _db(db)
    from .fusion.queries import as_shown
    from .fusion.queries import threads as query

    shown = _config(config, set_).shown(show_all)
    with api.open(db) as store:
        rows = as_shown(store, query(store, about=about, kind=kind), shown)
    rows = [r for r in rows if r["contested"] or not contested]
    if as_json:
        _emit_json(rows)
        return
    for row in rows:
        row["who"] = "; ".join(f"{stance}: " + ", ".join(c["claimant"] for c in by[:3]) + (f" +{len(by) - 3}" if len(by) > 3 else "")
                               for stance, by in (row["stances"] or {}).items())
    _table(rows, ["thread_id", "first_day", "last_day", "n_members", "independent_sources", "contested",
                  "who", "label"])


@app.command()
def timeline(
    db: DbOpt = None,
    actor: Annotated[Optional[str], typer.Option(help="Claims by or about this actor (name, id, country).")] = None,
    thread: Annotated[Optional[str], typer.Option(help="Claims of this thread id.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Claims in date order, each with its thread and source."""
    db = _db(db)
    from .fusion.queries import timeline as query

    with api.open(db) as store:
        rows = query(store, actor=actor, thread_id=thread)
    if as_json:
        _emit_json(rows)
    else:
        _table(rows, ["day", "source", "claimant", "stance", "certainty", "text", "thread_id", "article_id"])


@app.command()
def check(
    claim: Annotated[str, typer.Argument(help="The claim, one English sentence.")],
    db: DbOpt = Path("newsgraph.duckdb"),
    as_json: JsonOpt = False,
) -> None:
    """Every article that asserts, denies or discusses CLAIM: its deciding sentence, speaker, day, outlet."""
    from .fusion.check import check as run_check, validate_claim

    validate_claim(claim)
    with api.open(db) as store:
        result = run_check(store.con, claim)
    if as_json:
        _emit_json(result)
        return
    out.print(result["message"], highlight=False)
    if result["first_seen"]:
        first = result["first_seen"]
        out.print(f"first seen {first['day']} in {first['outlet'] or first['article_id']} ({first['stance']});"
                  f" independent sources: " + ", ".join(f"{v} {k}" for k, v in result["independent_sources"].items()),
                  highlight=False)
    _table(result["articles"], ["day", "outlet", "stance", "confidence", "speaker", "sentence", "start", "end",
                                "article_id"])


@app.command()
def report(
    out_path: Annotated[Path, typer.Option("--out", help="brief.html or brief.md")],
    db: DbOpt = None,
    about: Annotated[Optional[str], typer.Option(help="Threads about this actor or country.")] = None,
    thread: Annotated[Optional[str], typer.Option(help="One thread id.")] = None,
    article: Annotated[Optional[str], typer.Option(help="Threads of one article.")] = None,
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
    show_all: AllOpt = False,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """An analyst's brief (HTML with figures, or Markdown): timeline, who asserts/denies, quotes."""
    db = _db(db)
    from .report.analyst import write_report

    shown = _config(config, set_).shown(show_all)
    with api.open(db) as store:
        written = write_report(store, out_path, about=about, thread_id=thread, article_id=article, force=force,
                               shown=shown)
    err.print(f"wrote {written}")


@app.command()
def export(
    format_: Annotated[str, typer.Option("--format", help="jsonl, csv, parquet, sqlite, gexf, graphml, plover, "
                                                           "claimreview, timelinejs, ftm.")],
    out_path: Annotated[Path, typer.Option("--out", help="Output file (a directory for jsonl/csv/parquet).")],
    db: DbOpt = None,
    table: Annotated[Optional[str], typer.Option(help="jsonl/csv/parquet: only this table, to one file.")] = None,
    force: Annotated[bool, typer.Option(help="Replace an existing output.")] = False,
    show_all: AllOpt = False,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Export records, the actor network, events, claim threads and timelines to standard formats."""
    db = _db(db)
    from .output.export import export as run_export

    shown = _config(config, set_).shown(show_all)
    with api.open(db) as store:
        written = run_export(store, format_, out_path, table=table, force=force, shown=shown)
    err.print(f"wrote {written}")


@eval_app.command("events")
def eval_events(
    path: Annotated[Path, typer.Argument(help="PLV-layout TSV (sentence, marked_sentence, gold_root), or with --realnews the real-news folder.")],
    part: Annotated[str, typer.Option(help="all, tune or heldout (the fixed split by sentence hash).")] = "all",
    limit: Annotated[Optional[int], typer.Option(help="Only the first N sentences.")] = None,
    realnews: Annotated[bool, typer.Option("--realnews", help="PATH is the real-news folder: annotate inputs.jsonl and score with its score_events.py.")] = False,
    all_events: Annotated[bool, typer.Option("--all", help="With --realnews: every event, not only those at events.min_confidence.")] = False,
    work_dir: Annotated[Optional[Path], typer.Option("--work", help="With --realnews: where to write annotations.jsonl.")] = None,
    as_json: JsonOpt = False,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Score PLOVER event coding. PLV: pair recall, type accuracy and macro-F1, events per
    sentence, over every event (PLV asks whether events are found where they are; the
    confidence threshold is a view). --realnews: precision and recall on whole articles of
    the events users see (at events.min_confidence)."""
    from .evaluate.events import evaluate_file

    if realnews:
        import tempfile

        from .evaluate.events import realnews as score_realnews

        cfg = _config(config, set_)
        work = work_dir or Path(tempfile.mkdtemp(prefix="newsgraph-events-"))
        result = score_realnews(path, work, 0.0 if all_events else cfg.events.min_confidence, cfg.analyze)
        if as_json:
            _emit_json(result)
            return
        err.print(f"system output in {work}", highlight=False)
        rows = [{"part": k, **{f"{lv} {m}": v[lv][m] for lv in ("type", "full") for m in ("p", "r", "f1")},
                 "in no-event docs": v["sys_events_in_no_event_docs"]} for k, v in result.items()]
        _table(rows, ["part"] + [f"{lv} {m}" for lv in ("type", "full") for m in ("p", "r", "f1")] + ["in no-event docs"])
        return

    result = evaluate_file(path, part=None if part == "all" else part, limit=limit)
    if as_json:
        _emit_json(result.as_dict())
        return
    out.print(result.as_dict())
    rows = [{"class": c, **{k: round(v, 1) for k, v in m.items()}} for c, m in result.per_class.items()]
    _table(rows, ["class", "precision", "recall", "f1", "support"])


@eval_app.command("attribution")
def eval_attribution(
    gold_dir: Annotated[Path, typer.Argument(help="PolNeAR split folder (attributions/, text/).")],
    system_dir: Annotated[Optional[Path], typer.Argument(help="Folder of <id>.ann (annotate --format brat). Omit to annotate the split now.")] = None,
    work_dir: Annotated[Optional[Path], typer.Option("--work", help="Where to write the run when SYSTEM_DIR is omitted.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Score attribution (PolNeAR): exact and overlap P/R/F1 of source, cue and content."""
    import tempfile

    from .evaluate.attribution import annotate_split, score

    if system_dir is None:
        work = work_dir or Path(tempfile.mkdtemp(prefix="newsgraph-attr-"))
        system_dir = annotate_split(gold_dir, work)
        err.print(f"system output in {system_dir}", highlight=False)
    scores = score(gold_dir, system_dir)
    if as_json:
        _emit_json(scores)
        return
    rows = [{"role": r, **{f"{k} {m}": scores[f"{r}_{k}_{m}"] for k in ("exact", "overlap") for m in ("p", "r", "f1")}}
            for r in ("source", "cue", "content")]
    _table(rows, ["role"] + [f"{k} {m}" for k in ("exact", "overlap") for m in ("p", "r", "f1")])


@eval_app.command("claims")
def eval_claims(
    folder: Annotated[Path, typer.Argument(help="Real-news folder (inputs.jsonl, claims_gold.jsonl, docs/, score_claims.py).")],
    system: Annotated[Optional[Path], typer.Argument(help="annotate --format jsonl output. Omit to annotate now.")] = None,
    work_dir: Annotated[Optional[Path], typer.Option("--work", help="Where to write the run when SYSTEM is omitted.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Score claims on whole real articles (claimant, stance; the shared score_claims.py)."""
    import tempfile

    from .evaluate.claims import annotate_folder, score

    if system is None:
        system = annotate_folder(folder, work_dir or Path(tempfile.mkdtemp(prefix="newsgraph-claims-")))
        err.print(f"system output in {system}", highlight=False)
    scores = score(folder, system)
    if as_json:
        _emit_json(scores)
        return
    rows = [{"part": part, **{f"{lv} {m}": scores[part][lv][m] for lv in ("claimant", "stance") for m in ("p", "r", "f1")}}
            for part in sorted(scores)]
    _table(rows, ["part"] + [f"{lv} {m}" for lv in ("claimant", "stance") for m in ("p", "r", "f1")],
           title=f"stance accuracy {scores['all']['stance_acc']}")


@eval_app.command("places")
def eval_places(
    path: Annotated[Path, typer.Argument(help="GeoWebNews-layout XML (<article><text>, <toponyms>).")],
    part: Annotated[str, typer.Option(help="all, tune or report (halves of the fixed split by document).")] = "all",
    as_json: JsonOpt = False,
) -> None:
    """Score toponyms: acc@161km, exact GeoNames id and ceiling on gold spans; span P/R/F1 end to end."""
    from .evaluate.places import evaluate_file

    scores = evaluate_file(path, part=part)
    if as_json:
        _emit_json(scores)
        return
    _table([{"metric": k, "value": v} for k, v in scores.items()], ["metric", "value"], title="places")


@eval_app.command("certainty")
def eval_certainty(
    path: Annotated[Path, typer.Argument(help="JSON Lines of sentences with gold hedge cues.")],
    part: Annotated[str, typer.Option(help="heldout (reported), tune (learned on) or all.")] = "heldout",
    as_json: JsonOpt = False,
) -> None:
    """Score hedge cues: cue-level exact/overlap P/R/F1 and sentence-level (uncertain) P/R/F1."""
    from .evaluate.certainty import evaluate_file

    scores = evaluate_file(path, part=None if part == "all" else part)
    if as_json:
        _emit_json(scores)
        return
    rows = [{"level": k, "p": scores[f"{k}_p"], "r": scores[f"{k}_r"], "f1": scores[f"{k}_f1"]}
            for k in ("cue_exact", "cue_overlap", "sentence")]
    _table(rows, ["level", "p", "r", "f1"], title=f"{scores['sentences']} sentences ({part})")


@eval_app.command("stance")
def eval_stance(
    stances: Annotated[Path, typer.Argument(help="FNC-1 layout: Headline, Body ID, Stance.")],
    bodies: Annotated[Path, typer.Argument(help="FNC-1 layout: Body ID, articleBody.")],
    predictions: Annotated[Optional[Path], typer.Option("--predictions", help="Write Headline, Body ID, Stance here.")] = None,
    part: Annotated[str, typer.Option(help="all, tune or heldout (the fixed split by body id).")] = "all",
    as_json: JsonOpt = False,
) -> None:
    """Score the stance of bodies towards headlines: FNC-1 score, per-class F1 and macro-F1."""
    from .evaluate.stance import evaluate_files

    scores = evaluate_files(stances, bodies, part=None if part == "all" else part, predictions=predictions)
    if as_json:
        _emit_json(scores)
        return
    _table([{"metric": k, "value": v} for k, v in scores.items()], ["metric", "value"], title=f"stance ({part})")


@eval_app.command("time")
def eval_time(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold TimeML files (NAME.tml).")],
    system_dir: Annotated[Path, typer.Argument(help="Folder of system TimeML files (annotate --format timeml).")],
    part: Annotated[Optional[str], typer.Option("--part", help="Score only one part of the gold folder: "
                                                "'frozen' (never tuned on) or 'tune' (evaluate.time.frozen_split).")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Score TIMEX3 tagging as TempEval-3 does: strict/relaxed extent F1, value and type F1."""
    from .evaluate.time import part_names, score_dirs

    scores = score_dirs(gold_dir, system_dir, part_names(gold_dir, part) if part else None)
    if as_json:
        _emit_json(scores.summary())
        return
    out.print(scores.table(), markup=False, highlight=False)


@app.command()
def serve(db: DbOpt = None,
          host: Annotated[str, typer.Option(help="Address to listen on (loopback unless --token).")] = "127.0.0.1",
          port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
          token: Annotated[Optional[str], typer.Option(help="Bearer token required on every request.")] = None,
          cache_size: Annotated[int, typer.Option("--cache-size", help="Responses kept between writes (0: none).")] = 512,
          config: ConfigOpt = None,
          set_: SetOpt = None,
          ) -> None:
    """Serve the HTTP API and the web UI; other clients read and write through it meanwhile."""
    db = _db(db)
    from .server.runner import serve as run_server

    def ready(url: str) -> None:  # the database is open and held: only now say so
        err.print(f"newsgraph serving {db} at {url}/ (Ctrl-C to stop)", highlight=False)

    run_server(db, host=host, port=port, token=token, config=_config(config, set_), cache_size=cache_size,
               ready=ready)


def main() -> None:
    """Entry point: run the app, translating library errors into messages and exit codes."""
    try:
        code = app(standalone_mode=False)  # click returns the exit code of typer.Exit here
    except NewsgraphError as exc:
        err.print(f"[red]error[/] {exc}", highlight=False)
        sys.exit(1)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.exit(130)
    except Exception as exc:  # click usage errors
        import click

        if isinstance(exc, click.ClickException):
            exc.show()
            sys.exit(exc.exit_code)
        raise
    sys.exit(code if isinstance(code, int) else 0)
