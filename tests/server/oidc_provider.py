"""A small OpenID Connect provider for the tests: a real HTTP server on 127.0.0.1 that speaks the
protocol the center uses (discovery, authorize with PKCE, token, JWKS), signing ID tokens with a
real RSA key. What it says can be bent per test to try the center's checks: another audience, an
expired token, a signature of another key.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import KeySet, RSAKey

CLIENT_ID = "aicc-center"
CLIENT_SECRET = "s3cret-of-the-center"


@dataclass
class Identity:
    """Who logs in at the provider, and how the provider bends its ID token."""

    subject: str = "alice-0001"
    email: str | None = "alice@example.org"
    email_verified: bool = True
    audience: str | list[str] = CLIENT_ID
    lifetime: int = 300  # seconds; negative: already expired
    forge: bool = False  # sign with a key that is not in the JWKS (under its key id)


@dataclass
class Provider:
    """The provider's state: its key, its codes, the identity that logs in next."""

    issuer: str = ""
    key: RSAKey = field(default_factory=lambda: _key())
    identity: Identity = field(default_factory=Identity)
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    token_requests: int = 0

    def id_token(self, nonce: str) -> str:
        who, now = self.identity, int(time.time())
        claims: dict[str, Any] = {
            "iss": self.issuer,
            "sub": who.subject,
            "aud": who.audience,
            "iat": now,
            "exp": now + who.lifetime,
            "nonce": nonce,
        }
        if who.email is not None:
            claims |= {"email": who.email, "email_verified": who.email_verified}
        signer = _key() if who.forge else self.key
        return jwt.encode({"alg": "RS256", "kid": "test-key"}, claims, signer)


def _key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": "test-key", "alg": "RS256", "use": "sig"})


def _handler(provider: Provider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

        def _json(self, status: int, body: Any) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _form(self) -> dict[str, str]:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length).decode()
            return {k: v[0] for k, v in parse_qs(raw).items()}

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self._json(
                    200,
                    {
                        "issuer": provider.issuer,
                        "authorization_endpoint": provider.issuer + "/authorize",
                        "token_endpoint": provider.issuer + "/token",
                        "jwks_uri": provider.issuer + "/jwks",
                        "response_types_supported": ["code"],
                        "subject_types_supported": ["public"],
                        "id_token_signing_alg_values_supported": ["RS256"],
                        "code_challenge_methods_supported": ["S256"],
                        "token_endpoint_auth_methods_supported": ["client_secret_basic"],
                    },
                )
            elif url.path == "/jwks":
                self._json(200, KeySet([provider.key]).as_dict(private=False))
            elif url.path == "/authorize":
                self._authorize_page(query)
            else:
                self._json(404, {"error": "not_found"})

        def _authorize_page(self, query: dict[str, str]) -> None:
            problems = [
                name
                for name, ok in (
                    ("response_type", query.get("response_type") == "code"),
                    ("client_id", query.get("client_id") == CLIENT_ID),
                    ("scope", "openid" in query.get("scope", "").split()),
                    ("code_challenge_method", query.get("code_challenge_method") == "S256"),
                    ("code_challenge", bool(query.get("code_challenge"))),
                    ("state", bool(query.get("state"))),
                    ("nonce", bool(query.get("nonce"))),
                    ("redirect_uri", bool(query.get("redirect_uri"))),
                )
                if not ok
            ]
            if problems:
                self._json(400, {"error": "invalid_request", "fields": problems})
                return
            hidden = "".join(
                f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                for k, v in query.items()
            )
            who = html.escape(provider.identity.email or provider.identity.subject)
            page = (
                '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                "<title>Test identity provider</title></head><body><main>"
                "<h1>Test identity provider</h1>"
                f"<p>AICC asks who you are. You are signed in here as {who}.</p>"
                f'<form method="post" action="/authorize">{hidden}'
                f'<button type="submit">Continue as {who}</button></form></main></body></html>'
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            if url.path == "/authorize":
                form = self._form()
                code = secrets.token_urlsafe(16)
                provider.codes[code] = form | {"used": ""}
                answer = urlencode({"code": code, "state": form["state"]})
                self.send_response(302)
                self.send_header("Location", f"{form['redirect_uri']}?{answer}")
                self.send_header("Content-Length", "0")
                self.end_headers()
            elif url.path == "/token":
                self._token()
            else:
                self._json(404, {"error": "not_found"})

        def _token(self) -> None:
            provider.token_requests += 1
            form = self._form()
            expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
            if self.headers.get("Authorization") != f"Basic {expected}":
                self._json(401, {"error": "invalid_client"})
                return
            grant = provider.codes.get(form.get("code", ""))
            if grant is None or grant["used"] or form.get("grant_type") != "authorization_code":
                self._json(400, {"error": "invalid_grant", "error_description": "unknown code"})
                return
            grant["used"] = "yes"
            if form.get("redirect_uri") != grant["redirect_uri"]:
                self._json(400, {"error": "invalid_grant", "error_description": "redirect_uri"})
                return
            digest = hashlib.sha256(form.get("code_verifier", "").encode()).digest()
            if base64.urlsafe_b64encode(digest).decode().rstrip("=") != grant["code_challenge"]:
                self._json(
                    400, {"error": "invalid_grant", "error_description": "PKCE verifier mismatch"}
                )
                return
            self._json(
                200,
                {
                    "access_token": secrets.token_urlsafe(16),
                    "token_type": "Bearer",
                    "expires_in": 300,
                    "id_token": provider.id_token(grant["nonce"]),
                },
            )

    return Handler


@contextmanager
def running_provider() -> Iterator[Provider]:
    """A provider serving on a free port of 127.0.0.1 until the block ends."""
    provider = Provider()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(provider))
    provider.issuer = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
