"""A small OpenAI-compatible chat-completions server on 127.0.0.1, for tests of the real
provider path (Inspect's ``openai-api`` provider over the OpenAI SDK, over HTTP).

It speaks what the SDK sends and reads back:

- ``POST /v1/chat/completions`` with a JSON body (``model``, ``messages``, optional
  ``stream``) answers a ``chat.completion`` object with ``usage`` (prompt, completion and
  total tokens), so no client ever needs a tokenizer; for ``stream: true`` it sends the
  server-sent ``chat.completion.chunk`` events ending in ``data: [DONE]``, the last chunk
  carrying the usage when ``stream_options.include_usage`` asks for it (Inspect does);
- ``GET /v1/models`` lists the models the server was told about;
- every request must carry ``Authorization: Bearer <api_key>``; otherwise the answer is a
  401 with OpenAI's error body (``invalid_api_key``), which never echoes the key it got;
- unknown paths are a 404, malformed bodies a 400, both with OpenAI's error body.

The reply is ``reply(last user message)``; a reply that raises `Refuse` is answered with that
HTTP status and OpenAI's error body instead, and a server built with ``usage=False`` leaves
``usage`` out of its answers, as some servers do. Every request is recorded (method, path, headers,
JSON body) in `OpenAIServer.requests`, so a test can check what the client really sent.
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Reply = Callable[[str], str]


class Refuse(Exception):
    """Raised by a reply: answer with ``status`` and OpenAI's error body instead."""

    def __init__(self, status: int, message: str, kind: str = "server_error") -> None:
        super().__init__(message)
        self.status, self.message, self.kind = status, message, kind


@dataclass(frozen=True)
class ReceivedRequest:
    """One request the server received, as it came."""

    method: str
    path: str
    headers: dict[str, str]  # names in lower case, as HTTP/2 and httpx send them
    body: Any  # the parsed JSON, or None

    @property
    def last_user_message(self) -> str:
        return last_user_text(self.body.get("messages", []) if isinstance(self.body, dict) else [])


def message_text(content: Any) -> str:
    """The text of a message's ``content``: a string, or a list of content parts."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "\n".join(
            str(part.get("text", ""))
            for part in content
            if isinstance(part, dict) and part.get("type") == "text"
        )
    return ""


def last_user_text(messages: list[Any]) -> str:
    """The text of the last ``user`` message, or ``""``."""
    for message in reversed(messages):
        if isinstance(message, dict) and message.get("role") == "user":
            return message_text(message.get("content"))
    return ""


def count_tokens(text: str) -> int:
    """A stand-in tokenizer: one token per whitespace-separated word, at least one."""
    return max(len(text.split()), 1)


def error_body(message: str, kind: str, code: str | None) -> dict[str, Any]:
    """OpenAI's error object."""
    return {"error": {"message": message, "type": kind, "param": None, "code": code}}


