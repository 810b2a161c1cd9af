"""Python reachability at import level, on the py-service fixture project.

py-service (tests/fixtures/reachability/py-service) pins six distributions in requirements.txt
and has a virtual environment ``venv/`` (git ignores ``.venv``) holding small stand-ins of them
with real-shaped dist-info directories. service/app.py imports flask at the top, yaml inside a
function and jinja2 through ``importlib.import_module("jinja2")``; the installed requests
imports urllib3; flask and gunicorn install console scripts; nothing imports requests.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine

from aicc.core.components import Component, Inventory
from aicc.core.findings import Finding
from aicc.core.reachability import NOT_REACHABLE, REACHABLE, UNKNOWN, Reachability
from aicc.inventory.python import RequirementsTxtFormat
from aicc.validate.reachability import analyse_reachability
from aicc.validate.reachability.python_parse import ImportFilter, python_refs
from tests.conftest import FIXTURES

PROJECT = FIXTURES / "reachability" / "py-service"
SITE = "venv/lib/python3.11/site-packages"


def inventory_of(root: Path, name: str = "requirements.txt") -> Inventory:
    return RequirementsTxtFormat().parse(root / name)


def analyse(
    engine: Engine, root: Path, *names: str, requirements: str = "requirements.txt"
) -> list[Reachability]:
    """The answers for findings on the distributions ``names`` of ``root``'s requirements."""
    inventory = inventory_of(root, requirements)
    by_name = {c.name: c for c in inventory.components}
    findings = [Finding(id=f"PYSEC-{n}", aliases=[], component=by_name[n]) for n in names]
    with engine.connect() as conn:
        return analyse_reachability(conn, findings, [inventory])


def one(
    engine: Engine, root: Path, name: str, requirements: str = "requirements.txt"
) -> Reachability:
    [answer] = analyse(engine, root, name, requirements=requirements)
    return answer


def copy(tmp_path: Path) -> Path:
    return Path(shutil.copytree(PROJECT, tmp_path / "py-service"))


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_imports_by_own_code_are_reachable(engine: Engine) -> None:
    app = PROJECT / "service" / "app.py"
    flask, yaml, jinja2 = analyse(engine, PROJECT, "flask", "pyyaml", "jinja2")
    assert (flask.value, flask.level, flask.locations) == (REACHABLE, "import", (f"{app}:5",))
    assert "whether the vulnerable function is called was not checked" in flask.detail
    # inside a function; PyYAML's modules from its RECORD
    assert (yaml.value, yaml.locations, yaml.symbols) == (REACHABLE, (f"{app}:11",), ("yaml",))
    assert (jinja2.value, jinja2.locations) == (REACHABLE, (f"{app}:18",))  # import_module


def test_not_imported_with_a_full_environment_is_not_reachable(engine: Engine) -> None:
    answer = one(engine, PROJECT, "requests")
    assert answer.value == NOT_REACHABLE
    assert answer.symbols == ("requests",)
    assert answer.detail == (
        f"requests not imported by the project's own code (2 files) nor "
        f"by other code installed in {PROJECT / SITE}, and it installs no "
        "entry points or scripts"
    )


def test_imported_by_an_installed_dependency_is_unknown(engine: Engine) -> None:
    answer = one(engine, PROJECT, "urllib3")
    assert answer.value == UNKNOWN
    assert answer.detail == (
        "not imported by the project's own code; imported by installed "
        f"requests ({PROJECT / SITE}/requests/__init__.py:2)"
    )


def test_console_script_is_never_not_reachable(engine: Engine) -> None:
    answer = one(engine, PROJECT, "gunicorn")
    assert answer.value == UNKNOWN
    assert (
        "it installs entry points that run it without an import (console_scripts: "
        "gunicorn)" in answer.detail
    )
    assert answer.symbols == ("gunicorn",)


def test_without_an_environment_modules_are_guessed_and_dependents_unknown(
    engine: Engine, tmp_path: Path
) -> None:
    root = copy(tmp_path)
    shutil.rmtree(root / "venv")
    requests, pyyaml = analyse(engine, root, "requests", "pyyaml")
    assert requests.value == UNKNOWN
    assert requests.detail == (
        "not imported by the project's own code; its dependents were "
        "not analysed (no virtual environment found)"
    )
    assert pyyaml.value == REACHABLE  # PyYAML -> yaml from the table of well-known names
    assert pyyaml.symbols == ("_yaml", "yaml")


