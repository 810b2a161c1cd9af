"""CycloneDX 1.2-1.6 SBOMs, JSON and XML: what each fixture yields, named bad inputs, speed,
and fuzzing (only InventoryError or a valid Inventory may come out)."""

from __future__ import annotations

import copy
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from aicc.core.errors import InventoryError
from aicc.inventory import cyclonedx, spdx
from aicc.inventory.cyclonedx import CycloneDxJsonFormat, CycloneDxXmlFormat
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
JSON = CycloneDxJsonFormat()
XML = CycloneDxXmlFormat()


# --- what the fixtures yield ----------------------------------------------------------------


def test_patient_portal_json_14() -> None:
    path = SBOMS / "cyclonedx.patient-portal-1.4.json"
    inventory = JSON.parse(path)
    assert (inventory.source, inventory.format) == (str(path), "cyclonedx-json")
    # The portal itself (metadata.component) has no purl: it is the subject, not a finding.
    assert sbom_rows(inventory) == [
        ("components[0]", "flask", "PyPI", "2.2.2", "pkg:pypi/flask@2.2.2", True, "required"),
        ("components[1]", "jinja2", "PyPI", "3.1.2", "pkg:pypi/jinja2@3.1.2", False, "required"),
        (
            "components[2]",
            "requests",
            "PyPI",
            "2.28.1",
            "pkg:pypi/requests@2.28.1",
            True,
            "required",
        ),
        (
            "components[3]",
            "urllib3",
            "PyPI",
            "1.26.12",
            "pkg:pypi/urllib3@1.26.12",
            False,
            "required",
        ),
        ("components[4]", "pyyaml", "PyPI", "5.3.1", "pkg:pypi/pyyaml@5.3.1", True, "required"),
        ("components[5]", "django", "PyPI", "3.2.10", "pkg:pypi/django@3.2.10", True, "optional"),
        (
            "components[6]",
            "@riverside/portal-frontend",
            "npm",
            "1.8.0",
            "pkg:npm/%40riverside/portal-frontend@1.8.0",
            True,
            "required",
        ),
        (
            "components[6].components[0]",
            "express",
            "npm",
            "4.17.1",
            "pkg:npm/express@4.17.1",
            False,
            None,
        ),
        (
            "components[6].components[0].components[0]",
            "qs",
            "npm",
            "6.7.0",
            "pkg:npm/qs@6.7.0",
            False,
            None,
        ),
        (
            "components[6].components[1]",
            "lodash",
            "npm",
            "4.17.20",
            "pkg:npm/lodash@4.17.20",
            False,
            None,
        ),
        ("components[7]", "pytest", "PyPI", "7.2.0", "pkg:pypi/pytest@7.2.0", True, "excluded"),
    ]
    assert inventory.components[0].bom_ref == "pkg:pypi/flask@2.2.2"
    assert reasons(inventory) == [
        ("components[8]", "portal/static/vendor/chart.min.js: no purl or CPE identifies it")
    ]


def test_firmware_json_16_identifies_components_by_cpe() -> None:
    inventory = JSON.parse(SBOMS / "cyclonedx.firewall-firmware-1.6.json")
    # The device (metadata.component) has a CPE but no version: left out, not skipped.
    assert [
        (c.location, c.name, c.version, c.vendor, c.product, c.cpe, c.purl, c.direct)
        for c in inventory.components
    ] == [
        (
            "components[0]",
            "PAN-OS",
            "10.2.3",
            "paloaltonetworks",
            "pan-os",
            "cpe:2.3:o:paloaltonetworks:pan-os:10.2.3:*:*:*:*:*:*:*",
            None,
            True,
        ),
        (
            "components[0].components[0]",
            "Linux kernel",
            "4.18.0",
            "linux",
            "linux_kernel",
            "cpe:2.3:o:linux:linux_kernel:4.18.0:*:*:*:*:*:*:*",
            None,
            False,
        ),
        # A purl without an OSV ecosystem makes a package with no ecosystem; the CPE stays.
        (
            "components[0].components[1]",
            "openssl",
            "1.0.2k",
            None,
            None,
            "cpe:2.3:a:openssl:openssl:1.0.2k:*:*:*:*:*:*:*",
            "pkg:generic/openssl@1.0.2k",
            False,
        ),
        # A CPE 2.2 URI is rebound to CPE 2.3.
        (
            "components[1]",
            "BIND",
            "9.11.4",
            "isc",
            "bind",
            "cpe:2.3:a:isc:bind:9.11.4:*:*:*:*:*:*:*",
            None,
            False,
        ),
    ]
    assert not any(c.is_package for c in inventory.components)
    assert reasons(inventory) == [
        ("components[0].components[2]", "GlobalProtect portal: no purl or CPE identifies it")
    ]


