"""SPDX 2.2/2.3 documents, JSON and tag-value: what each fixture yields, named bad inputs, and
fuzzing (only InventoryError or a valid Inventory may come out)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aicc.core.errors import InventoryError
from aicc.inventory.spdx import SpdxJsonFormat, SpdxTagValueFormat
from tests.inventory.helpers import (
    EDITS,
    INVENTORIES,
    check_sbom,
    edited,
    fuzz,
    json_values,
    mutate_json,
    reasons,
    sbom_rows,
)

SBOMS = INVENTORIES / "sbom"
JSON = SpdxJsonFormat()
TAG_VALUE = SpdxTagValueFormat()


def test_lab_results_json_23() -> None:
    path = SBOMS / "spdx.lab-results-2.3.json"
    inventory = JSON.parse(path)
    assert (inventory.source, inventory.format) == (str(path), "spdx-json")
    # The described package has a purl and a version: it is listed, and is not "direct".
    assert sbom_rows(inventory) == [
        (
            "packages[0]",
            "git.riverside.example/lab/lab-results-api",
            "Go",
            "3.1.0",
            "pkg:golang/git.riverside.example/lab/lab-results-api@v3.1.0",
            None,
            None,
        ),
        (
            "packages[1]",
            "github.com/gin-gonic/gin",
            "Go",
            "1.7.0",
            "pkg:golang/github.com/gin-gonic/gin@v1.7.0",
            True,
            None,
        ),
        (
            "packages[2]",
            "golang.org/x/net",
            "Go",
            "0.0.0-20220225172249-27dd8689420f",
            "pkg:golang/golang.org/x/net@v0.0.0-20220225172249-27dd8689420f",
            False,
            None,
        ),
        (
            "packages[3]",
            "gopkg.in/yaml.v2",
            "Go",
            "2.2.7",
            "pkg:golang/gopkg.in/yaml.v2@v2.2.7",
            True,
            "dev",
        ),
        ("packages[4]", "nginx", None, "1.21.6", None, True, None),
    ]
    gin, nginx = inventory.components[1], inventory.components[4]
    assert gin.bom_ref == "SPDXRef-Package-go-module-github.com-gin-gonic-gin-1a2b"
    assert gin.cpe == "cpe:2.3:a:gin-gonic:gin:v1.7.0:*:*:*:*:*:*:*"
    assert (nginx.vendor, nginx.product, nginx.cpe) == (
        "f5",
        "nginx",
        "cpe:2.3:a:f5:nginx:1.21.6:*:*:*:*:*:*:*",
    )
    assert reasons(inventory) == [
        ("packages[5]", "libxml2: no version, so it cannot be matched to advisories"),
        ("packages[6]", "lab-results-ui: no purl or CPE identifies it"),
    ]


def test_radiology_viewer_tag_value_22() -> None:
    path = SBOMS / "spdx.radiology-viewer-2.2.spdx"
    inventory = TAG_VALUE.parse(path)
    assert inventory.format == "spdx-tag-value"
    # The "PackageName:" inside the DocumentComment's <text> block is text, not a package; the
    # SPDXID after FileName belongs to the file.
    assert sbom_rows(inventory) == [
        (
            "line 20",
            "@riverside/radiology-viewer",
            "npm",
            "4.0.2",
            "pkg:npm/%40riverside/radiology-viewer@4.0.2",
            None,
            None,
        ),
        ("line 42", "axios", "npm", "0.21.1", "pkg:npm/axios@0.21.1", True, None),
        (
            "line 55",
            "follow-redirects",
            "npm",
            "1.13.1",
            "pkg:npm/follow-redirects@1.13.1",
            False,
            None,
        ),
        ("line 65", "lodash", "npm", "4.17.20", "pkg:npm/lodash@4.17.20", True, None),
        ("line 78", "minimist", "npm", "1.2.5", "pkg:npm/minimist@1.2.5", True, "dev"),
    ]
    assert [c.bom_ref for c in inventory.components] == [
        "SPDXRef-Package-radiology-viewer",
        "SPDXRef-Package-axios-0.21.1",
        "SPDXRef-Package-follow-redirects-1.13.1",
        "SPDXRef-Package-lodash-4.17.20",
        "SPDXRef-Package-minimist-1.2.5",
    ]
    assert inventory.components[3].cpe == "cpe:2.3:a:lodash:lodash:4.17.20:*:*:*:*:node.js:*:*"
    assert inventory.skipped == []


def test_a_document_without_packages_says_so() -> None:
    path = SBOMS / "spdx.no-packages.json"
    inventory = JSON.parse(path)
    assert inventory.components == []
    assert [str(s) for s in inventory.skipped] == [
        f"{path}: packages: the document lists no packages"
    ]


@pytest.mark.parametrize(
    ("name", "location", "message"),
    [
        ("spdx.truncated.json", "line 47, column 2", "not valid JSON: unexpected end of data"),
        ("spdx.unclosed-text.spdx", "line 13", "PackageComment: <text> is never closed by </text>"),
    ],
)
def test_unreadable_files_are_an_error_naming_the_file_and_place(
    name: str, location: str, message: str
) -> None:
    path = SBOMS / name
    fmt = JSON if name.endswith(".json") else TAG_VALUE
    with pytest.raises(InventoryError) as caught:
        fmt.parse(path)
    assert (caught.value.path, caught.value.location, caught.value.message) == (
        str(path),
        location,
        message,
    )


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        (b"SPDXVersion: SPDX-2.3\nthis line has no tag\n", "line 2", "expected 'Tag: value'"),
        (b"SPDXVersion: SPDX-3.0\n", "SPDXVersion", "not an SPDX 2 document"),
        (b"DocumentName: x\n", "SPDXVersion", "not an SPDX 2 document: SPDXVersion is None"),
        (b"SPDXVersion: SPDX-2.3\nPackageName: caf\xe9\n", "line 2", "not UTF-8 text"),
    ],
)
def test_bad_tag_value_is_an_error_naming_the_line(
    tmp_path: Path, text: bytes, location: str, message: str
) -> None:
    path = tmp_path / "doc.spdx"
    path.write_bytes(text)
    with pytest.raises(InventoryError, match=message) as caught:
        TAG_VALUE.parse(path)
    assert caught.value.location == location


def test_tag_value_details(tmp_path: Path) -> None:
    path = tmp_path / "doc.spdx"
    path.write_text(
        "SPDXVersion: SPDX-2.3\r\nSPDXID: SPDXRef-DOCUMENT\r\n"
        "Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-app\r\n"
        "PackageName: app\r\nSPDXID: SPDXRef-app\r\nPackageVersion: NOASSERTION\r\n"
        "# a comment line\r\n"
        "PackageName: requests\r\nSPDXID: SPDXRef-requests\r\nPackageVersion: 2.28.1\r\n"
        "PackageComment: <text>one line</text>\r\n"
        "ExternalRef: PACKAGE_MANAGER purl pkg:pypi/requests@2.28.1\r\n"
        "ExternalRef: SECURITY cpe23Type\r\n"
        "Relationship: SPDXRef-requests DEPENDENCY_OF SPDXRef-app\r\n"
        "Relationship: SPDXRef-app DEPENDS_ON\r\n"
    )
    inventory = TAG_VALUE.parse(path)
    assert sbom_rows(inventory) == [
        ("line 8", "requests", "PyPI", "2.28.1", "pkg:pypi/requests@2.28.1", True, None)
    ]
    assert reasons(inventory) == [
        ("line 13", "ExternalRef: expected 'CATEGORY TYPE LOCATOR'"),
        ("line 15", "Relationship: expected 'ELEMENT TYPE ELEMENT'"),
    ]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {
                "spdxVersion": "SPDX-3.0",
                "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
            },
            "not an SPDX 2 document: spdxVersion is 'SPDX-3.0'",
        ),
        ({"bomFormat": "CycloneDX"}, "not an SPDX 2 document: spdxVersion is None"),
        ([1, 2], "not an SPDX 2 document"),
    ],
)
def test_json_that_is_not_spdx_2_is_an_error(
    tmp_path: Path, document: object, message: str
) -> None:
    path = tmp_path / "doc.spdx.json"
    path.write_bytes(orjson.dumps(document))
    with pytest.raises(InventoryError, match=message):
        JSON.parse(path)


def test_json_entries_of_the_wrong_shape_are_skipped_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "doc.spdx.json"
    purl = {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl"}
    path.write_bytes(
        orjson.dumps(
            {
                "spdxVersion": "SPDX-2.2",
                "SPDXID": "SPDXRef-DOCUMENT",
                "documentDescribes": ["SPDXRef-app"],
                "packages": [
                    "flask",
                    {"SPDXID": "SPDXRef-a", "name": "a", "versionInfo": 1},
                    {"SPDXID": "SPDXRef-b", "name": "b", "externalRefs": {"purl": "pkg:pypi/b@1"}},
                    {"SPDXID": "SPDXRef-c", "name": "c", "externalRefs": [purl]},
                    {
                        "SPDXID": "SPDXRef-d",
                        "name": "d",
                        "externalRefs": [purl | {"referenceLocator": "pkg:pypi/d@1.0"}],
                    },
                ],
                "relationships": [
                    {"spdxElementId": "SPDXRef-app", "relationshipType": "DEPENDS_ON"}
                ],
            }
        )
    )
    inventory = JSON.parse(path)
    # The app DESCRIBED has no package entry, and its one relationship is broken: no graph.
    assert sbom_rows(inventory) == [
        ("packages[4]", "d", "PyPI", "1.0", "pkg:pypi/d@1.0", None, None)
    ]
    assert reasons(inventory) == [
        ("packages[0]", "expected a package object"),
        ("packages[1]", "versionInfo: expected a string, got int"),
        ("packages[2]", "externalRefs: expected a list"),
        ("packages[3]", "externalRefs[0]: expected a referenceType and a referenceLocator"),
        ("relationships[0]", "expected spdxElementId, relationshipType and relatedSpdxElement"),
    ]


def test_a_5000_package_document_parses_whole(tmp_path: Path) -> None:
    packages = [
        {
            "SPDXID": f"SPDXRef-p{i}",
            "name": f"p{i}",
            "versionInfo": f"1.{i}",
            "externalRefs": [
                {
                    "referenceCategory": "PACKAGE-MANAGER",
                    "referenceType": "purl",
                    "referenceLocator": f"pkg:npm/p{i}@1.{i}",
                }
            ],
        }
        for i in range(5000)
    ]
    relationships = [
        {
            "spdxElementId": "SPDXRef-p0",
            "relationshipType": "DEPENDS_ON",
            "relatedSpdxElement": f"SPDXRef-p{i}",
        }
        for i in range(1, 5000)
    ]
    path = tmp_path / "big.spdx.json"
    path.write_bytes(
        orjson.dumps(
            {
                "spdxVersion": "SPDX-2.3",
                "SPDXID": "SPDXRef-DOCUMENT",
                "documentDescribes": ["SPDXRef-p0"],
                "packages": packages,
                "relationships": relationships,
            }
        )
    )
    # its speed is bench/scan_bench.py's to measure, not a timed test's
    inventory = JSON.parse(path)
    assert len(inventory.components) == 5000
    assert sum(bool(c.direct) for c in inventory.components) == 4999


# --- fuzzing --------------------------------------------------------------------------------

TRICKY = st.sampled_from(
    [
        "",
        " ",
        "NOASSERTION",
        "pkg:",
        "pkg:npm/x@1",
        "pkg:maven/x@1",
        "cpe:2.3:",
        "cpe:/a:v:p:1",
        "purl",
        "cpe23Type",
        "SECURITY",
        "PACKAGE-MANAGER",
        "SPDXRef-DOCUMENT",
        "SPDXRef-Package-lab-results-api",
        "DESCRIBES",
        "DEPENDS_ON",
        "DEV_DEPENDENCY_OF",
        "CONTAINS",
        "SPDX-2.3",
        "SPDX-3.0",
        "\u0000",
    ]
)
JSON_VALUES = json_values(
    TRICKY,
    [
        "SPDXID",
        "name",
        "versionInfo",
        "externalRefs",
        "referenceType",
        "referenceLocator",
        "spdxElementId",
        "relationshipType",
        "relatedSpdxElement",
        "packages",
        "x",
    ],
)


DOCUMENT = orjson.loads((SBOMS / "spdx.lab-results-2.3.json").read_bytes())
TAG_VALUE_TEXT = (SBOMS / "spdx.radiology-viewer-2.2.spdx").read_bytes()


@fuzz(300)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 10_000), st.sampled_from(["delete", "replace", "wrap"]), JSON_VALUES
        ),
        min_size=1,
        max_size=5,
    )
)
def test_mutated_json_documents_give_an_error_or_an_inventory(
    steps: list[tuple[int, str, Any]],
) -> None:
    check_sbom(JSON, orjson.dumps(mutate_json(DOCUMENT, steps)))


LINES = st.sampled_from(
    [
        "PackageName: x",
        "SPDXID: SPDXRef-x",
        "PackageVersion: 1.0",
        "FileName: ./a",
        "ExternalRef: PACKAGE-MANAGER purl pkg:npm/x@1",
        "ExternalRef: SECURITY cpe23Type cpe:/a:v:p",
        "Relationship: SPDXRef-Package-radiology-viewer DEPENDS_ON SPDXRef-x",
        "Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-x",
        "PackageComment: <text>open",
        "</text>",
        "SPDXVersion: SPDX-2.3",
        "no colon here",
        "#",
        "",
        ":",
        "PackageName:",
    ]
) | st.text(max_size=20)


@fuzz(300)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.sampled_from(["delete", "insert", "duplicate", "swap"]),
            LINES,
        ),
        min_size=1,
        max_size=6,
    )
)
def test_mutated_tag_value_documents_give_an_error_or_an_inventory(
    steps: list[tuple[int, str, str]],
) -> None:
    lines = TAG_VALUE_TEXT.decode().split("\n")
    for choice, action, line in steps:
        at = choice % (len(lines) + 1)
        if action == "insert":
            lines.insert(at, line)
        elif at < len(lines):
            if action == "delete":
                del lines[at]
            elif action == "duplicate":
                lines.insert(at, lines[at])
            elif at + 1 < len(lines):
                lines[at], lines[at + 1] = lines[at + 1], lines[at]
    check_sbom(TAG_VALUE, "\n".join(lines).encode("utf-8", "surrogatepass"))


@fuzz(200)
@given(
    st.binary(max_size=400),
    st.sampled_from(
        [
            b"",
            b'{"spdxVersion": "SPDX-2.3", "packages": [',
            b"SPDXVersion: SPDX-2.3\n",
            b"SPDXVersion: SPDX-2.2\nPackageName: x\nPackageVersion: <text>",
            b"\xef\xbb\xbf",
        ]
    ),
)
def test_random_bytes_give_an_error_or_an_inventory(data: bytes, prefix: bytes) -> None:
    check_sbom(JSON, prefix + data)
    check_sbom(TAG_VALUE, prefix + data)


@fuzz(200)
@given(st.sampled_from([(SBOMS / "spdx.lab-results-2.3.json").read_bytes(), TAG_VALUE_TEXT]), EDITS)
def test_byte_level_damage_gives_an_error_or_an_inventory(
    data: bytes, edits: list[tuple[int, bytes]]
) -> None:
    check_sbom(JSON, edited(data, edits))
    check_sbom(TAG_VALUE, edited(data, edits))