def test_well_known_module_names_without_an_environment(engine: Engine, tmp_path: Path) -> None:
    root = tmp_path / "thumbnails"
    write(root / "requirements.txt", "pillow==9.0.0\nbeautifulsoup4==4.12.2\nzope.interface==6.0\n")
    write(
        root / "thumbs.py",
        "from PIL import Image\nimport bs4\nfrom zope.interface import Interface\n",
    )
    assert [
        a.locations for a in analyse(engine, root, "pillow", "beautifulsoup4", "zope.interface")
    ] == [(f"{root / 'thumbs.py'}:1",), (f"{root / 'thumbs.py'}:2",), (f"{root / 'thumbs.py'}:3",)]


def test_hidden_dot_venv_is_found_and_not_read_as_own_code(engine: Engine, tmp_path: Path) -> None:
    root = copy(tmp_path)
    (root / "venv").rename(root / ".venv")
    assert one(engine, root, "requests").value == NOT_REACHABLE
    assert one(engine, root, "urllib3").value == UNKNOWN


def test_unparseable_file_that_may_import_it_is_unknown(engine: Engine, tmp_path: Path) -> None:
    root = copy(tmp_path)
    write(root / "service" / "client.py", "import requests(\n")
    answer = one(engine, root, "requests")
    assert answer.value == UNKNOWN
    assert f"some files could not be parsed ({root / 'service' / 'client.py'})" in answer.detail


def test_unparseable_file_that_cannot_import_it_does_not_matter(
    engine: Engine, tmp_path: Path
) -> None:
    root = copy(tmp_path)
    write(root / "service" / "legacy.py", "print 'written for Python 2'\n")
    assert one(engine, root, "requests").value == NOT_REACHABLE


def test_module_named_in_a_string_is_unknown(engine: Engine, tmp_path: Path) -> None:
    root = copy(tmp_path)
    write(root / "service" / "settings.py", 'HTTP_ADAPTER = "requests.adapters:HTTPAdapter"\n')
    answer = one(engine, root, "requests")
    assert answer.value == UNKNOWN
    assert f"named in a string at {root / 'service' / 'settings.py'}:1" in answer.detail


def test_an_inventory_distribution_missing_from_the_environment_is_unknown(
    engine: Engine, tmp_path: Path
) -> None:
    root = copy(tmp_path)
    with (root / "requirements.txt").open("a") as handle:
        handle.write("idna==3.4\n")
    answer = one(engine, root, "requests")
    assert answer.value == UNKNOWN
    assert (
        "1 other distributions of the inventory are not installed at that version" in answer.detail
        and "(idna)" in answer.detail
    )


def test_another_installed_version_is_unknown(engine: Engine, tmp_path: Path) -> None:
    root = copy(tmp_path)
    text = (root / "requirements.txt").read_text()
    (root / "requirements.txt").write_text(text.replace("requests==2.31.0", "requests==2.32.0"))
    answer = one(engine, root, "requests")
    assert answer.value == UNKNOWN
    assert "the environment holds requests 2.31.0, the inventory 2.32.0" in answer.detail


def test_namespace_packages_are_told_apart(engine: Engine, tmp_path: Path) -> None:
    root = tmp_path / "svc"
    site = root / SITE
    write(root / "requirements.txt", "protobuf==4.21.0\n")
    write(root / "venv" / "pyvenv.cfg", "home = /usr/bin\n")
    write(site / "google/protobuf/__init__.py", "")
    write(site / "protobuf-4.21.0.dist-info/METADATA", "Name: protobuf\nVersion: 4.21.0\n\n")
    write(site / "protobuf-4.21.0.dist-info/RECORD", "google/protobuf/__init__.py,,\n")
    write(root / "app.py", "from google.cloud import storage\n")
    answer = one(engine, root, "protobuf")
    assert (answer.value, answer.symbols) == (NOT_REACHABLE, ("google.protobuf",))
    write(root / "app.py", "from google import protobuf\n")
    assert one(engine, root, "protobuf").locations == (f"{root / 'app.py'}:1",)