def test_billing_service_xml_15() -> None:
    path = SBOMS / "cyclonedx.billing-service-1.5.xml"
    inventory = XML.parse(path)
    assert inventory.format == "cyclonedx-xml"
    # The service carries a purl and a version, so it is itself a component (direct: None).
    assert sbom_rows(inventory) == [
        (
            "/bom/metadata/component",
            "org.riverside.clinic:billing-service",
            "Maven",
            "2.4.0",
            "pkg:maven/org.riverside.clinic/billing-service@2.4.0?type=jar",
            None,
            None,
        ),
        (
            "/bom/components/component[1]",
            "org.apache.logging.log4j:log4j-core",
            "Maven",
            "2.14.1",
            "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar",
            True,
            "required",
        ),
        (
            "/bom/components/component[2]",
            "org.apache.logging.log4j:log4j-api",
            "Maven",
            "2.14.1",
            "pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1?type=jar",
            False,
            "required",
        ),
        (
            "/bom/components/component[3]",
            "org.springframework.boot:spring-boot-starter-web",
            "Maven",
            "2.6.5",
            "pkg:maven/org.springframework.boot/spring-boot-starter-web@2.6.5?type=jar",
            True,
            "required",
        ),
        (
            "/bom/components/component[3]/components/component[1]",
            "org.springframework:spring-webmvc",
            "Maven",
            "5.3.17",
            "pkg:maven/org.springframework/spring-webmvc@5.3.17?type=jar",
            False,
            None,
        ),
        (
            "/bom/components/component[3]/components/component[2]",
            "com.fasterxml.jackson.core:jackson-databind",
            "Maven",
            "2.13.2",
            "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.2?type=jar",
            False,
            None,
        ),
        (
            "/bom/components/component[4]",
            "org.yaml:snakeyaml",
            "Maven",
            "1.33",
            "pkg:maven/org.yaml/snakeyaml@1.33?type=jar",
            True,
            "optional",
        ),
    ]
    assert inventory.skipped == []


def test_imaging_gateway_xml_12_has_distribution_packages_and_no_graph() -> None:
    inventory = XML.parse(SBOMS / "cyclonedx.imaging-gateway-1.2.xml")
    # No dependencies element: the file does not say what is direct.
    assert sbom_rows(inventory) == [
        (
            "/bom/components/component[1]",
            "openssl",
            "Debian:11",
            "1.1.1n-0+deb11u3",
            "pkg:deb/debian/libssl1.1@1.1.1n-0%2Bdeb11u3?arch=amd64&distro=debian-11"
            "&upstream=openssl",
            None,
            None,
        ),
        (
            "/bom/components/component[2]",
            "curl",
            "Debian:11",
            "7.74.0-1.3+deb11u3",
            "pkg:deb/debian/curl@7.74.0-1.3%2Bdeb11u3?arch=amd64&distro=debian-11",
            None,
            None,
        ),
        (
            "/bom/components/component[3]",
            "zlib",
            "Debian:11",
            "1:1.2.11.dfsg-2+deb11u2",
            "pkg:deb/debian/zlib1g@1:1.2.11.dfsg-2%2Bdeb11u2?arch=amd64&distro=debian-11"
            "&upstream=zlib",
            None,
            None,
        ),
        (
            "/bom/components/component[4]",
            "github.com/gin-gonic/gin",
            "Go",
            "1.7.0",
            "pkg:golang/github.com/gin-gonic/gin@v1.7.0",
            None,
            None,
        ),
        (
            "/bom/components/component[5]",
            "tzdata",
            "Debian:11",
            "2021a-1+deb11u8",
            "pkg:deb/debian/tzdata@2021a-1%2Bdeb11u8?arch=all&distro=bullseye",
            None,
            None,
        ),
    ]
    libssl = inventory.components[0]
    assert libssl.notes == "binary package libssl1.1"
    assert libssl.cpe == "cpe:2.3:a:libssl1.1:libssl1.1:1.1.1n-0\\+deb11u3:*:*:*:*:*:*:*"


