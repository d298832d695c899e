"""Request guards, as one ASGI middleware: bearer token, loopback Host check, body size limit,
response size limit, and security headers on every response (refusals included).

With a token, every request needs ``Authorization: Bearer <token>`` or the cookie the UI gets
by opening ``/?token=<token>`` once. Without a token the server only listens on loopback and
only answers requests addressed to a loopback name (no DNS rebinding): ``localhost`` or a
loopback address, nothing else (not ``testserver``, the name test clients use by default).
"""

from __future__ import annotations

import hmac
import ipaddress
from collections.abc import Awaitable, Callable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs

from .errors import ApiError, error_response
from .limits import too_large

__all__ = ["COOKIE", "Guard", "is_loopback"]

COOKIE = "newsgraph_token"
_LOOPBACK_NAMES = {"localhost", "localhost."}
_HEADERS = [
    (b"content-security-policy", b"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                                 b" connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
]

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def is_loopback(host: str) -> bool:
    name = host.strip("[]").lower()
    if name in _LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    mapped = getattr(address, "ipv4_mapped", None)  # ::ffff:127.0.0.1
    return address.is_loopback or bool(mapped and mapped.is_loopback)


def _host_name(value: str) -> str:
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _content_length(headers: dict[str, str]) -> int:
    try:
        return int(headers.get("content-length") or 0)
    except ValueError:
        return 0


class _TooLarge(ApiError):
    def __init__(self, limit: int) -> None:
        super().__init__(413, "payload_too_large",
                         f"Request body over {limit} bytes. Send fewer or smaller articles per request.")


def _with_headers(send: Send) -> Send:
    """``send`` with the security headers added to the response start (no cookie: refusals)."""
    async def wrapped(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            message = {**message, "headers": [*message.get("headers", []), *_HEADERS]}
        await send(message)

    return wrapped


class Guard:
    def __init__(self, app: Callable, token: str | None, max_body: int, max_response: int = 50_000_000) -> None:
        self.app, self.token, self.max_body, self.max_response = app, token, max_body, max_response

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            return await refusal(scope, receive, _with_headers(send))
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            replay = await self._buffered(receive)
            if replay is None:
                exc = _TooLarge(self.max_body)
                return await error_response(exc.status, exc.code, exc.message)(scope, receive, _with_headers(send))
            receive = replay
        await self.app(scope, receive, self._bounded(scope, receive, self._decorated(scope, send)))

    def _refusal(self, scope: Scope, headers: dict[str, str]):
        if _content_length(headers) > self.max_body:
            exc = _TooLarge(self.max_body)
            return error_response(exc.status, exc.code, exc.message)
        if self.token is None:
            if not is_loopback(_host_name(headers.get("host", "localhost"))):
                return error_response(403, "forbidden",
                                      "Host not allowed: without --token the server answers loopback names only.")
            return None
        given = self._token_of(scope, headers)
        if given is None or not hmac.compare_digest(given.encode(), self.token.encode()):
            return error_response(401, "unauthorized", "Missing or wrong token. Send 'Authorization: Bearer <token>'"
                                  " or open /?token=<token> in the browser once.", {"www-authenticate": "Bearer"})
        return None

    def _token_of(self, scope: Scope, headers: dict[str, str]) -> str | None:
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            return auth[7:].strip()
        if scope.get("path") == "/":
            query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
            if query.get("token"):
                return query["token"][0]
        cookie = SimpleCookie(headers.get("cookie", ""))
        return cookie[COOKIE].value if COOKIE in cookie else None

    async def _buffered(self, receive: Receive) -> Receive | None:
        """Read the whole body (at most ``max_body`` bytes) and replay it; None if too large."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body:
                return None
            if not message.get("more_body", False):
                break
        replay = [{"type": "http.request", "body": b"".join(chunks), "more_body": False}]

        async def wrapped() -> dict[str, Any]:
            return replay.pop() if replay else await receive()

        return wrapped

    def _bounded(self, scope: Scope, receive: Receive, send: Send) -> Send:
        """``send``, but a response whose Content-Length is over ``max_response`` is replaced
        by an error naming the setting; one without a length is cut off (an error) past it."""
        state = {"replaced": False, "sent": 0}

        async def wrapped(message: dict[str, Any]) -> None:
            if state["replaced"]:
                return
            if message["type"] == "http.response.start":
                length = dict(message.get("headers", [])).get(b"content-length")
                if length is not None and int(length) > self.max_response:
                    state["replaced"] = True
                    refusal = error_response(500, "response_too_large", too_large(
                        self.max_response, "Raise server.max_response_bytes to serve it."))
                    return await refusal(scope, receive, send)
            elif message["type"] == "http.response.body":
                state["sent"] += len(message.get("body", b""))
                if state["sent"] > self.max_response:
                    raise RuntimeError(too_large(self.max_response, "The response was cut off."))
            await send(message)

        return wrapped

    def _decorated(self, scope: Scope, send: Send) -> Send:
        set_cookie = self.token is not None and scope.get("path") == "/" and b"token=" in scope.get("query_string", b"")

        async def wrapped(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                extra = list(_HEADERS)
                if set_cookie:
                    extra.append((b"set-cookie", f"{COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        return wrapped
