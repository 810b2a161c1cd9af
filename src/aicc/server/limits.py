"""The upload limit, applied while the body arrives: a request body is never read past it.

FastAPI parses a multipart form before the route runs, spooling every byte of it; without a cap
a client could fill the disk with one request. This ASGI middleware refuses a body whose declared
length is over the cap at once, and stops one without a length as soon as it passes the cap,
with 413 and the same JSON error shape as every other refusal.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse

Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[MutableMapping[str, Any], Receive, Send], Awaitable[None]]


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when the body passes the cap; FastAPI lets an HTTPException
    through its form parsing (any other error there becomes a 400)."""


class BodyLimit:
    """Cap every request body at ``max_bytes``."""

    def __init__(self, app: App, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    def _detail(self) -> str:
        return (
            f"the request body is over the upload limit of {self.max_bytes} bytes "
            "(AICC_MAX_UPLOAD_MB, and a little for the form around the file)"
        )

    async def __call__(self, scope: MutableMapping[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            response = JSONResponse({"detail": self._detail()}, status_code=413)
            await response(scope, receive, send)
            return
        received = 0

        async def limited() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(413, self._detail())
            return message

        await self.app(scope, limited, send)