def test_startup_pth_file_imports_count(engine: Engine, tmp_path: Path) -> None:
    root = copy(tmp_path)
    write(root / SITE / "requests-hook.pth", "import requests; requests.patch()\n")
    answer = one(engine, root, "requests")
    assert answer.value == UNKNOWN
    assert "imported at interpreter start by requests-hook.pth:1" in answer.detail


def test_requirements_folder_stands_for_the_project(engine: Engine, tmp_path: Path) -> None:
    root = copy(tmp_path)
    (root / "requirements").mkdir()
    (root / "requirements.txt").rename(root / "requirements" / "base.txt")
    answer = one(engine, root, "flask", requirements="requirements/base.txt")
    assert answer.locations == (f"{root / 'service' / 'app.py'}:5",)


def test_results_follow_the_findings_order(engine: Engine) -> None:
    inventory = inventory_of(PROJECT)
    findings = [
        Finding(id=f"X-{c.name}", aliases=[], component=c) for c in reversed(inventory.components)
    ]
    with engine.connect() as conn:
        answers = analyse_reachability(conn, findings, [inventory])
    values = {f.component.name: a.value for f, a in zip(findings, answers, strict=True)}
    assert values == {
        "urllib3": UNKNOWN,
        "requests": NOT_REACHABLE,
        "pyyaml": REACHABLE,
        "jinja2": REACHABLE,
        "gunicorn": UNKNOWN,
        "flask": REACHABLE,
    }


def test_a_component_only_equal_by_name_is_not_analysed(engine: Engine) -> None:
    stray = Component(name="requests", version="2.31.0", source="elsewhere.txt", ecosystem="PyPI")
    finding = Finding(id="X", aliases=[], component=stray)
    with engine.connect() as conn:
        [answer] = analyse_reachability(conn, [finding], [inventory_of(PROJECT)])
    assert (answer.value, answer.level) == (UNKNOWN, "none")


def test_another_distributions_entry_point_into_it_is_unknown(
    engine: Engine, tmp_path: Path
) -> None:
    root = copy(tmp_path)
    write(
        root / SITE / "urllib3-1.26.5.dist-info" / "entry_points.txt",
        "[urllib3.adapters]\nhttp = requests.adapters:HTTPAdapter\n",
    )
    answer = one(engine, root, "requests")
    assert answer.value == UNKNOWN
    assert (
        "imported by installed urllib3 (urllib3 entry point urllib3.adapters: http)"
        in answer.detail
    )


IMPORTS_OF_YAML = [
    "import yaml\n",
    "import os, \\\n    yaml\n",
    "if True: import yaml\n",
    "x = 1; import yaml.constructor\n",
    "def load():\n    from yaml import safe_load\n",
    "try:\n    import yaml\nexcept ImportError:\n    yaml = None\n",
    "match x:\n    case 1:\n        import yaml as y\n",
    "class Loader:\n    import yaml\n",
    "for a in b:\n    pass\nelse:\n    import yaml\n",
    "with lock:\n    from yaml.loader import SafeLoader\n",
    "from\\\n  yaml import x\n",
    "import importlib\nloader = importlib.import_module('yaml')\n",
    'loader = __import__("yaml")\n',
    'LOADER = "yaml.loader:SafeLoader"\n',
]


@pytest.mark.parametrize("source", IMPORTS_OF_YAML)
def test_the_cheap_filter_never_hides_an_import(source: str) -> None:
    data = source.encode()
    found = python_refs(data, {"yaml"}, ImportFilter.of({"yaml"}))
    assert found == python_refs(data, {"yaml"})
    assert found and all(ref.module.startswith("yaml") for ref in found)


@pytest.mark.parametrize(
    "source",
    [
        '"""import yaml in a docstring"""\n',
        "# import yaml\n",
        "import yamlish\n",
        "from .yaml import x\n",
    ],
)
def test_what_does_not_import_the_module(source: str) -> None:
    assert python_refs(source.encode(), {"yaml"}, ImportFilter.of({"yaml"})) == []


def test_an_environment_without_own_code_is_unknown(engine: Engine, tmp_path: Path) -> None:
    root = copy(tmp_path)
    shutil.rmtree(root / "service")
    answer = one(engine, root, "requests")
    assert answer.value == UNKNOWN
    assert f"no Python source files were found in {root}" in answer.detail