# --- named bad inputs -----------------------------------------------------------------------


def test_components_without_a_version_are_skipped() -> None:
    inventory = JSON.parse(SBOMS / "cyclonedx.missing-version.json")
    assert [c.name for c in inventory.components] == ["celery"]
    assert reasons(inventory) == [
        ("components[1]", "redis: no version, so it cannot be matched to advisories"),
        ("components[2]", "kombu: no version, so it cannot be matched to advisories"),
    ]
    assert str(inventory.skipped[0]).startswith(
        f"{SBOMS / 'cyclonedx.missing-version.json'}: components[1]: redis"
    )


def test_invalid_purls_are_skipped_unless_a_cpe_identifies_the_component() -> None:
    inventory = JSON.parse(SBOMS / "cyclonedx.invalid-purl.json")
    assert reasons(inventory) == [
        (
            "components[0]",
            "log4j-core: invalid purl 'pkg:maven/log4j-core@2.14.1': a maven purl "
            "needs a namespace",
        ),
        (
            "components[1]",
            "flask: invalid purl 'flask==2.2.2': purl is missing the required "
            "\"pkg\" scheme component: 'flask==2.2.2'.",
        ),
    ]
    openssl, urllib3 = inventory.components
    assert (openssl.location, openssl.cpe, openssl.ecosystem) == (
        "components[2]",
        "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*",
        None,
    )
    assert openssl.notes and openssl.notes.startswith("purl ignored: invalid purl 'pkg:/openssl")
    assert (urllib3.name, urllib3.ecosystem) == ("urllib3", "PyPI")


@pytest.mark.parametrize(
    ("name", "location", "message"),
    [
        ("cyclonedx.truncated.json", "line 50, column 7", "not valid JSON: unexpected end of data"),
        ("cyclonedx.xxe.xml", "line 2", "refused: the XML declares a DTD"),
        ("cyclonedx.billion-laughs.xml", "line 2", "refused: the XML declares a DTD"),
        (
            "cyclonedx.mismatched-tag.xml",
            "line 7, column 37",
            "not well-formed XML: mismatched tag",
        ),
    ],
)
def test_unreadable_files_are_an_error_naming_the_file_and_place(
    name: str, location: str, message: str
) -> None:
    path = SBOMS / name
    fmt = JSON if name.endswith(".json") else XML
    with pytest.raises(InventoryError) as caught:
        fmt.parse(path)
    assert (caught.value.path, caught.value.location) == (str(path), location)
    assert caught.value.message.startswith(message)
    assert str(caught.value).startswith(f"{path}: {location}: ")


@pytest.mark.parametrize(
    ("truncated", "whole", "size"),
    [
        ("cyclonedx.truncated.json", "cyclonedx.patient-portal-1.4.json", 1500),
        ("spdx.truncated.json", "spdx.lab-results-2.3.json", 2000),
    ],
)
def test_truncated_fixtures_are_the_start_of_a_good_one(
    truncated: str, whole: str, size: int
) -> None:
    assert (SBOMS / truncated).read_bytes() == (SBOMS / whole).read_bytes()[:size]


