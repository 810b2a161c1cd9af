"""requirements.txt, poetry.lock, uv.lock, Pipfile.lock, pdm.lock and pylock.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aicc.core.components import Inventory
from aicc.core.packages import purl_for
from aicc.inventory import python
from aicc.inventory.interface import InventoryFormat
from aicc.inventory.python import (
    FORMATS,
    PdmLockFormat,
    PipfileLockFormat,
    PoetryLockFormat,
    PylockTomlFormat,
    RequirementsTxtFormat,
    UvLockFormat,
)
from tests.inventory.helpers import (
    INVENTORIES,
    assert_parsed_or_refused,
    fuzz,
    purl_without_shortcut,
    refusal,
    replace_values,
    spliced,
    write,
)

HERE = INVENTORIES / "python"
Row = tuple[str, str | None, str | None, bool | None, str | None]


def rows(inventory: Inventory) -> list[Row]:
    """(name, version, location, direct, scope) of each component, in file order."""
    return [(c.name, c.version, c.location, c.direct, c.scope) for c in inventory.components]


def reasons(inventory: Inventory) -> list[tuple[str, str | None, str]]:
    """(file name, location, reason) of each skipped entry."""
    return [(Path(s.source).name, s.location, s.reason) for s in inventory.skipped]


# --- recognising the files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("requirements.txt", RequirementsTxtFormat),
        ("requirements-dev.txt", RequirementsTxtFormat),
        ("requirements_test.txt", RequirementsTxtFormat),
        ("dev-requirements.txt", RequirementsTxtFormat),
        ("constraints.txt", RequirementsTxtFormat),
        ("requirements/base.txt", RequirementsTxtFormat),
        ("poetry.lock", PoetryLockFormat),
        ("uv.lock", UvLockFormat),
        ("Pipfile.lock", PipfileLockFormat),
        ("pdm.lock", PdmLockFormat),
        ("pylock.toml", PylockTomlFormat),
        ("pylock.web.toml", PylockTomlFormat),
        ("notes.txt", None),
        ("requirements.in", None),
        ("myrequirements.txt", None),
        ("pylock.a.b.toml", None),
        ("Pipfile", None),
        ("pyproject.toml", None),
    ],
)
def test_each_file_is_recognised_by_its_name(name: str, expected: type | None) -> None:
    accepting = [type(f) for f in FORMATS if f.accepts(Path("/project") / name, b"")]
    assert accepting == ([expected] if expected else [])


# --- requirements.txt ------------------------------------------------------------------------


def test_pip_compile_output_gives_every_pin_direct_when_requirements_in_names_it() -> None:
    inventory = RequirementsTxtFormat().parse(HERE / "requirements.txt")
    assert rows(inventory) == [
        ("asgiref", "3.5.2", "line 9", False, None),
        ("certifi", "2022.9.24", "line 13", False, None),
        ("charset-normalizer", "2.1.1", "line 17", False, None),
        ("click", "8.1.3", "line 21", False, None),
        ("django", "3.2.10", "line 25", True, None),
        ("flask", "2.2.2", "line 29", True, None),
        ("idna", "3.4", "line 33", False, None),
        ("importlib-metadata", "5.0.0", "line 37", True, None),
        ("itsdangerous", "2.1.2", "line 41", False, None),
        ("jinja2", "3.1.2", "line 45", False, None),
        ("markupsafe", "2.1.1", "line 49", False, None),  # "# via" over three lines
        ("pytz", "2022.4", "line 55", False, None),
        ("pyyaml", "5.3.1", "line 59", True, None),
        ("requests", "2.28.1", "line 63", True, None),
        ("sqlparse", "0.4.3", "line 67", False, None),
        ("urllib3", "1.26.12", "line 71", True, None),  # via -r requirements.in and requests
        ("werkzeug", "2.2.2", "line 77", False, None),
        ("zipp", "3.9.0", "line 81", False, None),
    ]
    assert inventory.skipped == []
    assert inventory.format == "requirements.txt"
    flask = inventory.components[5]
    assert flask.purl == "pkg:pypi/flask@2.2.2"
    assert flask.source == str(HERE / "requirements.txt")
    assert flask.ecosystem == "PyPI"
    marked = inventory.components[7]
    assert marked.notes == 'marker: python_version < "3.10"'


def test_includes_are_followed_and_what_is_not_a_pin_is_skipped_with_its_line() -> None:
    inventory = RequirementsTxtFormat().parse(HERE / "requirements-dev.txt")
    by_file = [(Path(c.source).name, c.name, c.version, c.location) for c in inventory.components]
    assert by_file[0] == ("requirements.txt", "asgiref", "3.5.2", "line 9")
    assert len([r for r in by_file if r[0] == "requirements.txt"]) == 18
    assert by_file[18:] == [
        ("constraints.txt", "lxml", "4.9.1", "line 4"),  # urllib3 and certifi were seen before
        ("requirements-dev.txt", "pytest", "7.1.3", "line 5"),
        ("requirements-dev.txt", "coverage", "6.5.0", "line 6"),  # coverage[toml]
    ]
    # PyYAML===5.3.1 is pyyaml 5.3.1 again: one component, where it was first seen
    assert [c.name for c in inventory.components].count("pyyaml") == 1
    assert "PyYAML" not in [c.name for c in inventory.components]
    coverage = inventory.components[-1]
    assert coverage.notes == 'marker: python_version >= "3.7"'
    certifi = inventory.components[1]
    assert certifi.direct is False  # a constraints file does not make it direct
    assert reasons(inventory) == [
        ("requirements-dev.txt", "line 8", "not pinned to one version: flask>=2.0"),
        ("requirements-dev.txt", "line 9", "not pinned to one version: black"),
        ("requirements-dev.txt", "line 10", "not pinned to one version: sphinx==5.*"),
        ("requirements-dev.txt", "line 11", "an editable install, not a registry version: ."),
        (
            "requirements-dev.txt",
            "line 12",
            "an editable install, not a registry version: "
            "git+https://github.com/example-health/fhir-client.git@v1.4.0#egg=fhir-client",
        ),
        (
            "requirements-dev.txt",
            "line 13",
            "a URL or path, not a registry version: "
            "hl7apy @ git+https://github.com/crs4/hl7apy.git@1.3.4",
        ),
        (
            "requirements-dev.txt",
            "line 14",
            "a URL or path, not a registry version: "
            "https://files.example-health.org/wheels/dicom_anon-0.4.2-py3-none-any.whl",
        ),
        (
            "requirements-dev.txt",
            "line 15",
            "a URL or path, not a registry version: ./vendor/pdf-forms",
        ),
        ("requirements-dev.txt", "line 16", "included file not found: requirements-reports.txt"),
    ]


def test_an_include_cycle_is_reported_where_it_closes_and_the_rest_is_kept() -> None:
    inventory = RequirementsTxtFormat().parse(HERE / "requirements.include-cycle.txt")
    assert [(Path(c.source).name, c.name, c.location) for c in inventory.components] == [
        ("requirements.include-cycle.txt", "flask", "line 1"),
        ("cycle-back.txt", "jinja2", "line 1"),
    ]
    assert reasons(inventory) == [
        (
            "cycle-back.txt",
            "line 2",
            "include cycle: requirements.include-cycle.txt -> cycle-back.txt -> "
            "requirements.include-cycle.txt",
        )
    ]


def test_utf16_from_powershell_is_read_and_names_keep_their_spelling() -> None:
    inventory = RequirementsTxtFormat().parse(HERE / "requirements.utf16.txt")
    assert [(c.name, c.version, c.purl) for c in inventory.components] == [
        ("Django", "3.2.10", "pkg:pypi/django@3.2.10"),
        ("Flask", "2.2.2", "pkg:pypi/flask@2.2.2"),
        ("Jinja2", "3.1.2", "pkg:pypi/jinja2@3.1.2"),
        ("PyYAML", "5.3.1", "pkg:pypi/pyyaml@5.3.1"),
        ("requests", "2.28.1", "pkg:pypi/requests@2.28.1"),
        ("urllib3", "1.26.12", "pkg:pypi/urllib3@1.26.12"),
    ]


def test_a_file_that_is_not_text_is_refused_with_the_line() -> None:
    path = HERE / "requirements.not-utf8.txt"
    assert refusal(RequirementsTxtFormat(), path) == (
        str(path),
        "line 3",
        "not UTF-8 text: invalid continuation byte",
    )


# One line of a requirements file -> (name, version, notes) or the reason it is skipped.
LINES: list[tuple[str, tuple[str, str, str | None] | str]] = [
    ("flask==2.2.2", ("flask", "2.2.2", None)),
    ("Flask == 2.2.2", ("Flask", "2.2.2", None)),
    ("flask===2.2.2", ("flask", "2.2.2", None)),
    ("requests[socks,security]==2.28.1", ("requests", "2.28.1", None)),
    ("flask==2.2.2 --hash=sha256:abc --hash=sha256:def", ("flask", "2.2.2", None)),
    (
        "flask==2.2.2 ; python_version < '3.10'",
        ("flask", "2.2.2", 'marker: python_version < "3.10"'),
    ),
    ("flask==2.2.2  # pinned for the audit", ("flask", "2.2.2", None)),
    ("flask==2.2.2,<3", ("flask", "2.2.2", None)),
    ("zope.interface==5.4.0", ("zope.interface", "5.4.0", None)),
    ("flask>=2.0", "not pinned to one version: flask>=2.0"),
    ("flask~=2.2", "not pinned to one version: flask~=2.2"),
    ("flask", "not pinned to one version: flask"),
    ("flask==2.*", "not pinned to one version: flask==2.*"),
    ("flask==2.2.2,==2.2.3", "not pinned to one version: flask==2.2.2,==2.2.3"),
    ("-e ./portal", "an editable install, not a registry version: ./portal"),
    (
        "--editable=git+https://example.org/x.git#egg=x",
        "an editable install, not a registry version: git+https://example.org/x.git#egg=x",
    ),
    (
        "git+https://example.org/x.git#egg=x",
        "a URL or path, not a registry version: git+https://example.org/x.git#egg=x",
    ),
    (
        "x @ https://example.org/x-1.0.tar.gz",
        "a URL or path, not a registry version: x @ https://example.org/x-1.0.tar.gz",
    ),
    (
        "/srv/wheels/x-1.0-py3-none-any.whl",
        "a URL or path, not a registry version: /srv/wheels/x-1.0-py3-none-any.whl",
    ),
    ("x-1.0-py3-none-any.whl", "a URL or path, not a registry version: x-1.0-py3-none-any.whl"),
    ("flask==${FLASK_VERSION}", "not a requirement"),
    ("--frobnicate", "an option this reader does not know: --frobnicate"),
    ("-r", "an include without a file name"),
    ("-r reqs\x00.txt", "included file cannot be read: reqs\x00.txt (embedded null byte)"),
    (
        "-r https://example.org/requirements.txt",
        "an include from a URL is not followed: https://example.org/requirements.txt",
    ),
]


@pytest.mark.parametrize(("line", "expected"), LINES)
def test_each_kind_of_line(tmp_path: Path, line: str, expected: Any) -> None:
    inventory = RequirementsTxtFormat().parse(write(tmp_path, "requirements.txt", line + "\n"))
    if isinstance(expected, tuple):
        assert [(c.name, c.version, c.notes) for c in inventory.components] == [expected]
        assert inventory.skipped == []
    else:
        assert inventory.components == []
        [skipped] = inventory.skipped
        assert skipped.location == "line 1"
        assert skipped.reason.startswith(expected)


@pytest.mark.parametrize(
    "line",
    [
        "--index-url https://pypi.org/simple",
        "-i https://pypi.org/simple",
        "--extra-index-url=https://mirror.example.org/simple",
        "--find-links ./wheels",
        "--require-hashes",
        "--no-binary :all:",
        "--pre",
        "# a comment",
        "",
        "   ",
    ],
)
def test_options_and_comments_are_neither_components_nor_skipped(tmp_path: Path, line: str) -> None:
    inventory = RequirementsTxtFormat().parse(write(tmp_path, "requirements.txt", line + "\n"))
    assert inventory.components == [] and inventory.skipped == []


def test_continued_lines_take_the_number_of_their_first_line(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "requirements.txt",
        "# header\n"
        "flask==2.2.2 \\\n"
        "    --hash=sha256:aaa \\\n"
        "    --hash=sha256:bbb\n"
        "jinja2\\\n"
        "==3.1.2\n",
    )
    assert rows(RequirementsTxtFormat().parse(path)) == [
        ("flask", "2.2.2", "line 2", None, None),
        ("jinja2", "3.1.2", "line 5", None, None),
    ]


@pytest.mark.parametrize(
    ("text", "direct"),
    [
        ("flask==2.2.2\n    # via -r requirements.in\n", True),
        ("flask==2.2.2\n    # via portal (pyproject.toml)\n", True),
        ("jinja2==3.1.2\n    # via flask\n", False),
        ("jinja2==3.1.2\n    # via\n    #   flask\n    #   -r requirements.in\n", True),
        ("jinja2==3.1.2  # via flask, sphinx\n", False),
        ("jinja2==3.1.2\n\n    # via flask\n", None),  # a blank line ends the annotation
        ("jinja2==3.1.2\n# via flask\n", None),  # pip-compile indents its annotations
        ("jinja2==3.1.2\n", None),
    ],
)
def test_pip_compile_annotations_say_which_pins_are_direct(
    tmp_path: Path, text: str, direct: bool | None
) -> None:
    [component] = (
        RequirementsTxtFormat().parse(write(tmp_path, "requirements.txt", text)).components
    )
    assert component.direct is direct


def test_include_forms_and_a_file_read_twice(tmp_path: Path) -> None:
    write(tmp_path, "base.txt", "flask==2.2.2\n")
    (tmp_path / "sub").mkdir()
    write(tmp_path, "sub/extra.txt", "-r ../base.txt\njinja2==3.1.2\n")
    path = write(
        tmp_path,
        "requirements.txt",
        "-rbase.txt\n--requirement=sub/extra.txt\n-c base.txt\n--constraint 'base.txt'\n",
    )
    inventory = RequirementsTxtFormat().parse(path)
    assert [(Path(c.source).name, c.name) for c in inventory.components] == [
        ("base.txt", "flask"),
        ("extra.txt", "jinja2"),
    ]
    assert inventory.skipped == []


def test_an_unreadable_include_is_skipped_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").write_bytes(b"flask==2.2.2\n\xff\xfe\xfa\n")
    path = write(tmp_path, "requirements.txt", "jinja2==3.1.2\n-r broken.txt\n")
    inventory = RequirementsTxtFormat().parse(path)
    assert [c.name for c in inventory.components] == ["jinja2"]
    [skipped] = inventory.skipped
    assert skipped.location == "line 2"
    assert skipped.reason.startswith("included file cannot be read:")
    assert "broken.txt: line 2: not UTF-8 text" in skipped.reason


def test_a_missing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "requirements.txt"
    assert refusal(RequirementsTxtFormat(), path)[::2] == (
        str(path),
        "cannot read: No such file or directory",
    )


FHIR_CLIENT = (
    "not from a package index: git https://github.com/example-health/fhir-client.git (fhir-client)"
)


# --- poetry.lock -----------------------------------------------------------------------------


def test_poetry_2_lock_groups_give_dev_scope_and_extras_optional() -> None:
    inventory = PoetryLockFormat().parse(HERE / "poetry.lock")
    assert rows(inventory) == [
        ("asgiref", "3.5.2", "line 3", None, None),
        ("attrs", "22.1.0", "line 15", None, "dev"),
        ("certifi", "2022.9.24", "line 27", None, None),
        ("charset-normalizer", "2.1.1", "line 39", None, None),
        ("click", "8.1.3", "line 51", None, None),
        ("colorama", "0.4.5", "line 66", None, None),  # groups main and dev
        ("django", "3.2.10", "line 79", None, None),
        ("flask", "2.2.2", "line 115", None, None),
        ("idna", "3.4", "line 133", None, None),
        ("iniconfig", "1.1.1", "line 145", None, "dev"),
        ("itsdangerous", "2.1.2", "line 157", None, None),
        ("jinja2", "3.1.2", "line 169", None, None),
        ("markupsafe", "2.1.1", "line 184", None, None),
        ("packaging", "21.3", "line 196", None, "dev"),
        ("pluggy", "1.0.0", "line 211", None, "dev"),
        ("py", "1.11.0", "line 223", None, "dev"),
        ("pyparsing", "3.0.9", "line 235", None, "dev"),
        ("pysocks", "1.7.1", "line 247", None, "optional"),  # requests[socks]
        ("pytest", "7.1.3", "line 259", None, "dev"),
        ("pytz", "2022.4", "line 280", None, None),
        ("pyyaml", "5.3.1", "line 292", None, None),
        ("requests", "2.28.1", "line 304", None, None),
        ("sqlparse", "0.4.3", "line 327", None, None),
        ("tomli", "2.0.1", "line 339", None, "dev"),
        ("urllib3", "1.26.12", "line 352", None, None),
        ("werkzeug", "2.2.2", "line 364", None, None),
    ]
    assert reasons(inventory) == [("poetry.lock", "line 96", FHIR_CLIENT)]
    colorama = inventory.components[5]
    assert colorama.notes == (
        'marker: main: platform_system == "Windows"; dev: sys_platform == "win32"'
    )


def test_poetry_1_1_lock_category_gives_dev_scope_and_names_keep_their_capitals() -> None:
    inventory = PoetryLockFormat().parse(HERE / "poetry.category.lock")
    assert [(c.name, c.version, c.scope, c.purl) for c in inventory.components] == [
        ("click", "8.1.3", None, "pkg:pypi/click@8.1.3"),
        ("colorama", "0.4.5", None, "pkg:pypi/colorama@0.4.5"),
        ("Flask", "2.2.2", None, "pkg:pypi/flask@2.2.2"),
        ("iniconfig", "1.1.1", "dev", "pkg:pypi/iniconfig@1.1.1"),
        ("itsdangerous", "2.1.2", None, "pkg:pypi/itsdangerous@2.1.2"),
        ("Jinja2", "3.1.2", None, "pkg:pypi/jinja2@3.1.2"),
        ("MarkupSafe", "2.1.1", None, "pkg:pypi/markupsafe@2.1.1"),
        ("pytest", "7.1.3", "dev", "pkg:pypi/pytest@7.1.3"),
        ("PyYAML", "5.3.1", None, "pkg:pypi/pyyaml@5.3.1"),
        ("Werkzeug", "2.2.2", None, "pkg:pypi/werkzeug@2.2.2"),
    ]
    assert reasons(inventory) == [
        (
            "poetry.category.lock",
            "line 76",
            "not from a package index: directory ../portal-forms (portal-forms)",
        )
    ]


def test_a_truncated_poetry_lock_is_refused_at_the_end() -> None:
    path = HERE / "poetry.truncated.lock"
    assert refusal(PoetryLockFormat(), path) == (
        str(path),
        "line 42, end of file",
        "not valid TOML: Unterminated string",
    )


def test_a_poetry_lock_cut_between_packages_lacks_its_metadata(tmp_path: Path) -> None:
    text = (HERE / "poetry.lock").read_text()
    path = write(tmp_path, "poetry.lock", text[: text.index('[[package]]\nname = "django"')])
    assert refusal(PoetryLockFormat(), path)[1:] == (
        "metadata",
        "no [metadata] table: not a poetry.lock, or truncated",
    )


def test_bad_poetry_entries_are_skipped_and_the_rest_kept() -> None:
    inventory = PoetryLockFormat().parse(HERE / "poetry.bad-entry.lock")
    assert [(c.name, c.location) for c in inventory.components] == [
        ("flask", "line 3"),
        ("urllib3", "line 34"),
    ]
    assert reasons(inventory) == [
        ("poetry.bad-entry.lock", "line 12", "version is missing"),
        ("poetry.bad-entry.lock", "line 20", "name is not a name or version: 42"),
        ("poetry.bad-entry.lock", "line 27", "not a valid version: '2.28.1 beta'"),
    ]


# --- uv.lock ---------------------------------------------------------------------------------


def test_uv_lock_direct_and_scope_come_from_the_project_graph() -> None:
    inventory = UvLockFormat().parse(HERE / "uv.lock")
    assert rows(inventory) == [
        ("asgiref", "3.5.2", "line 5", False, None),
        ("attrs", "22.1.0", "line 14", False, "dev"),
        ("certifi", "2022.9.24", "line 23", False, None),
        ("charset-normalizer", "2.1.1", "line 32", False, None),
        ("click", "8.1.3", "line 41", False, None),
        ("colorama", "0.4.5", "line 53", False, None),  # click needs it, not only pytest
        ("django", "3.2.10", "line 62", True, None),
        ("flask", "2.2.2", "line 84", True, None),
        ("idna", "3.4", "line 99", False, None),
        ("iniconfig", "1.1.1", "line 108", False, "dev"),
        ("itsdangerous", "2.1.2", "line 117", False, None),
        ("jinja2", "3.1.2", "line 126", False, None),
        ("markupsafe", "2.1.1", "line 138", False, None),
        ("packaging", "21.3", "line 147", False, "dev"),
        ("pluggy", "1.0.0", "line 195", False, "dev"),
        ("py", "1.11.0", "line 204", False, "dev"),
        ("pyparsing", "3.0.9", "line 213", False, "dev"),
        ("pysocks", "1.7.1", "line 222", False, "optional"),  # only through requests[socks]
        ("pytest", "7.1.3", "line 231", True, "dev"),
        ("pytz", "2022.4", "line 249", False, None),
        ("pyyaml", "5.3.1", "line 258", True, None),
        ("requests", "2.28.1", "line 267", True, None),
        ("sqlparse", "0.4.3", "line 287", False, None),
        ("tomli", "2.0.1", "line 296", False, "dev"),
        ("urllib3", "1.26.12", "line 305", False, None),
        ("werkzeug", "2.2.2", "line 314", False, None),
    ]
    # the project itself (source = { editable = "." }) is not a component
    assert "patient-portal" not in [c.name for c in inventory.components]
    assert reasons(inventory) == [
        (
            "uv.lock",
            "line 76",
            "not from a package index: git "
            "https://github.com/example-health/fhir-client?rev=v1.4.0"
            "#6aa766be2cdd5f163e0b80ec13884bf0426ac0e4 (fhir-client)",
        )
    ]


def test_uv_lock_without_a_project_says_nothing_of_direct_or_scope(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "uv.lock",
        'version = 1\n\n[[package]]\nname = "flask"\n'
        'version = "2.2.2"\nsource = { registry = "https://pypi.org/simple" }\n',
    )
    assert rows(UvLockFormat().parse(path)) == [("flask", "2.2.2", "line 3", None, None)]


def test_uv_lock_forks_two_versions_and_a_dependency_names_one(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "uv.lock",
        """version = 1
