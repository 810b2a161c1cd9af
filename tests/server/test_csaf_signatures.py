"""The provider's OpenPGP signatures and hashes (CSAF 2.0 requirements 18-20) over a real
server: with ``AICC_CSAF_GNUPGHOME`` and ``AICC_CSAF_KEY`` set, each public document has a
``.asc`` that the ``gpg`` command line verifies in a keyring of its own, holding only the public
key the provider metadata names; ``.sha512`` beside ``.sha256``; without a key, no signature is
offered and asking for one says why. A real key made by gpg; SQLite (the store is not what is
tested here)."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from aicc.center.advisories.signing import signer_from_env
from aicc.cli.main import app as cli_app
from aicc.core.errors import ConfigError
from aicc.core.settings import Settings
from aicc.server.app import create_app
from tests.server.test_advisories import _form
from tests.server.test_notifications_api import serve_with_lifespan

GPG = shutil.which("gpg")
pytestmark = pytest.mark.skipif(GPG is None, reason="no gpg binary")


def _gpg(home: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(GPG), "--homedir", str(home), "--batch", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
    )


@pytest.fixture
def gnupg_home() -> Iterator[tuple[Path, str]]:
    """A GnuPG home (short path: gpg-agent's socket) with a new signing key; its fingerprint."""
    home = Path(tempfile.mkdtemp(prefix="aicc-gpg-", dir="/tmp"))
    home.chmod(0o700)
    try:
        made = _gpg(
            home, "--pinentry-mode", "loopback", "--passphrase", "", "--quick-gen-key",
            "AICC test center <csaf@center.example>", "ed25519", "sign", "never",
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        listed = _gpg(home, "--with-colons", "--list-secret-keys").stdout.decode()
        fingerprint = next(line.split(":")[9] for line in listed.splitlines() if line[:4] == "fpr:")
        yield home, fingerprint
    finally:
        subprocess.run(["gpgconf", "--homedir", str(home), "--kill", "all"], check=False)
        shutil.rmtree(home, ignore_errors=True)


def _center(tmp_path: Path, **extra: str) -> dict[str, str]:
    home = tmp_path / "center"
    return {
        "AICC_HOME": str(home),
        "AICC_DATABASE_URL": f"sqlite:///{tmp_path / 'aicc.db'}",
        "AICC_NOTIFY_INTERVAL": "0",
        **extra,
    }


def _published(env: dict[str, str], base: str) -> str:
    """A TLP:CLEAR advisory made and published by an analyst; the feed's entry's document URL."""
    made = CliRunner().invoke(
        cli_app, ["admin", "token", "create", "--center", "CISA", "--role", "analyst"], env=env
    )
    assert made.exit_code == 0, made.stderr
    token = json.loads(made.stdout)["token"]
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
        advisory = client.post("/api/advisories", json=_form("Acme", tlp="CLEAR")).json()
        assert client.post(f"/api/advisories/{advisory['id']}/publish").status_code == 200
    return str(advisory["tracking_id"])


def _get(url: str) -> httpx.Response:
    answer = httpx.get(url, timeout=60)
    assert answer.status_code == 200, (url, answer.text)
    return answer


def test_a_signed_document_verifies_with_gpg_against_the_published_key(
    tmp_path: Path, gnupg_home: tuple[Path, str]
) -> None:
    home, fingerprint = gnupg_home
    env = _center(tmp_path, AICC_CSAF_GNUPGHOME=str(home), AICC_CSAF_KEY=fingerprint)
    app = create_app(Settings.from_env(env), env)
    try:
        with serve_with_lifespan(app) as base:
            _published(env, base)
            root = f"{base}/.well-known/csaf"
            metadata = _get(f"{root}/provider-metadata.json").json()
            [key] = metadata["public_openpgp_keys"]
            assert key == {"fingerprint": fingerprint, "url": f"{root}/openpgp/{fingerprint}.asc"}
            public = _get(key["url"]).content
            [entry] = _get(f"{root}/feed-tlp-white.json").json()["feed"]["entry"]
            links = {(link["rel"], link["href"].rsplit(".", 1)[1]) for link in entry["link"]}
            assert {("hash", "sha256"), ("hash", "sha512"), ("signature", "asc")} <= links
            url = entry["content"]["src"]
            content = _get(url).content
            signature = _get(url + ".asc").content
            assert _get(url + ".asc").content == signature  # kept: the same signature
            digest, name = _get(url + ".sha512").text.split()
            assert digest == hashlib.sha512(content).hexdigest() and url.endswith("/" + name)
            assert httpx.get(f"{root}/openpgp/{'0' * 40}.asc").status_code == 404
    finally:
        app.state.center.engine.dispose()

    # an independent check: gpg in a keyring of its own, with only the published public key
    verifier = Path(tempfile.mkdtemp(prefix="aicc-gpgv-", dir="/tmp"))
    verifier.chmod(0o700)
    try:
        assert _gpg(verifier, "--import", stdin=public).returncode == 0
        (verifier / "doc.json").write_bytes(content)
        (verifier / "doc.json.asc").write_bytes(signature)
        checked = _gpg(
            verifier, "--status-fd", "1", "--verify",
            str(verifier / "doc.json.asc"), str(verifier / "doc.json"),
        )  # fmt: skip
        assert checked.returncode == 0, checked.stderr
        assert f"VALIDSIG {fingerprint}" in checked.stdout.decode()
        (verifier / "doc.json").write_bytes(content.replace(b"Acme", b"Acne"))
        tampered = _gpg(
            verifier, "--verify", str(verifier / "doc.json.asc"), str(verifier / "doc.json")
        )
        assert tampered.returncode != 0 and b"BAD signature" in tampered.stderr
    finally:
        subprocess.run(["gpgconf", "--homedir", str(verifier), "--kill", "all"], check=False)
        shutil.rmtree(verifier, ignore_errors=True)


def test_without_a_key_no_signature_is_offered_and_asking_says_why(tmp_path: Path) -> None:
    env = _center(tmp_path)
    app = create_app(Settings.from_env(env), env)
    try:
        with serve_with_lifespan(app) as base:
            _published(env, base)
            root = f"{base}/.well-known/csaf"
            assert "public_openpgp_keys" not in _get(f"{root}/provider-metadata.json").json()
            [entry] = _get(f"{root}/feed-tlp-white.json").json()["feed"]["entry"]
            assert "signature" not in {link["rel"] for link in entry["link"]}
            url = entry["content"]["src"]
            content = _get(url).content
            assert _get(url + ".sha512").text.split()[0] == hashlib.sha512(content).hexdigest()
            refused = httpx.get(url + ".asc")
            assert refused.status_code == 404
            assert "the center has no signing key (AICC_CSAF_KEY)" in refused.text
    finally:
        app.state.center.engine.dispose()


def test_a_signing_key_that_cannot_be_used_is_named(
    tmp_path: Path, gnupg_home: tuple[Path, str]
) -> None:
    home, fingerprint = gnupg_home
    bad: list[tuple[dict[str, Any], str]] = [
        ({"AICC_CSAF_KEY": fingerprint}, "AICC_CSAF_GNUPGHOME is not set"),
        ({"AICC_CSAF_GNUPGHOME": str(home)}, "AICC_CSAF_KEY is not set"),
        (
            {"AICC_CSAF_GNUPGHOME": str(tmp_path / "nowhere"), "AICC_CSAF_KEY": fingerprint},
            "is not a folder",
        ),
        (
            {"AICC_CSAF_GNUPGHOME": str(home), "AICC_CSAF_KEY": "0" * 40},
            f"is not a secret key of {home} (its secret keys: {fingerprint})",
        ),
    ]
    for environ, said in bad:
        with pytest.raises(ConfigError, match=said.replace("(", r"\(").replace(")", r"\)")):
            signer_from_env(environ)
    assert signer_from_env({}) is None
    signer = signer_from_env({"AICC_CSAF_GNUPGHOME": str(home), "AICC_CSAF_KEY": fingerprint})
    assert signer is not None and "BEGIN PGP PUBLIC KEY BLOCK" in signer.public_key()
