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
from .errors import NewsgraphError

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="News articles in; who said what, who did what to whom, when, where, how sure: out.")
eval_app = typer.Typer(no_args_is_help=True, help="Score newsgraph on standard gold data.")
app.add_typer(eval_app, name="eval")

out = Console(soft_wrap=True)
err = Console(stderr=True)

DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB file.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON on stdout.")]
ConfigOpt = Annotated[Optional[Path], typer.Option("--config", help="A TOML file overriding the defaults.")]
SetOpt = Annotated[Optional[list[str]], typer.Option("--set", help="Override a setting: section.key=value.")]


def _config(config: Path | None, sets: list[str] | None, **analyze: Any) -> Config:
    overrides = dict(s.split("=", 1) for s in (sets or []) if "=" in s)
    return with_overrides(load_config(config, overrides), **analyze)


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
    db: DbOpt = Path("newsgraph.duckdb"),
    date: Annotated[Optional[str], typer.Option(help="Article date YYYY-MM-DD (wins over the input's).")] = None,
    input_format: Annotated[Optional[str], typer.Option("--input-format", help="text, jsonl, csv, html, warc, timeml.")] = None,
    model: Annotated[Optional[str], typer.Option(help="spaCy pipeline to load.")] = None,
    batch_size: Annotated[Optional[int], typer.Option("--batch-size")] = None,
    strict: Annotated[bool, typer.Option(help="Exit 3 if anything failed.")] = False,
    as_json: JsonOpt = False,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Read articles, analyse them, store the records in a DuckDB file."""
    cfg = _config(config, set_, model=model, batch_size=batch_size)
    with _progress() as bar:
        task = bar.add_task("analyse", total=None)
        summary = api.analyze(paths, db, config=cfg, date=date, input_format=input_format,
                              progress=lambda n: bar.advance(task, n))
    if as_json:
        _emit_json(summary.as_dict())
    else:
        _print_summary(summary, db)
    if strict and summary.failures:
        raise typer.Exit(3)


def _print_summary(summary: api.RunSummary, db: Path) -> None:
    out.print(f"[bold]{summary.read}[/] articles read, {summary.analysed} analysed, "
              f"{summary.duplicates} skipped as duplicates, {summary.replaced} replaced, "
              f"{len(summary.failures)} failed; {summary.records} records written to {db} "
              f"in {summary.seconds:.1f} s")
    for failure in summary.failures:
        out.print(f"  [red]{failure.code}[/] {failure.message}", highlight=False)


@app.command()
def annotate(
    paths: Annotated[list[str], typer.Argument(help="Files, directories or - for stdin.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Output directory.")],
    format_: Annotated[str, typer.Option("--format", help="jsonl, timeml, brat.")] = "jsonl",
    date: Annotated[Optional[str], typer.Option()] = None,
    input_format: Annotated[Optional[str], typer.Option("--input-format")] = None,
    model: Annotated[Optional[str], typer.Option()] = None,
    strict: Annotated[bool, typer.Option()] = False,
    config: ConfigOpt = None,
    set_: SetOpt = None,
) -> None:
    """Analyse without a database and write annotations to a directory."""
    from .writers import open_writer

    cfg = _config(config, set_, model=model)
    writer = open_writer(format_, out_dir)
    failures = []
    for item in api.annotate_stream(api.read(paths, date=date, input_format=input_format), cfg):
        if isinstance(item, api.Failure):
            failures.append(item)
        else:
            writer.write(item)
            failures.extend(item.failures)
    written = writer.close()
    err.print(f"wrote {len(written)} file(s) to {out_dir}; {len(failures)} failed")
    for failure in failures:
        err.print(f"  {failure.code} {failure.message}", highlight=False)
    if strict and failures:
        raise typer.Exit(3)


@app.command()
def articles(db: DbOpt = Path("newsgraph.duckdb"), as_json: JsonOpt = False) -> None:
    """List stored articles."""
    from .store import queries

    with api.open(db) as store:
        rows = queries.articles(store)
    if as_json:
        _emit_json(rows)
    else:
        _table(rows, ["id", "date", "date_source", "source", "title", "copy_of", "chars"])


@app.command()
def mentions(
    db: DbOpt = Path("newsgraph.duckdb"),
    article: Annotated[Optional[str], typer.Option(help="Only this article id.")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List entity and noun-chunk mentions with their offsets."""
    from .store import queries

    with api.open(db) as store:
        rows = queries.mentions(store, article)
    if as_json:
        _emit_json(rows)
    else:
        _table(rows, ["article_id", "sentence", "start_char", "end_char", "mention_type", "label", "text"])


@app.command()
def sql(query: Annotated[str, typer.Argument(help="A read-only SQL statement.")],
        db: DbOpt = Path("newsgraph.duckdb"), as_json: JsonOpt = False) -> None:
    """Run a read-only SQL query against the database."""
    with api.open(db) as store:
        rows = store.sql(query)
    if as_json:
        _emit_json(rows)
    else:
        _table(rows, list(rows[0]) if rows else [])


@app.command()
def brief(db: DbOpt = Path("newsgraph.duckdb"),
          article: Annotated[Optional[str], typer.Option(help="Only this article id.")] = None) -> None:
    """A readable summary of what was extracted."""
    from .report.brief import brief_text

    with api.open(db) as store:
        out.print(brief_text(store, article), highlight=False, markup=False)


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