def test_an_external_entity_is_never_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("patient-ssn-123-45-6789")
    bom = tmp_path / "bom.xml"
    bom.write_text(
        (SBOMS / "cyclonedx.xxe.xml").read_text().replace("file:///etc/passwd", secret.as_uri())
    )
    with pytest.raises(InventoryError) as caught:
        XML.parse(bom)
    assert "patient-ssn" not in str(caught.value)


@pytest.mark.parametrize(
    ("document", "location", "message"),
    [
        ({"bomFormat": "SPDX", "specVersion": "1.4"}, "bomFormat", "not a CycloneDX BOM"),
        ([], "bomFormat", "not a CycloneDX BOM"),
        ({"bomFormat": "CycloneDX", "specVersion": "1.1"}, "specVersion", "unsupported CycloneDX"),
        ({"bomFormat": "CycloneDX"}, "specVersion", "unsupported CycloneDX specVersion None"),
    ],
)
def test_json_that_is_not_cyclonedx_is_an_error(
    tmp_path: Path, document: object, location: str, message: str
) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(orjson.dumps(document))
    with pytest.raises(InventoryError, match=message) as caught:
        JSON.parse(path)
    assert caught.value.location == location


def test_xml_of_another_namespace_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bom.xml"
    path.write_text('<bom xmlns="http://cyclonedx.org/schema/bom/1.1" version="1"/>')
    with pytest.raises(InventoryError, match=r"not a CycloneDX 1\.2\+ BOM"):
        XML.parse(path)


def test_entries_of_the_wrong_shape_are_skipped_and_the_rest_kept(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(
        orjson.dumps(
            {
                "bomFormat": "CycloneDX",
                "specVersion": "1.5",
                "metadata": {"component": {"bom-ref": "app", "name": "app"}},
                "components": [
                    "pkg:pypi/flask@2.2.2",
                    {"name": "flask", "version": 2.2, "purl": "pkg:pypi/flask"},
                    {"name": "jinja2", "purl": "pkg:pypi/jinja2@3.1.2", "components": {"x": 1}},
                ],
                "dependencies": [{"ref": "app", "dependsOn": ["pkg:pypi/jinja2@3.1.2"]}, "app"],
            }
        )
    )
    inventory = JSON.parse(path)
    assert [c.name for c in inventory.components] == ["jinja2"]
    assert reasons(inventory) == [
        ("components[0]", "expected a component object"),
        ("components[2].components", "expected a list of components"),
        ("dependencies[1]", "expected a 'ref' and a 'dependsOn' list"),
        ("components[1]", "version: expected a string, got float"),
    ]


# --- recognising the formats ----------------------------------------------------------------

FORMATS = (*cyclonedx.FORMATS, *spdx.FORMATS)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("cyclonedx.patient-portal-1.4.json", "cyclonedx-json"),
        ("cyclonedx.firewall-firmware-1.6.json", "cyclonedx-json"),
        ("cyclonedx.billing-service-1.5.xml", "cyclonedx-xml"),
        ("cyclonedx.imaging-gateway-1.2.xml", "cyclonedx-xml"),
        ("cyclonedx.xxe.xml", "cyclonedx-xml"),
        ("cyclonedx.truncated.json", "cyclonedx-json"),
        ("spdx.lab-results-2.3.json", "spdx-json"),
        ("spdx.radiology-viewer-2.2.spdx", "spdx-tag-value"),
    ],
)
def test_each_file_is_accepted_by_its_format_only(name: str, expected: str) -> None:
    path = SBOMS / name
    head = path.read_bytes()[:4096]
    assert [f.name for f in FORMATS if f.accepts(path, head)] == [expected]


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("package.json", b'{"name": "portal", "dependencies": {"bomFormat": "1.0"}}'),
        ("bom.xml", b'<?xml version="1.0"?><project xmlns="http://maven.apache.org/POM/4.0.0">'),
        ("notes.txt", b"bomFormat CycloneDX"),
    ],
)
def test_other_files_are_not_accepted(name: str, head: bytes) -> None:
    assert not any(f.accepts(Path(name), head) for f in cyclonedx.FORMATS)


# --- speed ----------------------------------------------------------------------------------

