"""Hostile inventories: what a scanned repository can hold must neither hang the scan, nor leak
what lies outside it, nor be skipped without saying so (issue 17).

Each case runs `aicc` in a child process with a time limit, so that a regression fails the test
instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

SECRET = "aicc-test-secret-7f3a9c"  # in the child's environment: must appear in no output
DEMO = Path(__file__).resolve().parents[2] / "src" / "aicc" / "data" / "demo" / "rural-hospital"


def _aicc(
    home: Path, *args: str, timeout: float = 60, user: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    prefix = (
        []
        if user is None
        else ["setpriv", f"--reuid={user}", "--regid=nogroup", "--clear-groups", "--inh-caps=-all"]
    )
    full_env = {**os.environ, "AICC_HOME": str(home), "CI_TOKEN": SECRET, **env}
    full_env.pop("AICC_DATABASE_URL", None)
    return subprocess.run(
        [*prefix, sys.executable, "-m", "aicc.cli.main", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An AICC home with the sample knowledge base."""
    folder = tmp_path_factory.mktemp("home")
    folder.chmod(0o777)  # the unprivileged case writes its store here too
    assert _aicc(folder, "db", "import", "--sample").returncode == 0
    (folder / "aicc.db").chmod(0o666)
    return folder


def _project(tmp_path: Path) -> Path:
    project = tmp_path / "repo"
    project.mkdir()
    (project / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    return project


def _reports(home: Path, project: Path) -> str:
    """Every output a user or a CI job keeps of a scan and a plan of ``project``."""
    texts = []
    for command, fmt in (
        ("scan", "json"),
        ("scan", "table"),
        ("scan", "markdown"),
        ("plan", "json"),
        ("plan", "html"),
    ):
        done = _aicc(home, command, str(project), "-f", fmt)
        assert done.returncode == 0, done.stderr
        texts += [done.stdout, done.stderr]
    texts.append((home / "last-plan.json").read_text())
    return "\n".join(texts)


def test_an_include_of_the_environment_is_not_followed(home: Path, tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "requirements.txt").write_text("flask==2.2.2\n-r /proc/self/environ\n")
    outputs = _reports(home, project)
    assert SECRET not in outputs
    report = json.loads(_aicc(home, "scan", str(project), "-f", "json").stdout)
    [problem] = report["skipped"]
    assert problem["location"] == "line 2"
    assert problem["reason"].startswith("an include outside the project folder")


def test_an_include_outside_the_project_is_not_followed(home: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.txt"
    outside.write_text(f"root:{SECRET}:19000:0:99999:7:::\n")
    project = _project(tmp_path)
    (project / "requirements.txt").write_text(f"-r {outside}\n-r ../elsewhere.txt\n")
    assert SECRET not in _reports(home, project)


def test_a_symlink_out_of_the_tree_is_named_and_not_followed(home: Path, tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "requirements.txt").symlink_to("/proc/self/environ")
    (project / "flask.txt").write_text("")  # something ordinary beside it
    (project / "requirements-dev.txt").write_text("flask==2.2.2\n")
    assert SECRET not in _reports(home, project)
    report = json.loads(_aicc(home, "scan", str(project), "-f", "json").stdout)
    assert [(p["source"], p["reason"]) for p in report["skipped"]] == [
        (
            str(project / "requirements.txt"),
            "not followed: a symbolic link that leads outside the scanned folder",
        ),
    ]


def test_a_line_that_is_no_requirement_is_not_repeated(home: Path, tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "requirements.txt").write_text(
        f"flask==2.2.2\nAWS_SECRET_ACCESS_KEY={SECRET}\n"
        f"pkg @ https://user:{SECRET}@files.example.org/pkg-1.0.tar.gz?token={SECRET}\n"
    )
    outputs = _reports(home, project)
    assert SECRET not in outputs
    report = json.loads(_aicc(home, "scan", str(project), "-f", "json").stdout)
    reasons = {p["location"]: p["reason"] for p in report["skipped"]}
    assert reasons["line 2"].startswith("not a requirement (")
    assert reasons["line 3"] == (
        "a URL or path, not a registry version: pkg @ https://files.example.org/pkg-1.0.tar.gz?…"
    )


@pytest.mark.parametrize("command", ["scan", "code"])
def test_dev_zero_and_a_fifo_neither_hang_nor_fill_memory(
    home: Path, tmp_path: Path, command: str
) -> None:
    project = _project(tmp_path)
    (project / "requirements.txt").write_text("flask==2.2.2\n")
    (project / "app.py").write_text("import os\n")
    (project / "bom.cdx.json").symlink_to("/dev/zero")
    (project / "zero.py").symlink_to("/dev/zero")
    os.mkfifo(project / "requirements-dev.txt")
    os.mkfifo(project / "pipe.py")
    args = ["scan", str(project), "-f", "json"]
    done = _aicc(home, *(["code", *args] if command == "code" else args), timeout=60)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    problems = report["skipped"] if command == "scan" else report["errors"]
    reasons = {Path(p["source"]).name: p["reason"] for p in problems}
    assert (
        "leads outside the scanned folder"
        in reasons["zero.py" if command == "code" else "bom.cdx.json"]
    )
    fifo = "pipe.py" if command == "code" else "requirements-dev.txt"
    assert reasons[fifo] == "cannot read: a named pipe (FIFO), not a regular file"


def test_a_device_named_on_the_command_line_is_refused(home: Path, tmp_path: Path) -> None:
    link = tmp_path / "sbom.cdx.json"
    link.symlink_to("/dev/zero")
    done = _aicc(home, "scan", str(link), "-f", "json", timeout=60)
    assert done.returncode == 2
    assert "a device, not a regular file" in done.stderr


def test_a_file_over_the_cap_is_skipped_with_the_reason(home: Path, tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "requirements.txt").write_text("flask==2.2.2\n")
    (project / "requirements-dev.txt").write_text("flask==2.2.2\n" + "# padding\n" * 2000)
    done = _aicc(home, "scan", str(project), "-f", "json", AICC_MAX_FILE_MB="0.01")
    assert done.returncode == 0, done.stderr
    [problem] = json.loads(done.stdout)["skipped"]
    assert problem["source"] == str(project / "requirements-dev.txt")
    assert problem["reason"] == (
        "cannot read: larger than the cap of 10.2 kB (it has 19.5 kB or more); "
        "set AICC_MAX_FILE_MB to read it"
    )


def test_a_deeply_nested_asset_file_is_one_clear_problem(home: Path, tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "requirements.txt").write_text("flask==2.2.2\n")
    (project / "aicc-asset.yaml").write_text("exposure: " + "[" * 5000 + "]" * 5000 + "\n")
    done = _aicc(home, "scan", str(project), "-f", "json")
    assert "Traceback" not in done.stderr
    # a settings file that cannot be read skips the inventories it governs, with the reason
    assert done.returncode == 2
    assert f"skipped {project / 'aicc-asset.yaml'}: nested too deeply to read" in done.stderr


def _unprivileged_python_works() -> bool:
    probe = subprocess.run(
        [
            "setpriv",
            "--reuid=nobody",
            "--regid=nogroup",
            "--clear-groups",
            "--inh-caps=-all",
            sys.executable,
            "-c",
            "import aicc",
        ],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


@pytest.mark.skipif(os.geteuid() != 0, reason="drops root's capabilities with setpriv")
def test_an_unreadable_folder_is_named_not_a_traceback() -> None:
    if not _unprivileged_python_works():
        pytest.skip("this checkout's Python cannot be run as 'nobody'")
    # outside pytest's own temporary folder, which only root may enter
    base = Path(tempfile.mkdtemp(prefix="aicc-unreadable-", dir="/tmp"))
    try:
        base.chmod(0o777)
        home = base / "home"
        home.mkdir(mode=0o777)
        home.chmod(0o777)
        project = _project(base)
        (project / "requirements.txt").write_text("flask==2.2.2\n")
        locked = project / "private"
        locked.mkdir()
        (locked / "requirements.txt").write_text("flask==2.2.2\n")
        locked.chmod(0o000)
        for args in (
            ["scan", str(project), "-f", "json"],
            ["code", "scan", str(project), "-f", "json"],
        ):
            done = _aicc(home, *args, user="nobody")
            assert done.returncode == 0, done.stderr
            assert "Traceback" not in done.stderr
            report = json.loads(done.stdout)
            problems = report["skipped"] if args[0] == "scan" else report["errors"]
            assert [(p["source"], p["reason"]) for p in problems] == [
                (str(locked), "cannot read folder: Permission denied")
            ]
    finally:
        (base / "repo" / "private").chmod(0o755)
        shutil.rmtree(base)
