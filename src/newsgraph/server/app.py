"""The FastAPI application: the HTTP API (OpenAPI at /openapi.json) and the web UI at /.

    app = create_app(store, token=None)     # an open, writable Store
    uvicorn.run(app, host="127.0.0.1", port=8000)

Nothing here reads or writes files other than the database and the packaged static files.
"""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..config import Config, ServerOptions
from ..store import Store
from . import errors
from .check import router as check_router
from .routes import router
from .limits import Limits
from .security import Guard
from .state import ServerState

__all__ = ["DEFAULT_MAX_BODY", "create_app"]

DEFAULT_MAX_BODY = 10_000_000
STATIC = resources.files("newsgraph.server").joinpath("static")

_DESCRIPTION = """Who said what, who did what to whom, when, where and how sure: the records of one
newsgraph database. Lists are paginated: follow `next` until it is null. Errors have one shape:
`{"error": {"code", "message", "status"}}`. With a token, send `Authorization: Bearer <token>`."""


def _index() -> FileResponse:
    return FileResponse(str(STATIC.joinpath("index.html")), media_type="text/html")


def create_app(store: Store, token: str | None = None, config: Config | None = None,
               max_body: int | None = None, cache_size: int = 512) -> FastAPI:
    """The app over an open Store; external file access is switched off on its database.
    Limits (body and response bytes, SQL slots and seconds) are ``config.server``'s;
    ``max_body`` overrides its body limit."""
    options = config.server if config else ServerOptions()
    app = FastAPI(title="newsgraph", version=__version__, description=_DESCRIPTION,
                  docs_url=None, redoc_url=None)
    app.state.newsgraph = ServerState(store, config, cache_size, limits=Limits.of(options))
    errors.install(app)
    app.include_router(router)
    app.include_router(check_router)
    app.add_api_route("/", _index, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.add_middleware(Guard, token=token, max_body=max_body or options.max_body_bytes,
                       max_response=options.max_response_bytes)
    return app
