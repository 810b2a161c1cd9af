"""package-lock.json, npm-shrinkwrap.json, yarn.lock (classic and berry) and pnpm-lock.yaml."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from aicc.core.components import Inventory
from aicc.core.packages import purl_for
from aicc.inventory import javascript
from aicc.inventory.interface import InventoryFormat
from aicc.inventory.javascript import FORMATS, PackageLockFormat, PnpmLockFormat, YarnLockFormat
from tests.inventory.helpers import (
    INVENTORIES,
    assert_parsed_or_refused,
    fuzz,
    purl_without_shortcut,
    reasons,
    refusal,
    replace_values,
    spliced,
    write,
)

HERE = INVENTORIES / "javascript"
Place = tuple[str | None, bool | None, str | None]

# Every registry package of the portal's express app, whichever tool locked it: express 4.17.1
# with its tree (send 0.17.1 keeps its own ms 2.1.1), lodash 4.17.20, lodash 3.10.1 under the
# alias "lodash3", ws with the optional peer bufferutil, fsevents as an optional dependency,
# and mkdirp (with minimist 1.2.5) and @types/node for development. fhir-js comes from git.
EXPRESS_APP = [
    "@types/node@16.18.3",
    "accepts@1.3.7",
    "array-flatten@1.1.1",
    "body-parser@1.19.0",
    "bufferutil@4.0.7",
    "bytes@3.1.0",
    "content-disposition@0.5.3",
    "content-type@1.0.4",
    "cookie-signature@1.0.6",
    "cookie@0.4.0",
    "debug@2.6.9",
    "depd@1.1.2",
    "destroy@1.0.4",
    "ee-first@1.1.1",
    "encodeurl@1.0.2",
    "escape-html@1.0.3",
    "etag@1.8.1",
    "express@4.17.1",
    "finalhandler@1.1.2",
    "forwarded@0.2.0",
    "fresh@0.5.2",
    "fsevents@2.3.2",
    "http-errors@1.7.2",
    "iconv-lite@0.4.24",
    "inherits@2.0.3",
    "ipaddr.js@1.9.1",
    "lodash@3.10.1",
    "lodash@4.17.20",
    "media-typer@0.3.0",
    "merge-descriptors@1.0.1",
    "methods@1.1.2",
    "mime-db@1.52.0",
    "mime-types@2.1.35",
    "mime@1.6.0",
    "minimist@1.2.5",
    "mkdirp@0.5.5",
    "ms@2.0.0",
    "ms@2.1.1",
    "negotiator@0.6.2",
    "node-gyp-build@4.5.0",
    "on-finished@2.3.0",
    "parseurl@1.3.3",
    "path-to-regexp@0.1.7",
    "proxy-addr@2.0.7",
    "qs@6.7.0",
    "range-parser@1.2.1",
    "raw-body@2.4.0",
    "safe-buffer@5.1.2",
    "safer-buffer@2.1.2",
    "send@0.17.1",
    "serve-static@1.14.1",
    "setprototypeof@1.1.1",
    "statuses@1.5.0",
    "toidentifier@1.0.0",
    "type-is@1.6.18",
    "unpipe@1.0.0",
    "utils-merge@1.0.1",
    "vary@1.1.2",
    "ws@8.11.0",
]
WATCHED = [
    "@types/node@16.18.3",
    "express@4.17.1",
    "fsevents@2.3.2",
    "lodash@3.10.1",
    "lodash@4.17.20",
    "minimist@1.2.5",
    "mkdirp@0.5.5",
    "ms@2.1.1",
    "ws@8.11.0",
]


def ids(inventory: Inventory) -> list[str]:
    return sorted(f"{c.name}@{c.version}" for c in inventory.components)


def places(inventory: Inventory, wanted: list[str]) -> dict[str, Place]:
    """(location, direct, scope) of the components named ``name@version`` in ``wanted``."""
    found = {f"{c.name}@{c.version}": (c.location, c.direct, c.scope) for c in inventory.components}
    return {w: found[w] for w in wanted if w in found}


# --- recognising the files -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("package-lock.json", PackageLockFormat),
        ("npm-shrinkwrap.json", PackageLockFormat),
        ("yarn.lock", YarnLockFormat),
        ("pnpm-lock.yaml", PnpmLockFormat),
        ("package.json", None),
        ("pnpm-workspace.yaml", None),
        ("bun.lockb", None),
    ],
)
def test_each_file_is_recognised_by_its_name(name: str, expected: type | None) -> None:
    accepting = [type(f) for f in FORMATS if f.accepts(Path("/app") / name, b"")]
    assert accepting == ([expected] if expected else [])


# --- the same app, locked by each tool -------------------------------------------------------

GIT_SHA = "6f6ab06cc662ad5259caaea94736438f0fc737ba"


def test_package_lock_v3_of_an_express_app() -> None:
    path = HERE / "package-lock.json"
    inventory = PackageLockFormat().parse(path)
    assert ids(inventory) == EXPRESS_APP
    assert places(inventory, WATCHED) == {
        "@types/node@16.18.3": ('packages["node_modules/@types/node"]', True, "dev"),
        "express@4.17.1": ('packages["node_modules/express"]', True, None),
        "fsevents@2.3.2": ('packages["node_modules/fsevents"]', True, "optional"),
        "lodash@3.10.1": ('packages["node_modules/lodash3"]', True, None),  # npm:lodash@^3.10.1
        "lodash@4.17.20": ('packages["node_modules/lodash"]', True, None),
        "minimist@1.2.5": ('packages["node_modules/minimist"]', False, "dev"),
        "mkdirp@0.5.5": ('packages["node_modules/mkdirp"]', True, "dev"),
        "ms@2.1.1": ('packages["node_modules/send/node_modules/ms"]', False, None),
        "ws@8.11.0": ('packages["node_modules/ws"]', True, None),
    }
    assert reasons(inventory) == [
        (
            'packages["node_modules/fhir-js"]',
            "not from the npm registry: "
            f"git+ssh://git@github.com/example-health/fhir-js.git#{GIT_SHA} "
            "(fhir-js)",
        )
    ]
    express = next(c for c in inventory.components if c.name == "express")
    assert (express.ecosystem, express.purl, express.source) == (
        "npm",
        "pkg:npm/express@4.17.1",
        str(path),
    )
    types = next(c for c in inventory.components if c.name == "@types/node")
    assert types.purl == "pkg:npm/%40types/node@16.18.3"
    assert inventory.format == "package-lock.json"


def test_package_lock_v1_nests_dependencies_and_writes_aliases_as_npm_specs() -> None:
    inventory = PackageLockFormat().parse(HERE / "package-lock.v1.json")
    older = {"@types/node@16.18.3", "bufferutil@4.0.7", "node-gyp-build@4.5.0", "ws@8.11.0"}
    assert ids(inventory) == [i for i in EXPRESS_APP if i not in older]
    assert places(inventory, WATCHED) == {
        "express@4.17.1": ('dependencies["express"]', None, None),
        "fsevents@2.3.2": ('dependencies["fsevents"]', None, "optional"),
        "lodash@3.10.1": ('dependencies["lodash3"]', None, None),
        "lodash@4.17.20": ('dependencies["lodash"]', None, None),
        "minimist@1.2.5": ('dependencies["minimist"]', None, "dev"),
        "mkdirp@0.5.5": ('dependencies["mkdirp"]', None, "dev"),
        "ms@2.1.1": ('dependencies["send"].dependencies["ms"]', None, None),
    }
    assert reasons(inventory) == [
        (
            'dependencies["fhir-js"]',
            "not from the npm registry: "
            f"git+ssh://git@github.com/example-health/fhir-js.git#{GIT_SHA} "
            "(fhir-js)",
        )
    ]


def test_yarn_classic_lock_with_multi_specifier_entries() -> None:
    inventory = YarnLockFormat().parse(HERE / "yarn.lock")
    assert ids(inventory) == EXPRESS_APP
    assert places(inventory, WATCHED) == {
        "@types/node@16.18.3": ("line 5", None, None),
        "express@4.17.1": ("line 110", None, None),
        "fsevents@2.3.2": ("line 175", None, None),
        "lodash@3.10.1": ("line 208", None, None),  # "lodash3@npm:lodash@^3.10.1"
        "lodash@4.17.20": ("line 213", None, None),  # lodash@^4.17.15, lodash@^4.17.20
        "minimist@1.2.5": ("line 250", None, None),
        "mkdirp@0.5.5": ("line 255", None, None),
        "ms@2.1.1": ("line 267", None, None),
        "ws@8.11.0": ("line 407", None, None),
    }
    assert places(inventory, ["statuses@1.5.0"]) == {"statuses@1.5.0": ("line 374", None, None)}
    assert reasons(inventory) == [
        ("line 146", "not from the npm registry: fhir-js@github:example-health/fhir-js#v2.1.0"),
        ("line 299", "not from the npm registry: portal-icons@file:./vendor/portal-icons"),
    ]


def test_yarn_berry_lock_direct_through_the_workspace_and_its_patch() -> None:
    inventory = YarnLockFormat().parse(HERE / "yarn.berry.lock")
    assert ids(inventory) == EXPRESS_APP
    assert places(inventory, WATCHED) == {
        "@types/node@16.18.3": ("line 8", True, None),
        "express@4.17.1": ("line 150", True, None),
        "fsevents@2.3.2": ("line 225", True, None),
        "lodash@3.10.1": ("line 269", True, None),
        "lodash@4.17.20": ("line 276", True, None),  # the workspace names the patched lodash
        "minimist@1.2.5": ("line 333", False, None),
        "mkdirp@0.5.5": ("line 340", True, None),
        "ms@2.1.1": ("line 356", False, None),
        "ws@8.11.0": ("line 554", True, None),
    }
    # the workspace and the patch entry are not components; the git one is skipped
    assert reasons(inventory) == [
        (
            "line 188",
            "not from the npm registry: fhir-js@https://"
            f"github.com/example-health/fhir-js.git#commit={GIT_SHA}",
        )
    ]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "pnpm-lock.v5.yaml",
            {
                "@types/node@16.18.3": ("line 31", True, "dev"),
                "express@4.17.1": ("line 130", True, None),
                "fsevents@2.3.2": ("line 189", True, "optional"),
                "lodash@3.10.1": ("line 224", True, None),  # lodash3: /lodash/3.10.1
                "lodash@4.17.20": ("line 228", True, None),
                "minimist@1.2.5": ("line 264", False, "dev"),
                "mkdirp@0.5.5": ("line 268", True, "dev"),
                "ms@2.1.1": ("line 279", False, None),
                "ws@8.11.0": ("line 411", True, None),  # /ws/8.11.0_bufferutil@4.0.7
            },
        ),
        (
            "pnpm-lock.v6.yaml",
            {
                "@types/node@16.18.3": ("line 42", True, "dev"),
                "express@4.17.1": ("line 141", True, None),
                "fsevents@2.3.2": ("line 200", True, "optional"),
                "lodash@3.10.1": ("line 235", True, None),  # lodash3: /lodash@3.10.1
                "lodash@4.17.20": ("line 239", True, None),
                "minimist@1.2.5": ("line 275", False, "dev"),
                "mkdirp@0.5.5": ("line 279", True, "dev"),
                "ms@2.1.1": ("line 290", False, None),
                "ws@8.11.0": ("line 422", True, None),  # /ws@8.11.0(bufferutil@4.0.7)
            },
        ),
        (
            "pnpm-lock.v9.yaml",
            {
                "@types/node@16.18.3": ("line 52", True, "dev"),
                "express@4.17.1": ("line 114", True, None),
                "fsevents@2.3.2": ("line 134", True, "optional"),
                "lodash@3.10.1": ("line 155", True, None),
                "lodash@4.17.20": ("line 158", True, None),
                "minimist@1.2.5": ("line 185", True, None),  # packages/reports needs it at run time
                "mkdirp@0.5.5": ("line 188", True, "dev"),
                "ms@2.1.1": ("line 195", False, None),
                "ws@8.11.0": ("line 274", True, None),
            },
        ),
    ],
)
def test_pnpm_locks_5_6_and_9(name: str, expected: dict[str, Place]) -> None:
    inventory = PnpmLockFormat().parse(HERE / name)
    assert ids(inventory) == EXPRESS_APP
    assert places(inventory, WATCHED) == expected
    [skipped] = inventory.skipped
    assert skipped.reason.startswith("not from the npm registry: ")
    assert GIT_SHA in skipped.reason


def test_shrinkwrap_reads_packages_not_the_v1_section_beside_them() -> None:
    inventory = PackageLockFormat().parse(HERE / "npm-shrinkwrap.json")
    assert [(c.name, c.version, c.location, c.direct) for c in inventory.components] == [
        ("lodash", "4.17.20", 'packages["node_modules/lodash"]', True),
        ("minimist", "1.2.5", 'packages["node_modules/minimist"]', True),
    ]


def test_package_lock_workspaces_links_aliases_and_nested_installs() -> None:
    inventory = PackageLockFormat().parse(HERE / "package-lock.workspaces.json")
    assert [(c.name, c.version, c.location, c.direct, c.scope) for c in inventory.components] == [
        # devOptional: dev for the root, optional for a workspace: present in production
        ("minimist", "1.2.5", 'packages["node_modules/minimist"]', True, "optional"),
        ("mkdirp", "0.5.5", 'packages["node_modules/mkdirp"]', True, "dev"),
        ("lodash", "4.17.20", 'packages["node_modules/lodash"]', True, None),
        ("string-width", "4.2.3", 'packages["node_modules/string-width-cjs"]', True, None),
        ("emoji-regex", "8.0.0", 'packages["node_modules/emoji-regex"]', False, None),
        ("optimist", "0.6.1", 'packages["node_modules/optimist"]', True, "optional"),
        (
            "minimist",
            "0.0.10",
            'packages["node_modules/optimist/node_modules/minimist"]',
            False,
            "optional",
        ),
        ("wordwrap", "0.0.3", 'packages["node_modules/wordwrap"]', False, "optional"),
        ("lodash", "4.17.21", 'packages["packages/api/node_modules/lodash"]', True, None),
    ]
    # links to the workspaces and the workspaces themselves are the project, not components
    assert reasons(inventory) == [
        (
            'packages["node_modules/portal-icons"]',
            "not from the npm registry: file:vendor/portal-icons-1.0.0.tgz (portal-icons)",
        )
    ]


def test_the_same_release_twice_keeps_the_first_place_and_the_widest_reach(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "package-lock.json",
        orjson.dumps(
            {
                "lockfileVersion": 3,
                "packages": {
                    "": {"devDependencies": {"a": "1"}, "dependencies": {"b": "1"}},
                    "node_modules/a/node_modules/ms": {"version": "2.0.0", "dev": True},
                    "node_modules/b/node_modules/ms": {"version": "2.0.0"},
                    "node_modules/ms": {"version": "2.0.0", "dev": True},
                },
            }
        ),
    )
    [ms] = PackageLockFormat().parse(path).components
    assert (ms.location, ms.direct, ms.scope) == (
        'packages["node_modules/a/node_modules/ms"]',
        False,
        None,
    )


# --- bad input -------------------------------------------------------------------------------


def test_bad_package_lock_entries_are_skipped_and_the_rest_kept() -> None:
    inventory = PackageLockFormat().parse(HERE / "package-lock.bad-entry.json")
    assert [(c.name, c.version) for c in inventory.components] == [
        ("express", "4.17.1"),
        ("ms", "2.0.0"),
    ]
    assert reasons(inventory) == [
        ('packages["node_modules/lodash"]', "version is missing"),
        ('packages["node_modules/qs"]', "version is not a string: 6.7"),
        ('packages["node_modules/minimist"]', "expected an object, got '1.2.5'"),
        ('packages["node_modules/Bad Name!"]', "not a valid npm package name: 'Bad Name!'"),
        ('packages["node_modules/debug"]', "not a registry version: debug@latest"),
    ]


@pytest.mark.parametrize(
    ("name", "location", "message"),
    [
        (
            "package-lock.not-json.json",
            "line 1, column 1",
            "not valid JSON: unexpected character, expected a JSON value",
        ),
        (
            "package-lock.truncated.json",
            "line 350, column 8",
            "not valid JSON: unexpected end of data",
        ),
        (
            "package-lock.no-version.json",
            "lockfileVersion",
            "no lockfileVersion: not a package-lock.json",
        ),
    ],
)
def test_broken_package_locks_are_refused_naming_the_place(
    name: str, location: str, message: str
) -> None:
    path = HERE / name
    assert refusal(PackageLockFormat(), path) == (str(path), location, message)


@pytest.mark.parametrize(
    ("document", "location"),
    [
        ([], "$"),
        ({"lockfileVersion": 3, "packages": []}, "packages"),
        ({"lockfileVersion": 1, "dependencies": "express"}, "dependencies"),
        ({"lockfileVersion": "3", "packages": {}}, "lockfileVersion"),
    ],
)
def test_package_locks_of_the_wrong_shape_are_refused(
    tmp_path: Path, document: Any, location: str
) -> None:
    path = write(tmp_path, "package-lock.json", orjson.dumps(document))
    assert refusal(PackageLockFormat(), path)[1] == location


def test_bad_yarn_entries_are_skipped_and_the_rest_kept() -> None:
    inventory = YarnLockFormat().parse(HERE / "yarn.bad-entry.lock")
    assert [(c.name, c.version, c.location) for c in inventory.components] == [
        ("express", "4.17.1", "line 5"),
        ("minimist", "1.2.5", "line 25"),
    ]
    assert reasons(inventory) == [
        ("line 10", "version is missing"),
        ("line 14", "not a valid npm package name: 'Bad Name'"),
        ("line 17", "not a registry version: lodash@4.17.latest"),
        (
            "line 21",
            "not from the npm registry: "
            "fhir-js@git+ssh://git@github.com/example-health/fhir-js.git",
        ),
    ]


@pytest.mark.parametrize(
    ("name", "location", "message"),
    [
        (
            "yarn.unterminated-string.lock",
            "line 11",
            'not a yarn.lock: bad quoted string: "4.17.20',
        ),
        (
            "yarn.berry.not-yaml.lock",
            "line 13, column 1",
            "not valid YAML: found unexpected end of stream",
        ),
    ],
)
def test_broken_yarn_locks_are_refused_naming_the_line(
    name: str, location: str, message: str
) -> None:
    path = HERE / name
    assert refusal(YarnLockFormat(), path) == (str(path), location, message)


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        ('lodash@^4.17.20:\n  version "4.17.20"\n    dependencies:\n', 3, "unexpected indentation"),
        ('lodash@^4.17.20\n  version "4.17.20"\n', 1, "expected an entry header ending with ':'"),
        ('lodash@^4.17.20:\n\tversion "4.17.20"\n', 2, "a tab in the indentation"),
        ('"lodash@^4.17.20:\n  version "4.17.20"\n', 1, "unterminated string"),
        ("lodash@^4.17.20:\n  version\n", 2, "bad word: ''"),
        ('  version "4.17.20"\n', 1, "unexpected indentation"),
    ],
)
def test_yarn_classic_syntax_errors(tmp_path: Path, text: str, line: int, problem: str) -> None:
    path = write(tmp_path, "yarn.lock", "# yarn lockfile v1\n" + text)
    assert refusal(YarnLockFormat(), path)[1:] == (
        f"line {line + 1}",
        f"not a yarn.lock: {problem}",
    )


def test_yarn_2_writes_workspace_ranges_without_the_npm_protocol(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "yarn.lock",
        """__metadata:
  version: 4

