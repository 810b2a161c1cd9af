"""A scriptable HTTP/1.1 feed server on 127.0.0.1 for download tests.

Use the ``feed_server`` fixture (re-export it from a folder's ``conftest.py``)::

    server.serve("/feed.zip", data)                  # ETag, Last-Modified, 304s, Range/If-Range
    server.script("/feed.zip", [Reply(503, {"Retry-After": "2"}), Reply(429)])  # answered first
    server.cut_after("/feed.zip", 1000)              # next body: 1000 bytes, then the socket closes
    url = server.url_for("/feed.zip")
    server.requests_for("/feed.zip")[-1].headers["range"]   # header names are lower case

Scripted replies are consumed in order, one per request; once a path's script is empty, the
resource given to ``serve`` answers (404 when there is none).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

AUTO = "auto"
DEFAULT_LAST_MODIFIED = "Mon, 01 Jan 2024 00:00:00 GMT"


@dataclass(frozen=True)
class Reply:
    """One scripted response. ``cut_after`` sends only that many body bytes (Content-Length
    still announces the whole body) and then closes the connection; ``delay`` waits that many
    seconds before answering."""

    status: int = 200
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    cut_after: int | None = None
    delay: float = 0.0


@dataclass(frozen=True)
class Request:
    """A request as the server received it; ``headers`` has lower-case names."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]


@dataclass
class Resource:
    """A file served with validators, conditional requests and byte ranges."""

    body: bytes
    etag: str | None
    last_modified: str | None
    content_type: str
    headers: dict[str, str]


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """Stay quiet: clients that time out or hang up are part of the tests."""


class FeedServer:
    """The server's state and scripting API; see the module docstring."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._resources: dict[str, Resource] = {}
        self._scripts: dict[str, deque[Reply]] = {}
        self._cuts: dict[str, int] = {}
        self._requests: list[Request] = []
        self._httpd = _QuietServer(("127.0.0.1", 0), _make_handler(self))
        # A short poll interval keeps shutdown (and so each test's teardown) quick.
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, args=(0.01,), daemon=True, name="feed-server"
        )

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:PORT``."""
        return f"http://127.0.0.1:{self.port}"

    def url_for(self, path: str) -> str:
        """The absolute URL of ``path`` (which starts with ``/``)."""
        return self.base_url + path

    def serve(
        self,
        path: str,
        body: bytes,
        *,
        etag: str | None = AUTO,
        last_modified: str | None = AUTO,
        content_type: str = "application/octet-stream",
        headers: Mapping[str, str] | None = None,
    ) -> Resource:
        """Serve ``body`` at ``path``. ``etag``/``last_modified``: ``"auto"`` derives a strong
        ETag from the body and uses a fixed date; None leaves the header out."""
        if etag == AUTO:
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if last_modified == AUTO:
            last_modified = DEFAULT_LAST_MODIFIED
        resource = Resource(body, etag, last_modified, content_type, dict(headers or {}))
        with self._lock:
            self._resources[path] = resource
        return resource

    def script(self, path: str, replies: Iterable[Reply]) -> None:
        """Queue replies for ``path``, answered before the served resource, one per request."""
        with self._lock:
            self._scripts.setdefault(path, deque()).extend(replies)

    def cut_after(self, path: str, nbytes: int) -> None:
        """Close the connection after ``nbytes`` of the next served body of ``path`` (once)."""
        with self._lock:
            self._cuts[path] = nbytes

    @property
    def requests(self) -> list[Request]:
        """Every request received so far, oldest first."""
        with self._lock:
            return list(self._requests)

    def requests_for(self, path: str) -> list[Request]:
        """The requests received for ``path``."""
        return [r for r in self.requests if r.path == path]

    def start(self) -> None:
        """Start serving in a daemon thread."""
        self._thread.start()

    def close(self) -> None:
        """Stop serving and release the port."""
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    # -- used by the handler

    def _record(self, request: Request) -> tuple[Reply | None, Resource | None, int | None]:
        with self._lock:
            self._requests.append(request)
            queue = self._scripts.get(request.path)
            if queue:
                return queue.popleft(), None, None
            resource = self._resources.get(request.path)
            cut = self._cuts.pop(request.path, None) if resource is not None else None
            return None, resource, cut