ECOSYSTEM_PURLS = [
    "pkg:pypi/package-{i}@1.{i}.0",
    "pkg:npm/%40scope/package-{i}@4.{i}.1",
    "pkg:maven/org.example.group{i}/artifact-{i}@2.{i}.3?type=jar",
    "pkg:golang/github.com/acme/module-{i}@v0.{i}.2",
    "pkg:deb/debian/libpackage{i}@1.{i}-1%2Bdeb12u1?arch=amd64&distro=debian-12",
]


def big_bom(count: int) -> dict[str, Any]:
    """A CycloneDX 1.5 BOM of ``count`` components, a tenth of them nested one level down."""
    components: list[dict[str, Any]] = []
    for i in range(count):
        purl = ECOSYSTEM_PURLS[i % len(ECOSYSTEM_PURLS)].format(i=i)
        component = {
            "type": "library",
            "bom-ref": purl,
            "name": f"package-{i}",
            "version": f"1.{i}.0",
            "purl": purl,
            "scope": "required",
            "hashes": [{"alg": "SHA-256", "content": f"{i:064x}"}],
        }
        if i % 10 and components:
            components[-1].setdefault("components", []).append(component)
        else:
            components.append(component)
    return {
        "bomFormat": "CycloneDX",
        "specVersion": "1.5",
        "version": 1,
        "metadata": {"component": {"type": "application", "bom-ref": "app", "name": "app"}},
        "components": components,
        "dependencies": [{"ref": "app", "dependsOn": [c["bom-ref"] for c in components]}],
    }


def to_xml(document: dict[str, Any]) -> bytes:
    ns = "http://cyclonedx.org/schema/bom/1.5"
    root = ET.Element("bom", {"xmlns": ns, "version": "1"})
    metadata = ET.SubElement(root, "metadata")
    ET.SubElement(metadata, "component", {"type": "application", "bom-ref": "app"})

    def add(parent: ET.Element, component: dict[str, Any]) -> None:
        element = ET.SubElement(
            parent, "component", {"type": component["type"], "bom-ref": component["bom-ref"]}
        )
        for key in ("name", "version", "scope", "purl"):
            ET.SubElement(element, key).text = component[key]
        if "components" in component:
            nested = ET.SubElement(element, "components")
            for child in component["components"]:
                add(nested, child)

    components = ET.SubElement(root, "components")
    for component in document["components"]:
        add(components, component)
    dependencies = ET.SubElement(root, "dependencies")
    for dependency in document["dependencies"]:
        element = ET.SubElement(dependencies, "dependency", {"ref": dependency["ref"]})
        for ref in dependency["dependsOn"]:
            ET.SubElement(element, "dependency", {"ref": ref})
    return bytes(ET.tostring(root, xml_declaration=True, encoding="utf-8"))


@pytest.mark.parametrize("encoding", ["json", "xml"])
def test_a_5000_component_bom_parses_whole(tmp_path: Path, encoding: str) -> None:
    document = big_bom(5000)
    path = tmp_path / f"bom.{encoding}"
    path.write_bytes(orjson.dumps(document) if encoding == "json" else to_xml(document))
    fmt = JSON if encoding == "json" else XML
    # its speed is bench/scan_bench.py's to measure, not a timed test's
    inventory = fmt.parse(path)
    assert len(inventory.components) == 5000 and not inventory.skipped
    assert sum(bool(c.direct) for c in inventory.components) == 500


# --- fuzzing --------------------------------------------------------------------------------

