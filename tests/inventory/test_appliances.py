"""The appliance CSV: what a rural hospital runs, by vendor, product, version and CPE."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aicc.core.components import EXPOSURES, Component
from aicc.core.errors import InventoryError
from aicc.core.problems import Problem
from aicc.inventory.appliances import FORMATS, ApplianceCsvFormat
from tests.inventory.helpers import INVENTORIES, damaged, fuzz, parse_bytes

APPLIANCES = INVENTORIES / "appliances"
HEADER = "name,vendor,product,version,cpe,exposure,notes\n"
NEEDS_ALL = (
    "a product (product, name, model, software or application); "
    "a version (version, firmware, fw, software version or release) or cpe; "
    "a vendor (vendor, manufacturer, make or publisher) or cpe"
)


def parse_text(tmp_path: Path, text: str) -> tuple[list[Component], list[Problem]]:
    path = tmp_path / "appliances.csv"
    path.write_text(text)
    inventory = ApplianceCsvFormat().parse(path)
    return inventory.components, inventory.skipped


def test_a_rural_hospitals_appliances() -> None:
    path = APPLIANCES / "appliances.csv"
    inventory = ApplianceCsvFormat().parse(path)
    source = str(path)
    assert inventory.components == [
        Component(
            "Edge firewall",
            "10.2.7",
            source,
            vendor="Palo Alto Networks",
            product="PAN-OS",
            cpe="cpe:2.3:o:paloaltonetworks:pan-os:10.2.7:*:*:*:*:*:*:*",
            location="line 2",
            exposure="open",
            notes="PA-440 at the main site; GlobalProtect portal enabled",
        ),
        Component(
            "Remote access VPN",
            "22.3R1",
            source,
            vendor="Ivanti",
            product="Connect Secure",
            cpe="cpe:2.3:a:ivanti:connect_secure:22.3:r1:*:*:*:*:*:*",
            location="line 3",
            exposure="open",
            notes="Staff and vendor remote access",
        ),
        Component(
            "Clinic firewall",
            "7.0.12",
            source,
            vendor="fortinet",
            product="fortios",
            cpe="cpe:2.3:o:fortinet:fortios:7.0.12:*:*:*:*:*:*:*",
            location="line 4",
            exposure="controlled",
            notes="FortiGate 60F at the Millbrook clinic",
        ),
        Component(
            "PACS imaging server",
            "8.1.2",
            source,
            vendor="Agfa HealthCare",
            product="Enterprise Imaging",
            location="line 5",
            exposure="small",
            notes="Radiology only, no internet route; vendor-managed",
        ),
        Component(
            "Patient portal load balancer",
            "13.1-48.47",
            source,
            vendor="Citrix",
            product="NetScaler ADC",
            cpe="cpe:2.3:a:citrix:netscaler_application_delivery_controller:"
            "13.1-48.47:*:*:*:*:*:*:*",
            location="line 6",
            exposure="open",
            notes='Fronts the "MyChart" portal',
        ),
    ]
    assert inventory.skipped == [] and inventory.notes == []  # its own column names
    assert inventory.format == "appliance-csv"
    assert not any(c.is_package or c.purl for c in inventory.components)


def test_a_bad_exposure_is_skipped_with_its_line() -> None:
    path = APPLIANCES / "appliances.bad-exposure.csv"
    inventory = ApplianceCsvFormat().parse(path)
    assert [c.name for c in inventory.components] == ["Edge firewall"]
    assert inventory.skipped == [
        Problem(
            "inventory",
            str(path),
            "line 3",
            "Remote access VPN: exposure must be one of open, controlled, small, "
            "not 'internet-facing'",
        )
    ]


def test_rows_without_version_or_with_a_bad_cpe_are_skipped() -> None:
    path = APPLIANCES / "appliances.bad-rows.csv"
    inventory = ApplianceCsvFormat().parse(path)
    assert inventory.components == []
    assert [(s.location, s.reason) for s in inventory.skipped] == [
        (
            "line 2",
            "Clinic firewall: not a CPE 2.3 formatted string: 'cpe:/o:fortinet:fortios:7.0.12'",
        ),
        ("line 3", "Nurse call system: no version"),
        ("line 4", "Badge printer: no version"),  # the CPE's version is NA ("-")
        (
            "line 5",
            "EHR interface engine: a CPE 2.3 string has 11 attributes, got 4: "
            "'cpe:2.3:a:nextgen:mirth_connect:4.4.0'",
        ),
    ]


def test_no_header_raises_naming_the_first_line() -> None:
    path = APPLIANCES / "appliances.no-header.csv"
    with pytest.raises(InventoryError) as caught:
        ApplianceCsvFormat().parse(path)
    assert (caught.value.path, caught.value.location, caught.value.message) == (
        str(path),
        "line 1",
        f"the header must name {NEEDS_ALL}; it names the columns 'Edge firewall', "
        "'Palo Alto Networks', 'PAN-OS', '10.2.7', 'open'",
    )


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # the CPE gives what the columns leave out, without its escapes
        (
            ",,,,cpe:2.3:o:cisco:ios\\_xe:17.9.4a:*:*:*:*:*:*:*,open,",
            ("ios_xe", "cisco", "ios_xe", "17.9.4a", "open"),
        ),
        (
            "Core switch,,,,cpe:2.3:o:cisco:ios_xe:17.9.4a:*:*:*:*:*:*:*,,",
            ("Core switch", "cisco", "ios_xe", "17.9.4a", "controlled"),
        ),
        # the columns win over the CPE, as written
        (
            "VPN,Ivanti,Connect Secure,22.3R1,cpe:2.3:a:ivanti:connect_secure:22.3:r1:*:*:*:*:*:*,"
            "SMALL,",
            ("VPN", "Ivanti", "Connect Secure", "22.3R1", "small"),
        ),
        (
            " Lab analyser , Beckman Coulter , DxH 900 , 3.0.2 ,,  controlled  ,",
            ("Lab analyser", "Beckman Coulter", "DxH 900", "3.0.2", "controlled"),
        ),
        ("Fax server,,,2.1", ("Fax server", None, None, "2.1", "controlled")),  # cells missing
    ],
)
def test_rows(
    tmp_path: Path, row: str, expected: tuple[str, str | None, str | None, str, str]
) -> None:
    [component], skipped = parse_text(tmp_path, HEADER + row + "\n")
    assert skipped == []
    assert (
        component.name,
        component.vendor,
        component.product,
        component.version,
        component.exposure,
    ) == expected


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (
            "Printer,HP,LaserJet,1.0,cpe:2.3:x:hp:laserjet:1.0:*:*:*:*:*:*:*,,",
            "Printer: a CPE's part is a, o or h, not 'x'",
        ),
        (",,,1.0,,,a row naming nothing", "no name, product or CPE"),
        (
            "Door controller,HID,VertX,1.0,,exposed,",
            "Door controller: exposure must be one of open, controlled, small, not 'exposed'",
        ),
    ],
)
def test_bad_rows_are_skipped(tmp_path: Path, row: str, reason: str) -> None:
    components, skipped = parse_text(tmp_path, HEADER + row + "\n")
    assert components == [] and [(s.location, s.reason) for s in skipped] == [("line 2", reason)]


def test_a_quoted_field_over_several_lines_keeps_line_numbers_right(tmp_path: Path) -> None:
    components, skipped = parse_text(
        tmp_path,
        (
            HEADER + 'PACS,Agfa,Enterprise Imaging,8.1.2,,small,"two\nline notes"\n\n'
            "Firewall,Fortinet,FortiOS,7.0.12,,,\nNurse call,Rauland,Responder 5,,,,\n"
        ),
    )
    assert [(c.name, c.location, c.notes) for c in components] == [
        ("PACS", "line 2", "two\nline notes"),
        ("Firewall", "line 5", None),
    ]
    assert [s.location for s in skipped] == ["line 6"]


def test_spreadsheet_exports_are_read(tmp_path: Path) -> None:
    """Excel on Western-European Windows: Windows-1252, semicolons, CRLF, a mixed-case header."""
    path = tmp_path / "Inventaire.csv"
    path.write_bytes(
        "Name;Vendor;Product;Version;Exposure;Lieu\r\n"
        "Pare-feu clinique;Fortinet;FortiOS;7.0.12;open;Clinique Saint-Rémi\r\n".encode("cp1252")
    )
    [component] = ApplianceCsvFormat().parse(path).components
    assert (component.name, component.version, component.exposure) == (
        "Pare-feu clinique",
        "7.0.12",
        "open",
    )


@pytest.mark.parametrize(
    ("blob", "location", "message"),
    [
        (
            b"name,vendor,product,version\n\x81\x8d\x8f\n",
            "line 2",
            "not UTF-8 or Windows-1252 text",
        ),
        (
            b"name,vendor,product\nFirewall,Fortinet,FortiOS\n",
            "line 1",
            "the header must name a version (version, firmware, fw, software version or "
            "release) or cpe; it names the columns 'name', 'vendor', 'product'",
        ),
        (b"", "line 1", f"the header must name {NEEDS_ALL}; it names no column"),
        (
            b"name,vendor,product,version\na,b,c,1\n" + b'd,e,f,"' + b"x" * 200_000 + b'"\n',
            "line 3",
            "not CSV: field larger than field limit (131072)",
        ),
    ],
)
def test_what_is_no_appliance_csv_raises(
    tmp_path: Path, blob: bytes, location: str, message: str
) -> None:
    path = tmp_path / "appliances.csv"
    path.write_bytes(blob)
    with pytest.raises(InventoryError) as caught:
        ApplianceCsvFormat().parse(path)
    assert (caught.value.path, caught.value.location, caught.value.message) == (
        str(path),
        location,
        message,
    )


@pytest.mark.parametrize(
    ("name", "head", "accepted"),
    [
        ("appliances.csv", b"\xef\xbb\xbfName,Vendor,Product,Version,CPE\r\n", True),
        ("Appliances.CSV", b"vendor,product,name,version\n", True),
        ("inventory.csv", b"name;vendor;product;version;exposure\n", True),
        ("epss.csv", b"cve,epss,percentile\n", False),
        ("appliances.txt", b"name,vendor,product,version\n", False),
        ("appliances.csv", b"\xff\xfe", False),
    ],
)
def test_a_csv_is_claimed_by_its_header(name: str, head: bytes, accepted: bool) -> None:
    assert [f.accepts(Path("/srv") / name, head) for f in FORMATS] == [accepted]


# --- fuzzing: only InventoryError or a valid Inventory --------------------------------------

SEED = (APPLIANCES / "appliances.csv").read_bytes()
CELLS = st.sampled_from(
    [
        "",
        " ",
        "open",
        "OPEN",
        "small",
        "exposed",
        "10.2.7",
        "-",
        "*",
        "cpe:2.3:",
        "cpe:2.3:o:fortinet:fortios:7.0.12:*:*:*:*:*:*:*",
        "cpe:2.3:a:x\\",
        "cpe:2.3:" + ":" * 10,
        '"',
        "\n",
        "a,b",
        "Ω",
        "\x00",
    ]
) | st.text(max_size=10)
FUZZ = fuzz(100)


def parsed_or_refused(blob: bytes) -> None:
    path, result = parse_bytes(ApplianceCsvFormat(), "appliances.csv", blob)
    if isinstance(result, InventoryError):
        assert result.path == path and result.location
        return
    for component in result.components:
        assert component.version and component.name and component.ecosystem is None
        assert component.exposure in EXPOSURES
        assert component.location and component.location.startswith("line ")
    assert all(s.location and s.location.startswith("line ") for s in result.skipped)


@FUZZ
@given(blob=st.binary(max_size=300) | damaged(SEED))
def test_any_bytes_give_an_inventory_or_inventory_error(blob: bytes) -> None:
    parsed_or_refused(blob)


@FUZZ
@given(rows=st.lists(st.lists(CELLS, max_size=9), max_size=6))
def test_any_rows_under_a_good_header_give_components_or_skipped(rows: list[list[str]]) -> None:
    out = io.StringIO()
    csv.writer(out).writerows(
        [["name", "vendor", "product", "version", "cpe", "exposure", "notes"], *rows]
    )
    parsed_or_refused(out.getvalue().encode())


def test_asset_class_and_safety_critical_columns(tmp_path: Path) -> None:
    path = tmp_path / "assets.csv"
    path.write_text(
        "name,vendor,product,version,asset_class,safety_critical\n"
        "Infusion pump,Baxter,Sigma Spectrum,8.01,medical-device,yes\n"
        "Printer,HP,LaserJet,1.0,,\n"
        "Bad,HP,LaserJet,1.0,office,maybe\n"
    )
    inventory = ApplianceCsvFormat().parse(path)
    pump, printer = inventory.components
    assert (pump.asset_class, pump.safety_critical) == ("medical-device", True)
    assert (printer.asset_class, printer.safety_critical) == (None, False)
    assert inventory.skipped[0].location == "line 4"
    assert "safety_critical must be yes or no" in inventory.skipped[0].reason


@pytest.mark.parametrize(
    ("vendor", "product", "expected"),
    [
        ("Cisco", "Cisco IOS XE Software", "Cisco IOS XE Software"),
        ("Microsoft", "Microsoft Exchange Server", "Microsoft Exchange Server"),
        ("Palo Alto Networks", "PAN-OS", "Palo Alto Networks PAN-OS"),
        ("Fortinet", "fortinet", "fortinet"),
        (None, "FortiOS", "FortiOS"),
        ("Ivanti", "Ivantiport", "Ivanti Ivantiport"),  # a prefix of a word is no repeat
        # the vendor's first word starts the product: said once (issue 11)
        ("Cisco Systems", "Cisco IOS XE Software", "Cisco IOS XE Software"),
        ("Apache Software Foundation", "Apache Tomcat", "Apache Tomcat"),
        ("Microsoft Corporation", "Exchange Server", "Microsoft Corporation Exchange Server"),
        ("Cisco Systems", "Ciscoworks", "Cisco Systems Ciscoworks"),
    ],
)
def test_a_vendor_named_in_the_product_is_said_once(
    vendor: str | None, product: str, expected: str
) -> None:
    component = Component(name="x", version="1", source="a.csv", vendor=vendor, product=product)
    assert component.product_name == expected