def _etag_matches(header: str, etag: str | None, *, weak: bool) -> bool:
    if etag is None:
        return False
    if header.strip() == "*":
        return True

    def norm(tag: str) -> str:
        return tag.strip().removeprefix("W/") if weak else tag.strip()

    if not weak and etag.startswith("W/"):
        return False
    return norm(etag) in {norm(t) for t in header.split(",")}


def _not_modified_since(header: str, last_modified: str | None) -> bool:
    if last_modified is None:
        return False
    try:
        return parsedate_to_datetime(last_modified) <= parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return False


def _parse_range(header: str, size: int) -> tuple[int, int] | str | None:
    """``(first, last)`` inclusive, None to ignore the header, or ``"unsatisfiable"``."""
    unit, _, spec = header.strip().partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None
    first_s, _, last_s = spec.strip().partition("-")
    try:
        if not first_s:
            suffix = int(last_s)
            return (max(0, size - suffix), size - 1) if suffix and size else "unsatisfiable"
        first = int(first_s)
        last = int(last_s) if last_s else size - 1
    except ValueError:
        return None
    if first >= size or last < first:
        return "unsatisfiable"
    return first, min(last, size - 1)


def _make_handler(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        timeout = 10  # lets idle keep-alive threads end after the tests

        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            self._handle(send_body=True)

        def do_HEAD(self) -> None:
            self._handle(send_body=False)

        def _handle(self, *, send_body: bool) -> None:
            parts = urlsplit(self.path)
            request = Request(
                self.command,
                parts.path,
                parse_qs(parts.query),
                {k.lower(): v for k, v in self.headers.items()},
            )
            reply, resource, cut = server._record(request)
            if reply is None:
                reply = (
                    _resource_reply(resource, request.headers)
                    if resource is not None
                    else Reply(404, {"Content-Type": "text/plain"}, b"not found")
                )
                if cut is not None and reply.body:
                    reply = Reply(reply.status, reply.headers, reply.body, cut_after=cut)
            self._send(reply, send_body=send_body)

        def _send(self, reply: Reply, *, send_body: bool) -> None:
            if reply.delay:
                time.sleep(reply.delay)
            self.send_response(reply.status)
            names = {k.lower() for k in reply.headers}
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if reply.status != 304 and "content-length" not in names:
                self.send_header("Content-Length", str(len(reply.body)))
            if "date" not in names:
                self.send_header("Date", formatdate(usegmt=True))
            self.end_headers()
            if not send_body or reply.status == 304:
                return
            if reply.cut_after is None:
                self.wfile.write(reply.body)
                return
            self.wfile.write(reply.body[: reply.cut_after])
            self.wfile.flush()
            self.close_connection = True

    return Handler


def _resource_reply(resource: Resource, headers: Mapping[str, str]) -> Reply:
    """Answer a GET for ``resource`` following RFC 9110's order of precondition checks."""
    base = {"Content-Type": resource.content_type, "Accept-Ranges": "bytes", **resource.headers}
    if resource.etag is not None:
        base["ETag"] = resource.etag
    if resource.last_modified is not None:
        base["Last-Modified"] = resource.last_modified

    if "if-none-match" in headers:
        if _etag_matches(headers["if-none-match"], resource.etag, weak=True):
            return Reply(304, base)
    elif "if-modified-since" in headers and _not_modified_since(
        headers["if-modified-since"], resource.last_modified
    ):
        return Reply(304, base)

    body = resource.body
    if "range" in headers:
        if_range = headers.get("if-range")
        honour = if_range is None or (
            _etag_matches(if_range, resource.etag, weak=False)
            if if_range.strip().startswith(('"', "W/"))
            else if_range.strip() == resource.last_modified
        )
        if honour:
            span = _parse_range(headers["range"], len(body))
            if span == "unsatisfiable":
                return Reply(416, {**base, "Content-Range": f"bytes */{len(body)}"})
            if isinstance(span, tuple):
                first, last = span
                return Reply(
                    206,
                    {**base, "Content-Range": f"bytes {first}-{last}/{len(body)}"},
                    body[first : last + 1],
                )
    return Reply(200, base, body)


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A running FeedServer, closed after the test."""
    server = FeedServer()
    server.start()
    try:
        yield server
    finally:
        server.close()
