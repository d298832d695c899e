"""One JSON error shape everywhere: ``{"error": {"code", "message", "status"}}``.

Handlers translate HTTP errors (404, 405), validation errors (422), newsgraph errors and any
unhandled exception (500) into that shape.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import InputError, NewsgraphError, StoreError, StoreLockedError

__all__ = ["ApiError", "error_response", "install"]

log = logging.getLogger(__name__)

_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 413: "payload_too_large", 415: "unsupported_media_type",
               422: "invalid_input", 429: "too_many_requests", 500: "internal_error", 503: "unavailable"}


class ApiError(Exception):
    """An error with an HTTP status, a stable short code and a message saying what to do."""

    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message, "status": status}},
                        status_code=status, headers=headers)


def _status_of(exc: NewsgraphError) -> int:
    if exc.code == "E307":
        return 404
    if isinstance(exc, StoreLockedError):
        return 503
    if exc.code in ("E304", "E305") or isinstance(exc, InputError):
        return 400
    return 500 if isinstance(exc, StoreError) else 422


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
        parts.append(f"{where}: {err.get('msg')}")
    return "Invalid request: " + "; ".join(parts) + "."


async def _on_api(request: Request, exc: ApiError) -> JSONResponse:
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def _on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    code = _HTTP_CODES.get(exc.status_code, "http_error")
    detail = exc.detail if isinstance(exc.detail, str) else code
    if exc.status_code == 404:
        detail = f"Nothing at {request.url.path}. See /openapi.json for the API."
    elif exc.status_code == 405:
        detail = f"Method {request.method} is not allowed on {request.url.path}. See /openapi.json."
    return error_response(exc.status_code, code, detail, getattr(exc, "headers", None))


async def _on_validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    return error_response(422, "invalid_input", _validation_message(exc))


async def _on_newsgraph(request: Request, exc: NewsgraphError) -> JSONResponse:
    return error_response(_status_of(exc), exc.code, str(exc))


async def _on_any(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", "The server failed on this request. See the server log.")


def install(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _on_api)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(NewsgraphError, _on_newsgraph)
    app.add_exception_handler(Exception, _on_any)