class _QuietServer(ThreadingHTTPServer):
    """A client that gave up (a timeout test) closes the socket before the answer: not an error
    worth a traceback on the test run's stderr."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class OpenAIServer:
    """The server, in a daemon thread on an ephemeral port; use it as a context manager."""

    def __init__(
        self,
        reply: Reply,
        *,
        api_key: str,
        models: tuple[str, ...] = ("aicc-test-model",),
        usage: bool = True,
    ) -> None:
        self.reply = reply
        self.usage = usage
        self.api_key = api_key
        self.models = models
        self.requests: list[ReceivedRequest] = []
        self._lock = threading.Lock()
        self._counter = 0
        self._http = _QuietServer(("127.0.0.1", 0), _handler(self))
        self._http.daemon_threads = True
        self._thread = threading.Thread(
            target=self._http.serve_forever, name="openai-test-server", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._http.server_address[1])

    @property
    def base_url(self) -> str:
        """What an OpenAI client takes as ``base_url``: ``http://127.0.0.1:PORT/v1``."""
        return f"http://127.0.0.1:{self.port}/v1"

    def completions(self) -> list[ReceivedRequest]:
        """The chat-completion requests received, in order."""
        with self._lock:
            return [r for r in self.requests if r.path == "/v1/chat/completions"]

    def start(self) -> OpenAIServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._http.shutdown()
        self._http.server_close()
        self._thread.join(timeout=10)

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def record(self, request: ReceivedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    def next_id(self) -> str:
        with self._lock:
            self._counter += 1
            return f"chatcmpl-aicc{self._counter:06d}"

    def completion(self, body: dict[str, Any]) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The ``chat.completion`` object for ``body``, and the same as stream chunks."""
        messages = body.get("messages")
        if not isinstance(messages, list):
            raise ValueError("'messages' must be a list")
        text = self.reply(last_user_text(messages))
        prompt_tokens = sum(
            count_tokens(message_text(m.get("content"))) for m in messages if isinstance(m, dict)
        )
        completion_tokens = count_tokens(text)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        common = {
            "id": self.next_id(),
            "created": int(time.time()),
            "model": str(body.get("model", "")),
            "system_fingerprint": None,
        }
        whole = {
            **common,
            "object": "chat.completion",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "logprobs": None,
                    "message": {"role": "assistant", "content": text, "refusal": None},
                }
            ],
            **({"usage": usage} if self.usage else {}),
        }
        chunk = {**common, "object": "chat.completion.chunk"}
        chunks = [
            {
                **chunk,
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": None,
                        "logprobs": None,
                        "delta": {"role": "assistant", "content": text},
                    }
                ],
            },
            {
                **chunk,
                "choices": [{"index": 0, "finish_reason": "stop", "logprobs": None, "delta": {}}],
            },
            *([{**chunk, "choices": [], "usage": usage}] if self.usage else []),
        ]
        return whole, chunks


def _handler(server: OpenAIServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive, as the SDK's connection pool expects

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet: pytest shows what matters

        def do_GET(self) -> None:
            self.handle_request("GET")

        def do_POST(self) -> None:
            self.handle_request("POST")

        def handle_request(self, method: str) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            try:
                body: Any = json.loads(raw) if raw else None
            except ValueError:
                body = None
                malformed = True
            else:
                malformed = False
            path = self.path.split("?", 1)[0]
            headers = {name.lower(): value for name, value in self.headers.items()}
            server.record(ReceivedRequest(method, path, headers, body))
            if headers.get("authorization") != f"Bearer {server.api_key}":
                self.send_json(
                    401,
                    error_body(
                        "Incorrect API key provided. You can find your API key in your account "
                        "settings.",
                        "invalid_request_error",
                        "invalid_api_key",
                    ),
                )
                return
            if method == "GET" and path == "/v1/models":
                self.send_json(
                    200,
                    {
                        "object": "list",
                        "data": [
                            {"id": name, "object": "model", "created": 0, "owned_by": "aicc-test"}
                            for name in server.models
                        ],
                    },
                )
                return
            if method != "POST" or path != "/v1/chat/completions":
                self.send_json(
                    404,
                    error_body(
                        f"Unknown request URL: {method} {path}.",
                        "invalid_request_error",
                        "unknown_url",
                    ),
                )
                return
            if malformed or not isinstance(body, dict):
                self.send_json(
                    400,
                    error_body(
                        "The request body is not a JSON object.", "invalid_request_error", None
                    ),
                )
                return
            try:
                whole, chunks = server.completion(body)
            except ValueError as exc:
                self.send_json(400, error_body(str(exc), "invalid_request_error", None))
                return
            except Refuse as refused:
                self.send_json(refused.status, error_body(refused.message, refused.kind, None))
                return
            if body.get("stream"):
                # OpenAI sends the usage chunk only when the client asks for it
                wants_usage = bool((body.get("stream_options") or {}).get("include_usage"))
                self.send_stream(chunks if wants_usage or not server.usage else chunks[:-1])
            else:
                self.send_json(200, whole)

        def send_json(self, status: int, payload: dict[str, Any]) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def send_stream(self, chunks: list[dict[str, Any]]) -> None:
            events = b"".join(f"data: {json.dumps(c)}\n\n".encode() for c in chunks)
            data = events + b"data: [DONE]\n\n"
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Handler


def serve(reply: Reply, *, api_key: str) -> Iterator[OpenAIServer]:
    """A running server for a pytest fixture (``yield from serve(...)``), stopped afterwards."""
    with OpenAIServer(reply, api_key=api_key) as server:
        yield server