"lodash@npm:^4.17.20":
  version: 4.17.20
  resolution: "lodash@npm:4.17.20"

"ms@npm:2.0.0":
  version: 2.0.0
  resolution: "ms@npm:2.0.0"

"portal@workspace:.":
  version: 0.0.0-use.local
  resolution: "portal@workspace:."
  dependencies:
    lodash: ^4.17.20
""",
    )
    inventory = YarnLockFormat().parse(path)
    assert [(c.name, c.location, c.direct) for c in inventory.components] == [
        ("lodash", "line 4", True),
        ("ms", "line 8", False),
    ]


@pytest.mark.parametrize(
    ("name", "location", "message"),
    [
        (
            "pnpm-lock.not-yaml.yaml",
            "line 10, column 6",
            "not valid YAML: did not find expected key",
        ),
        (
            "pnpm-lock.no-version.yaml",
            "lockfileVersion",
            "no lockfileVersion (None): not a pnpm-lock.yaml",
        ),
    ],
)
def test_broken_pnpm_locks_are_refused_naming_the_place(
    name: str, location: str, message: str
) -> None:
    path = HERE / name
    assert refusal(PnpmLockFormat(), path) == (str(path), location, message)


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        (
            "lockfileVersion: '9.0'\npackages:\n  a@1.0.0: &x {}\n  b@1.0.0: *y\n",
            "line 4",
            "not a lock file: unknown alias *y",
        ),
        (
            "lockfileVersion: '9.0'\n? [a]\n: 1\n",
            "line 2",
            "not a lock file: a mapping key that is not a string",
        ),
        (
            "lockfileVersion: '9.0'\n---\nlockfileVersion: '9.0'\n",
            "line 2",
            "not a lock file: more than one YAML document",
        ),
        ("- lockfileVersion\n", None, "expected a YAML mapping, got ['lockfileVersion']"),
        ("lockfileVersion: '9.0'\npackages: [a]\n", "packages", "expected a mapping, got ['a']"),
    ],
)
def test_yaml_that_no_lock_file_contains_is_refused(
    tmp_path: Path, text: str, location: str | None, message: str
) -> None:
    path = write(tmp_path, "pnpm-lock.yaml", text)
    assert refusal(PnpmLockFormat(), path)[1:] == (location, message)


# pnpm package paths -> (name, version) or None when not a registry release
@pytest.mark.parametrize(
    ("version", "key", "expected"),
    [
        ("5.4", "/lodash/4.17.20", ("lodash", "4.17.20")),
        ("5.4", "/@types/node/16.18.3", ("@types/node", "16.18.3")),
        ("5.4", "/styled-jsx/5.0.0_react@18.2.0", ("styled-jsx", "5.0.0")),
        (
            "5.4",
            "/@emotion/react/11.10.5_4d3a2ad8e6@7.0.0+react@18.2.0",
            ("@emotion/react", "11.10.5"),
        ),
        ("5.4", "github.com/example-health/fhir-js/6f6ab06", None),
        ("5.4", "/lodash", None),
        ("6.0", "/lodash@4.17.20", ("lodash", "4.17.20")),
        ("6.0", "/@types/node@16.18.3", ("@types/node", "16.18.3")),
        ("6.0", "/styled-jsx@5.0.0(@babel/core@7.20.0)(react@18.2.0)", ("styled-jsx", "5.0.0")),
        ("6.0", "/lodash@4.17.20-rc.1+build.7", ("lodash", "4.17.20-rc.1+build.7")),
        ("6.0", "file:packages/icons", None),
        ("9.0", "lodash@4.17.20", ("lodash", "4.17.20")),
        ("9.0", "@types/node@16.18.3", ("@types/node", "16.18.3")),
        ("9.0", "fhir-js@https://codeload.github.com/example-health/fhir-js/tar.gz/6f6ab06", None),
        ("9.0", "icons@file:packages/icons", None),
        ("9.0", "@types/node", None),
    ],
)
def test_pnpm_package_paths(
    tmp_path: Path, version: str, key: str, expected: tuple[str, str] | None
) -> None:
    path = write(
        tmp_path,
        "pnpm-lock.yaml",
        f"lockfileVersion: '{version}'\n\npackages:\n\n"
        f"  '{key}':\n    resolution: {{integrity: sha512-AAAA}}\n",
    )
    inventory = PnpmLockFormat().parse(path)
    if expected:
        assert [(c.name, c.version, c.location) for c in inventory.components] == [
            (*expected, "line 5")
        ]
    else:
        assert inventory.components == []
        assert reasons(inventory) == [("line 5", f"not from the npm registry: {key}")]


# --- fuzzing: only an Inventory or an InventoryError -----------------------------------------

FILES: dict[str, tuple[InventoryFormat, str]] = {
    "package-lock.json": (PackageLockFormat(), "package-lock.json"),
    "package-lock.v1.json": (PackageLockFormat(), "package-lock.json"),
    "package-lock.workspaces.json": (PackageLockFormat(), "package-lock.json"),
    "npm-shrinkwrap.json": (PackageLockFormat(), "npm-shrinkwrap.json"),
    "yarn.lock": (YarnLockFormat(), "yarn.lock"),
    "yarn.berry.lock": (YarnLockFormat(), "yarn.lock"),
    "pnpm-lock.v5.yaml": (PnpmLockFormat(), "pnpm-lock.yaml"),
    "pnpm-lock.v6.yaml": (PnpmLockFormat(), "pnpm-lock.yaml"),
    "pnpm-lock.v9.yaml": (PnpmLockFormat(), "pnpm-lock.yaml"),
}
SEEDS = {name: (HERE / name).read_bytes() for name in FILES}
STRUCTURED = [n for n in FILES if n != "yarn.lock"]


NOISE = [
    b'"',
    b"'",
    b"\\",
    b"\n",
    b"\n  ",
    b"\t",
    b":",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b"\xff",
    b"\x00",
    b"@",
    b"npm:",
    b"link: true",
    b'"link": true',
    b"null",
    b"42",
    b"true",
    b"&a ",
    b"*a",
    b"? ",
    b"__metadata:\n",
    b"(",
    b"/",
    b"_",
    b"- ",
]


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, bytes]:
    """A fixture (a YAML or yarn one cut after a few kilobytes of whole lines) with bytes
    deleted, repeated or replaced."""
    name = draw(st.sampled_from(sorted(SEEDS)))
    data = SEEDS[name]
    if not name.endswith(".json"):
        data = data[: data.rfind(b"\n", 0, draw(st.sampled_from([2000, 6000, 20000]))) + 1]
    return name, draw(spliced(data, NOISE))


@fuzz(150)
@given(mutated())
def test_mutated_fixtures_give_an_inventory_or_inventory_error(case: tuple[str, bytes]) -> None:
    name, data = case
    assert_parsed_or_refused(*FILES[name], data, "npm")


@fuzz(40)
@given(st.sampled_from(sorted(FILES)), st.binary(max_size=300))
def test_random_bytes_give_an_inventory_or_inventory_error(name: str, data: bytes) -> None:
    assert_parsed_or_refused(*FILES[name], data, "npm")


VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.sampled_from(
        [
            "",
            "1.2.3",
            "npm:x@1.0.0",
            "npm:^1.0.0",
            "link:../x",
            "file:x",
            "^1",
            "true",
            "git+ssh://x",
            "x@1.0.0",
            "/x@1.0.0",
            "/x/1.0.0",
            "workspace:.",
            "patch:x@npm%3A1.0.0#p",
            "9.0",
            "5.4",
            "x@workspace:.",
            "x@npm:1.0.0",
            "@s/x@npm:2.0.0",
        ]
    ),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(
                [
                    "version",
                    "resolution",
                    "resolved",
                    "name",
                    "link",
                    "dev",
                    "optional",
                    "devOptional",
                    "dependencies",
                    "devDependencies",
                    "optionalDependencies",
                    "packages",
                    "snapshots",
                    "importers",
                    "x@1.0.0",
                    "node_modules/x",
                    "",
                    "lockfileVersion",
                    "specifier",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=8,
)


@st.composite
def reshaped(draw: st.DrawFn) -> tuple[str, bytes]:
    """A JSON or YAML lock file with some of its values replaced by random ones."""
    name = draw(st.sampled_from(STRUCTURED))
    json_file = name.endswith(".json")
    document = (
        orjson.loads(SEEDS[name])
        if json_file
        else javascript._yaml_document(SEEDS[name].decode(), "")[0]
    )
    replace_values(draw, document, VALUES)
    data = orjson.dumps(document) if json_file else yaml.safe_dump(document).encode()
    return name, data


@fuzz(120)
@given(reshaped())
def test_reshaped_documents_give_an_inventory_or_inventory_error(case: tuple[str, bytes]) -> None:
    name, data = case
    assert_parsed_or_refused(*FILES[name], data, "npm")


NAMES = st.from_regex(javascript._NAME, fullmatch=True).filter(lambda n: len(n) < 40)
VERSIONS = st.from_regex(javascript._SEMVER, fullmatch=True)


@fuzz(300)
@given(
    st.one_of(NAMES, st.sampled_from(["JSONStream", "@Types/Node", "a~b", "@s/x.y"])),
    st.one_of(VERSIONS, st.sampled_from(["1.0.0", "1.0.0+build.1", "2.0.0-rc.1"])),
)
def test_purl_fors_shortcut_gives_what_packageurl_gives(name: str, version: str) -> None:
    """For the names and versions the parsers accept."""
    assert purl_for("npm", name, version) == purl_without_shortcut("npm", name, version)


def test_a_5000_package_lock_parses_well_under_a_fifth_of_a_second(tmp_path: Path) -> None:
    packages: dict[str, Any] = {"": {"name": "big", "dependencies": {"pkg-0": "^1.0.0"}}}
    for i in range(5000):
        key = f"node_modules/pkg-{i}" if i % 5 else f"node_modules/pkg-{i - 1}/node_modules/@s/p{i}"
        packages[key] = {
            "version": f"1.{i % 40}.{i}",
            "resolved": f"https://registry.npmjs.org/p/-/p-{i}.tgz",
            "integrity": "sha512-" + "A" * 86 + "==",
            "dev": i % 3 == 0,
            "dependencies": {f"pkg-{i + 1}": "^1.0.0"},
            "engines": {"node": ">=10"},
        }
    document = {"lockfileVersion": 3, "packages": packages}
    path = write(tmp_path, "package-lock.json", orjson.dumps(document, option=orjson.OPT_INDENT_2))
    timings = []
    for _ in range(3):
        started = time.perf_counter()
        inventory = PackageLockFormat().parse(path)
        timings.append(time.perf_counter() - started)
    assert len(inventory.components) == 5000
    assert min(timings) < 0.2  # about 0.05 s on a laptop
