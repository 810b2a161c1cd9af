"""`aicc serve`: the command starts the server on the store the global options name; without
the server's extra it says which to install."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from aicc.cli.main import app
from aicc.cli.serve import APP, event_loop_and_parser

AICC = Path(sys.executable).with_name("aicc")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_aicc_serve_answers_on_its_port(tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [str(AICC), "--home", str(tmp_path), "serve", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
            try:
                answer = httpx.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "aicc serve did not answer in 60 s"
                time.sleep(0.1)
        assert answer.status_code == 200
        assert answer.json()["info"]["title"] == "AICC coordination center"
        refused = httpx.get(f"http://127.0.0.1:{port}/api/findings")
        assert refused.status_code == 401
        assert (tmp_path / "aicc.db").is_file()  # the store of --home, made and migrated
    finally:
        server.terminate()
        server.wait(timeout=30)
    said = server.stdout.read().decode() if server.stdout else ""
    loop, http = event_loop_and_parser()
    assert f"aicc serve: event loop {loop}, HTTP parser {http}" in said


def test_serve_takes_uvloop_and_httptools_when_installed_else_asyncio_and_h11(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert event_loop_and_parser() == ("uvloop", "httptools")  # the server's dependencies
    monkeypatch.setitem(sys.modules, "uvloop", None)  # as if it were not installed
    assert event_loop_and_parser() == ("asyncio", "httptools")
    monkeypatch.setitem(sys.modules, "httptools", None)
    assert event_loop_and_parser() == ("asyncio", "h11")


def test_the_import_string_names_the_factory() -> None:
    from aicc.server.app import create_app

    module, _, name = APP.partition(":")
    assert getattr(sys.modules[module], name) is create_app


def test_aicc_serve_names_the_server_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fastapi", None)  # as if it were not installed
    result = CliRunner().invoke(app, ["--home", str(tmp_path), "serve"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "error: aicc serve needs the optional 'server' dependencies, which are not installed: "
        "pip install 'aicc[server]'"
    )
