"""The center's work folder: names the pipeline reports are made relative to it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from aicc.center.workspace import Workspace, workspace


def test_relative_takes_the_folder_out_of_every_string_of_nested_json() -> None:
    with workspace() as work:
        root = f"{work.root}/"
        value = {
            "component": {"source": f"{root}portal/sbom.json", "version": "1.0", "line": 3},
            "evidence": [{"file": f"{root}portal/aicc-asset.yaml"}, [f"see {root}x", None, 2.5]],
            f"{root}key": True,
            "kept": "/elsewhere/portal/sbom.json",
        }
        assert work.relative(value) == {
            "component": {"source": "portal/sbom.json", "version": "1.0", "line": 3},
            "evidence": [{"file": "portal/aicc-asset.yaml"}, ["see x", None, 2.5]],
            "key": True,
            "kept": "/elsewhere/portal/sbom.json",
        }
        assert work.relative(f"{root}portal/sbom.json") == "portal/sbom.json"
        assert work.relative([]) == [] and work.relative(7) == 7


def test_relative_with_a_folder_whose_name_json_escapes(tmp_path: Path) -> None:
    root = tmp_path / 'a "quoted"\\ name é'
    root.mkdir()
    work = Workspace(root)
    value = [{"source": f"{root}/portal/requirements.txt", "note": 'say "hi"\\'}]
    assert work.relative(value) == [{"source": "portal/requirements.txt", "note": 'say "hi"\\'}]


def test_relative_keeps_dates_as_dates() -> None:
    with workspace() as work:
        value = {"due": date(2026, 12, 7), "files": [f"{work.root}/portal/sbom.json"]}
        assert work.relative(value) == {"due": date(2026, 12, 7), "files": ["portal/sbom.json"]}