[[package]]
name = "app"
version = "0.1.0"
source = { virtual = "." }
dependencies = [{ name = "numpy", version = "1.26.4", marker = "python_full_version < '3.12'" }]
[package.dev-dependencies]
dev = [{ name = "numpy", version = "2.1.0", marker = "python_full_version >= '3.12'" }]
[[package]]
name = "numpy"
version = "1.26.4"
source = { registry = "https://pypi.org/simple" }
[[package]]
name = "numpy"
version = "2.1.0"
source = { registry = "https://pypi.org/simple" }
[[package]]
name = "portal-forms"
version = "0.3.0"
source = { directory = "../portal-forms" }
""",
    )
    inventory = UvLockFormat().parse(path)
    assert rows(inventory) == [
        ("numpy", "1.26.4", "line 9", True, None),
        ("numpy", "2.1.0", "line 13", True, "dev"),
    ]
    assert reasons(inventory) == [
        ("uv.lock", "line 17", "not from a package index: directory ../portal-forms (portal-forms)")
    ]


def test_a_toml_file_that_is_not_a_uv_lock_is_refused() -> None:
    path = HERE / "uv.no-version.lock"
    assert refusal(UvLockFormat(), path) == (
        str(path),
        "version",
        "no lock version (version = 1): not a uv.lock",
    )


# --- Pipfile.lock ----------------------------------------------------------------------------


def test_pipfile_lock_default_then_develop_as_dev() -> None:
    inventory = PipfileLockFormat().parse(HERE / "Pipfile.lock")
    summary = [(c.name, c.version, c.location, c.scope) for c in inventory.components]
    assert summary[:6] == [
        ("asgiref", "3.5.2", 'default["asgiref"]', None),
        ("certifi", "2022.9.24", 'default["certifi"]', None),
        ("charset-normalizer", "2.1.1", 'default["charset-normalizer"]', None),
        ("click", "8.1.3", 'default["click"]', None),
        ("django", "3.2.10", 'default["django"]', None),
        ("flask", "2.2.2", 'default["flask"]', None),
    ]
    assert [(n, v) for n, v, _, s in summary if s is None] == [
        ("asgiref", "3.5.2"),
        ("certifi", "2022.9.24"),
        ("charset-normalizer", "2.1.1"),
        ("click", "8.1.3"),
        ("django", "3.2.10"),
        ("flask", "2.2.2"),
        ("idna", "3.4"),
        ("itsdangerous", "2.1.2"),
        ("jinja2", "3.1.2"),
        ("markupsafe", "2.1.1"),
        ("pytz", "2022.4"),
        ("pyyaml", "5.3.1"),
        ("requests", "2.28.1"),
        ("sqlparse", "0.4.3"),
        ("urllib3", "1.26.12"),
        ("werkzeug", "2.2.2"),
    ]
    assert [(n, v, where) for n, v, where, s in summary if s == "dev"] == [
        ("attrs", "22.1.0", 'develop["attrs"]'),
        ("coverage", "6.5.0", 'develop["coverage"]'),
        ("iniconfig", "1.1.1", 'develop["iniconfig"]'),
        ("packaging", "21.3", 'develop["packaging"]'),
        ("pluggy", "1.0.0", 'develop["pluggy"]'),
        ("py", "1.11.0", 'develop["py"]'),
        ("pyparsing", "3.0.9", 'develop["pyparsing"]'),
        ("pytest", "7.1.3", 'develop["pytest"]'),
        ("tomli", "2.0.1", 'develop["tomli"]'),
    ]
    assert inventory.components[0].notes == "marker: python_version >= '3.7'"
    # the project itself ({"editable": true, "path": "."}) is neither component nor skipped
    assert reasons(inventory) == [
        (
            "Pipfile.lock",
            'default["fhir-client"]',
            "not from a package index: git "
            "https://github.com/example-health/fhir-client.git (fhir-client)",
        ),
        (
            "Pipfile.lock",
            'default["portal-forms"]',
            "not from a package index: path ../portal-forms (portal-forms)",
        ),
    ]


def test_a_truncated_pipfile_lock_is_refused_with_line_and_column() -> None:
    path = HERE / "Pipfile.truncated.lock"
    assert refusal(PipfileLockFormat(), path) == (
        str(path),
        "line 151, column 3",
        "not valid JSON: unexpected end of data",
    )


@pytest.mark.parametrize(
    ("document", "skipped"),
    [
        (
            {"_meta": {}, "default": {"flask": {"version": "==2.2.2"}, "jinja2": "3.1.2"}},
            [('default["jinja2"]', "expected a table, got '3.1.2'")],
        ),
        (
            {"_meta": {}, "default": {"flask": {"version": ">=2.2.2"}}},
            [('default["flask"]', "not pinned to one version: flask>=2.2.2")],
        ),
        ({"_meta": {}, "develop": []}, [("develop", "expected an object, got []")]),
    ],
)
def test_bad_pipfile_entries_are_skipped(
    tmp_path: Path, document: dict[str, Any], skipped: list[tuple[str, str]]
) -> None:
    path = tmp_path / "Pipfile.lock"
    path.write_bytes(orjson.dumps(document))
    inventory = PipfileLockFormat().parse(path)
    assert [(s.location, s.reason) for s in inventory.skipped] == skipped


# --- pdm.lock --------------------------------------------------------------------------------


def test_pdm_lock_groups_and_the_extras_entry_of_the_same_release() -> None:
    inventory = PdmLockFormat().parse(HERE / "pdm.lock")
    assert rows(inventory) == [
        ("certifi", "2022.9.24", "line 13", None, None),
        ("colorama", "0.4.5", "line 24", None, None),
        ("flask", "2.2.2", "line 49", None, None),
        ("jinja2", "3.1.2", "line 66", None, None),
        ("pysocks", "1.7.1", "line 80", None, None),
        ("pytest", "7.1.3", "line 91", None, "dev"),
        ("pyyaml", "5.3.1", "line 108", None, None),
        ("requests", "2.28.1", "line 117", None, None),  # and requests[socks] at line 133
        ("urllib3", "1.26.12", "line 150", None, None),
    ]
    assert reasons(inventory) == [("pdm.lock", "line 36", FHIR_CLIENT)]


def test_a_pdm_lock_without_metadata_is_refused() -> None:
    path = HERE / "pdm.no-metadata.lock"
    assert refusal(PdmLockFormat(), path) == (
        str(path),
        "metadata",
        "no [metadata] table: not a pdm.lock, or truncated",
    )


# --- pylock.toml -----------------------------------------------------------------------------


def test_pylock_packages_from_an_index_and_the_others_skipped() -> None:
    inventory = PylockTomlFormat().parse(HERE / "pylock.toml")
    assert [(c.name, c.version, c.location, c.notes) for c in inventory.components] == [
        ("django", "3.2.10", "line 9", None),
        ("flask", "2.2.2", "line 19", None),
        ("jinja2", "3.1.2", "line 28", None),
        ("pytest", "7.1.3", "line 42", "marker: 'dev' in dependency_groups"),
        ("pyyaml", "5.3.1", "line 52", None),
    ]
    # the project itself (directory ".") is neither component nor skipped
    assert reasons(inventory) == [
        (
            "pylock.toml",
            "line 58",
            "not from a package index: vcs "
            "https://github.com/example-health/fhir-client.git (fhir-client)",
        ),
        (
            "pylock.toml",
            "line 67",
            "not from a package index: archive "
            "https://files.example-health.org/wheels/dicom_anon-0.4.2-py3-none-any.whl "
            "(dicom-anon)",
        ),
    ]


def test_a_pylock_of_an_unknown_major_version_is_refused() -> None:
    path = HERE / "pylock.unsupported-version.toml"
    assert refusal(PylockTomlFormat(), path) == (
        str(path),
        "lock-version",
        "lock-version 2.0 is not supported (1.x is)",
    )


# --- every format: bad input -----------------------------------------------------------------

FILES: dict[str, tuple[InventoryFormat, str]] = {
    "requirements.txt": (RequirementsTxtFormat(), "requirements.txt"),
    "requirements-dev.txt": (RequirementsTxtFormat(), "requirements-dev.txt"),
    "poetry.lock": (PoetryLockFormat(), "poetry.lock"),
    "poetry.category.lock": (PoetryLockFormat(), "poetry.lock"),
    "uv.lock": (UvLockFormat(), "uv.lock"),
    "Pipfile.lock": (PipfileLockFormat(), "Pipfile.lock"),
    "pdm.lock": (PdmLockFormat(), "pdm.lock"),
    "pylock.toml": (PylockTomlFormat(), "pylock.toml"),
}
SEEDS = {name: (HERE / name).read_bytes() for name in FILES}
TOML_SEEDS = {
    n: s
    for n, s in SEEDS.items()
    if FILES[n][1] not in ("Pipfile.lock",) and not n.startswith("requirements")
}


NOISE = [
    b'"',
    b"'",
    b"\\",
    b"\n",
    b"[[package]]\n",
    b"{",
    b"}",
    b"[",
    b"]",
    b"=",
    b",",
    b"\xff",
    b"\x00",
    b"-r ",
    b"-e ",
    b"==",
    b"@",
    b" # ",
    b"version = 1\n",
    b'name = ""\n',
    b"source = { git = 1 }\n",
    b"groups = []\n",
    b"null",
    b"42",
]


@st.composite
def mutated(draw: st.DrawFn, seeds: dict[str, bytes]) -> tuple[str, bytes]:
    """A fixture with a few bytes or lines deleted, repeated or replaced."""
    name = draw(st.sampled_from(sorted(seeds)))
    return name, draw(spliced(seeds[name], NOISE))


@fuzz(150)
@given(mutated(SEEDS))
def test_mutated_fixtures_give_an_inventory_or_inventory_error(case: tuple[str, bytes]) -> None:
    name, data = case
    assert_parsed_or_refused(*FILES[name], data, "PyPI")


@fuzz(40)
@given(st.sampled_from(sorted(FILES)), st.binary(max_size=300))
def test_random_bytes_give_an_inventory_or_inventory_error(name: str, data: bytes) -> None:
    assert_parsed_or_refused(*FILES[name], data, "PyPI")


# Random values in place of a lock file's values, written back as TOML or JSON, reach the
# code behind the parser: types it does not expect must be skipped entries, not crashes.
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.sampled_from(
        [
            "",
            ".",
            "2.2.2",
            "==2.2.2",
            ">=1",
            "main",
            "dev",
            "default",
            "flask",
            "git",
            "Foo_Bar",
            "x y",
            "editable",
            "registry",
            "1!2.0+local",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "name",
                    "version",
                    "source",
                    "groups",
                    "category",
                    "optional",
                    "markers",
                    "git",
                    "path",
                    "editable",
                    "dependencies",
                    "extra",
                    "registry",
                    "virtual",
                    "url",
                    "dev-dependencies",
                    "optional-dependencies",
                    "directory",
                    "vcs",
                    "archive",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=8,
)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return orjson.dumps(value).decode()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value if v is not None) + "]"
    return (
        "{"
        + ", ".join(
            f"{orjson.dumps(k).decode()} = {_toml_value(v)}"
            for k, v in value.items()
            if v is not None
        )
        + "}"
    )


def to_toml(document: dict[str, Any]) -> str:
    """A small TOML writer for the tests: every top-level key as ``key = <inline value>``."""
    return (
        "\n".join(
            f"{orjson.dumps(k).decode()} = {_toml_value(v)}"
            for k, v in document.items()
            if v is not None
        )
        + "\n"
    )


@st.composite
def reshaped(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    """A parsed lock file with some of its values replaced by random ones."""
    import tomllib

    name = draw(st.sampled_from([*sorted(TOML_SEEDS), "Pipfile.lock"]))
    text = SEEDS[name].decode()
    document = orjson.loads(text) if name == "Pipfile.lock" else tomllib.loads(text)
    document = orjson.loads(orjson.dumps(document, default=str))  # TOML dates become strings
    replace_values(draw, document, VALUES)
    return name, document


@fuzz(150)
@given(reshaped())
def test_reshaped_documents_give_an_inventory_or_inventory_error(
    case: tuple[str, dict[str, Any]],
) -> None:
    name, document = case
    data = orjson.dumps(document) if name == "Pipfile.lock" else to_toml(document).encode()
    assert_parsed_or_refused(*FILES[name], data, "PyPI")


# --- the purl shortcut -----------------------------------------------------------------------

NAMES = st.from_regex(python._NAME, fullmatch=True).filter(lambda n: len(n) < 30)
VERSIONS = st.text(st.sampled_from("aZ09._-~+!*/%Ωé"), min_size=1, max_size=12)


@fuzz(300)
@given(
    st.one_of(NAMES, st.sampled_from(["Flask", "zope.interface", "A_B-c", "PyYAML"])),
    st.one_of(VERSIONS, st.sampled_from(["2.2.2", "1!2.0", "1.0+local", "2022.9.24"])),
)
def test_purl_fors_shortcut_gives_what_packageurl_gives(name: str, version: str) -> None:
    """For the names the parsers accept (PEP 508)."""
    assert purl_for("PyPI", name, version) == purl_without_shortcut("PyPI", name, version)
