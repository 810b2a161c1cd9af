"""The OS of a scanned tree (its ``os-release``) is the platform of what is read inside it, so
a flaw a record limits to Windows is not affected in a Linux image, with the reason; nothing is
looked for above the folder the user asked to scan (issue 11)."""

from __future__ import annotations

import json
from pathlib import Path

from aicc.core.components import Component, Inventory
from aicc.inventory.tree_os import TreeSystems
from tests.cli.appliance_cli import appliance_cli
from tests.cli.conftest import Invoke

# Ubuntu 22.04's /etc/os-release, as shipped
UBUNTU = """PRETTY_NAME="Ubuntu 22.04.4 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.4 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
"""
DEVICES = "name,vendor,product,version\nweb,PHP Group,PHP,8.1.20\n"


aicc = appliance_cli()


def _tree(root: Path, os_release: str | None) -> Path:
    if os_release is not None:
        (root / "etc").mkdir(parents=True)
        (root / "etc" / "os-release").write_text(os_release)
    (root / "srv" / "assets").mkdir(parents=True)
    (root / "srv" / "assets" / "devices.csv").write_text(DEVICES)
    return root


def test_a_windows_only_flaw_is_not_affected_in_a_linux_tree(aicc: Invoke, tmp_path: Path) -> None:
    image = _tree(tmp_path / "image", UBUNTU)
    result = aicc("scan", str(image), "--format", "json")
    assert result.exit_code == 0, result.output
    [php] = [f for f in json.loads(result.stdout)["findings"] if f["id"] == "CVE-2024-4577"]
    assert php["platforms"] == ["Windows"]
    assert php["vex"]["status"] == "not_affected"
    assert "runs on linux" in php["vex"]["impact_statement"]


def test_a_tree_without_os_release_decides_nothing(aicc: Invoke, tmp_path: Path) -> None:
    # the os-release above the scanned folder is not the scanned software's system
    outer = _tree(tmp_path / "outer", UBUNTU)
    result = aicc("scan", str(outer / "srv"), "--format", "json")
    assert result.exit_code == 0, result.output
    [php] = [f for f in json.loads(result.stdout)["findings"] if f["id"] == "CVE-2024-4577"]
    assert php["vex"] is None and php["platforms"] == ["Windows"]


def test_tree_systems(tmp_path: Path) -> None:
    image = _tree(tmp_path / "image", UBUNTU)
    bare = _tree(tmp_path / "bare", None)
    alpine = tmp_path / "bare" / "layers" / "alpine"
    (alpine / "usr" / "lib").mkdir(parents=True)  # systemd's fallback place
    (alpine / "usr" / "lib" / "os-release").write_text('NAME="Alpine Linux"\nID=alpine\n')
    (alpine / "app.csv").write_text(DEVICES)
    trees = TreeSystems([tmp_path / "image", bare])
    devices = image / "srv" / "assets" / "devices.csv"
    assert trees.system_of(devices) == (
        "linux",
        f"Ubuntu 22.04.4 LTS, from {(image / 'etc' / 'os-release').resolve()}",
    )
    assert trees.system_of(bare / "srv" / "assets" / "devices.csv") is None
    assert trees.system_of(alpine / "app.csv")[0] == "linux"  # type: ignore[index]
    assert trees.system_of(tmp_path / "elsewhere.csv") is None  # not under a scanned folder
    inventory = Inventory(
        str(devices),
        "appliance-csv",
        [
            Component("php", "8.1.20", str(devices)),
            Component("iis", "10.0", str(devices), platform="windows"),  # the row says
        ],
    )
    applied = trees.apply(inventory, devices)
    assert [c.platform for c in applied.components] == ["linux", "windows"]
    assert applied.notes[-1].startswith("platform linux (the tree's os-release: Ubuntu")
