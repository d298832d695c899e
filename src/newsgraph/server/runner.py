"""Run the server: refuse a non-loopback bind without a token, hold the database, write the
``<db>.server`` marker (so other processes name the server when they find the file locked),
serve, and remove the marker on shutdown, SIGTERM included (a clean exit, status 0)."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from ..config import Config
from ..errors import ConfigError
from ..store import Store, open_store
from .app import create_app
from .security import is_loopback

__all__ = ["Background", "check_bind", "marker_path", "serve"]


def check_bind(host: str, token: str | None) -> None:
    if not token and not is_loopback(host):
        raise ConfigError("E701", host=host)


def marker_path(db: str | Path) -> Path:
    db = Path(db)
    return db.with_name(db.name + ".server")


def _url(host: str, port: int) -> str:
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"


def _write_marker(db: Path, host: str, port: int) -> Path | None:
    """The marker, or None if it cannot be written (the server runs on; only the hint is lost)."""
    path = marker_path(db)
    try:
        path.write_text(json.dumps({"url": _url(host, port), "pid": os.getpid()}), "utf-8")
    except OSError:
        return None
    return path


def _remove_marker(path: Path | None) -> None:
    if path is None:
        return
    try:
        if json.loads(path.read_text("utf-8")).get("pid") == os.getpid():
            path.unlink()
    except (OSError, ValueError):
        pass


@contextmanager
def _sigterm_exits() -> Iterator[None]:
    """SIGTERM ends the process through SystemExit(0), so ``finally`` blocks run (the marker is
    removed, the database closed). uvicorn handles SIGTERM while it serves, then raises it
    again for the handler it found: this one."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(0)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(db: str | Path, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          config: Config | None = None, max_body: int | None = None, cache_size: int = 512,
          ready: Callable[[str], None] | None = None) -> None:
    """Serve the API and UI until interrupted (blocking). ``ready(url)`` is called once the
    database is open and held (a database that cannot be opened raises before it)."""
    check_bind(host, token)
    with _sigterm_exits():
        store = open_store(db)
        marker = _write_marker(store.path, host, port)
        try:
            app = create_app(store, token=token, config=config, max_body=max_body, cache_size=cache_size)
            if ready:
                ready(_url(host, port))
            uvicorn.run(app, host=host, port=port, log_level="warning")
        finally:
            _remove_marker(marker)
            store.close()


class Background:
    """An app served by uvicorn in a thread (for tests and benchmarks): ``with Background(app) as url``."""

    def __init__(self, app, host: str = "127.0.0.1", port: int = 0) -> None:
        config = uvicorn.Config(app, host=host, port=port, log_level="warning", lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started and time.monotonic() < deadline:
            time.sleep(0.02)
        sock = self.server.servers[0].sockets[0]
        host, port = sock.getsockname()[:2]
        return _url(host, port)

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