TRICKY = st.sampled_from(
    [
        "",
        " ",
        "pkg:",
        "pkg:pypi/",
        "pkg:pypi/x@",
        "pkg:maven/x@1",
        "pkg:npm/%40/x@1",
        "pkg:a b/c",
        "pkg:deb/debian/x@1?distro=debian-",
        "pkg:golang/v@v",
        "cpe:2.3:",
        "cpe:/a",
        "cpe:/a:v:p",
        "cpe:2.3:a:*:*:*:*:*:*:*:*:*:*",
        "CycloneDX",
        "1.1",
        "1.6",
        "required",
        "app",
        "\u0000",
        "\ud7ff",
        "pkg:pypi/flask@2.2.2",
        "cpe:2.3:o:v:p:1:*:*:*:*:*:*:*",
    ]
)
JSON_VALUES = json_values(
    TRICKY,
    [
        "name",
        "version",
        "purl",
        "cpe",
        "bom-ref",
        "ref",
        "dependsOn",
        "components",
        "scope",
        "component",
        "x",
    ],
)
STEPS = st.lists(
    st.tuples(
        st.integers(0, 10_000),
        st.sampled_from(["delete", "replace", "wrap", "duplicate"]),
        JSON_VALUES,
    ),
    min_size=1,
    max_size=5,
)


JSON_FIXTURES = [
    orjson.loads((SBOMS / name).read_bytes())
    for name in (
        "cyclonedx.patient-portal-1.4.json",
        "cyclonedx.firewall-firmware-1.6.json",
        "cyclonedx.missing-version.json",
        "cyclonedx.invalid-purl.json",
    )
]
XML_FIXTURES = [
    (SBOMS / name).read_bytes()
    for name in ("cyclonedx.billing-service-1.5.xml", "cyclonedx.imaging-gateway-1.2.xml")
]


@fuzz(200)
@given(
    st.binary(max_size=400),
    st.sampled_from(
        [
            b"",
            b'{"bomFormat": "CycloneDX", "specVersion": "1.5", ',
            b'<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5">',
            b"\xef\xbb\xbf{",
            b"<!DOCTYPE bom [",
            b"\xff\xfe<\x00b\x00",
        ]
    ),
)
def test_random_bytes_give_an_error_or_an_inventory(data: bytes, prefix: bytes) -> None:
    check_sbom(JSON, prefix + data)
    check_sbom(XML, prefix + data)


@fuzz(300)
@given(st.sampled_from(JSON_FIXTURES), STEPS)
def test_mutated_json_boms_give_an_error_or_an_inventory(
    document: Any, steps: list[tuple[int, str, Any]]
) -> None:
    check_sbom(JSON, orjson.dumps(mutate_json(document, steps)))


XML_TEXTS = st.sampled_from(
    ["", " ", "pkg:maven/x@1", "pkg:pypi/a@1", "cpe:/a:v:p:1", "required", "&amp;", "1.0"]
) | st.text(max_size=10)


@fuzz(300)
@given(
    st.sampled_from(XML_FIXTURES),
    st.lists(
        st.tuples(
            st.integers(0, 10_000),
            st.sampled_from(["delete", "text", "attribute", "duplicate", "tag"]),
            XML_TEXTS,
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_mutated_xml_boms_give_an_error_or_an_inventory(
    data: bytes, steps: list[tuple[int, str, str]]
) -> None:
    root = ET.fromstring(data)  # a trusted fixture
    for choice, action, text in steps:
        pairs = [(parent, child) for parent in root.iter() for child in parent]
        if not pairs:
            break
        parent, element = pairs[choice % len(pairs)]
        if action == "delete":
            parent.remove(element)
        elif action == "text":
            element.text = "".join(c for c in text if c.isprintable())
        elif action == "attribute":
            element.set(["bom-ref", "ref", "type"][choice % 3], text.replace("\x00", ""))
        elif action == "duplicate":
            parent.append(copy.deepcopy(element))
        else:
            element.tag = root.tag.replace(
                "bom", ["component", "components", "purl", "x"][choice % 4]
            )
    check_sbom(XML, ET.tostring(root))


@fuzz(200)
@given(
    st.sampled_from([(SBOMS / "cyclonedx.patient-portal-1.4.json").read_bytes(), *XML_FIXTURES]),
    EDITS,
)
def test_byte_level_damage_gives_an_error_or_an_inventory(
    data: bytes, edits: list[tuple[int, bytes]]
) -> None:
    check_sbom(JSON, edited(data, edits))
    check_sbom(XML, edited(data, edits))
