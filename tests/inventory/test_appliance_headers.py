"""The appliance CSV read from the asset lists people already keep: their headers are matched to
the appliance columns by the usual spellings, and the inventory says how it read them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aicc.core.components import EXPOSURES
from aicc.core.errors import InventoryError
from aicc.inventory.appliances import ALIASES, FORMATS, ApplianceCsvFormat
from aicc.inventory.registry import format_of
from tests.inventory.helpers import INVENTORIES, fuzz, parse_bytes, reasons, refusal, write

ASSET_LIST = INVENTORIES / "appliances" / "asset-list.csv"
CSV = ApplianceCsvFormat()


def test_a_hospital_asset_list_as_it_is_kept() -> None:
    """Biomedical engineering's spreadsheet: Excel's UTF-8 with BOM and CRLF, an asset tag,
    a room and a serial number beside what matters, a row without firmware."""
    inventory = CSV.parse(ASSET_LIST)
    rows = [
        (c.location, c.name, c.vendor, c.product, c.version, c.host, c.platform, c.notes)
        for c in inventory.components
    ]
    assert rows == [
        (
            "line 2",
            "ICU-PUMP-07",
            "Baxter",
            "Sigma Spectrum",
            "8.01.01",
            "ICU-PUMP-07",
            None,
            "IP address 10.30.4.17",
        ),
        (
            "line 3",
            "PACS-01",
            "Agfa HealthCare",
            "Enterprise Imaging",
            "8.1.2",
            "PACS-01",
            "windows",
            "IP address 10.30.6.10",
        ),
        (
            "line 4",
            "FW-MAIN",
            "Palo Alto Networks",
            "PAN-OS",
            "10.2.7",
            "FW-MAIN",
            "pan-os",  # no family it knows: kept, lower-cased
            "IP address 10.30.0.1",
        ),
        # no hostname: the address names the device
        (
            "line 5",
            "10.30.5.40",
            "Philips",
            "IntelliVue MX450",
            "M.00.03",
            "10.30.5.40",
            None,
            None,
        ),
        (
            "line 7",
            "MRI-CONSOLE",
            "Siemens Healthineers",
            "MAGNETOM Vida",
            "XA50",
            "MRI-CONSOLE",
            "windows",
            "IP address 10.30.6.31",
        ),
        (
            "line 8",
            "lab-lims-01",
            "Orchard Software",
            "Harvest LIS",
            "12.3",
            "lab-lims-01",
            "linux",
            "IP address 10.30.7.9",
        ),
    ]
    assert reasons(inventory) == [("line 6", "LAB-ANALYZER: no version")]
    assert inventory.notes == [
        "read column 'Manufacturer' as vendor, 'Model' as product, 'Firmware' as version, "
        "'Hostname' as host (and as name: there is no name column), "
        "'IP Address' as host where 'Hostname' is empty, 'OS' as platform; "
        "ignored 'Asset Tag', 'Location', 'Serial Number'"
    ]
    assert all(c.exposure == "controlled" and c.cpe is None for c in inventory.components)
    assert isinstance(format_of(ASSET_LIST), ApplianceCsvFormat)


def test_a_semicolon_export_with_spaced_headers(tmp_path: Path) -> None:
    """A European Excel's export: semicolons, Windows-1252, headers with spaces and case."""
    path = write(
        tmp_path,
        "Geräteliste.csv",
        (
            "Device Name;Vendor Name;Product Name;Software Version;Operating System;Standort\r\n"
            "PORTAIL-PATIENT;Citrix;NetScaler ADC;13.1-48.47;;Salle serveurs\r\n"
            "POSTE-RADIO;Agfa;NX;23.0.1;Windows 11 Pro;Radiologie\r\n"
        ).encode("cp1252"),
    )
    inventory = CSV.parse(path)
    assert [
        (c.name, c.vendor, c.product, c.version, c.host, c.platform) for c in inventory.components
    ] == [
        ("PORTAIL-PATIENT", "Citrix", "NetScaler ADC", "13.1-48.47", "PORTAIL-PATIENT", None),
        ("POSTE-RADIO", "Agfa", "NX", "23.0.1", "POSTE-RADIO", "windows"),
    ]
    assert inventory.notes == [
        "read column 'Vendor Name' as vendor, 'Product Name' as product, 'Software Version' "
        "as version, 'Device Name' as host (and as name: there is no name column), "
        "'Operating System' as platform; ignored 'Standort'"
    ]


def test_a_software_list_names_the_product_in_its_name_column(tmp_path: Path) -> None:
    """Windows' installed programs as an export lists them: Name, Publisher, Version."""
    path = write(
        tmp_path,
        "programs.csv",
        "Name,Publisher,Version,Installed On\n"
        "MOVEit Transfer,Progress Software Corporation,2023.0.1,2023-05-02\n",
    )
    inventory = CSV.parse(path)
    [component] = inventory.components
    assert (component.name, component.vendor, component.product, component.version) == (
        "MOVEit Transfer",
        "Progress Software Corporation",
        "MOVEit Transfer",
        "2023.0.1",
    )
    assert inventory.notes == [
        "read column 'Name' as name (and as product: there is no product column), "
        "'Publisher' as vendor, 'Version' as version; ignored 'Installed On'"
    ]


def test_the_documented_columns_are_read_without_a_note(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "appliances.csv",
        "Name,Vendor,Product,Version,CPE,Exposure,Notes,Asset_Class,Safety_Critical,Host,OS,Room\n"
        "Edge firewall,Palo Alto Networks,PAN-OS,10.2.7,,open,,firewall,no,fw01,PAN-OS 10.2,1\n"
        "Lab PC,Microsoft,Windows,10.0.19045,,,,office,no,lab-pc-3,Windows 10 Pro,2\n",
    )
    inventory = CSV.parse(path)
    assert inventory.notes == [] and inventory.skipped == []
    assert [(c.name, c.host, c.platform) for c in inventory.components] == [
        ("Edge firewall", "fw01", "pan-os 10.2"),
        ("Lab PC", "lab-pc-3", "windows"),
    ]


def test_the_best_spelling_wins_and_the_other_is_ignored(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "assets.csv",
        "Model,Product,Make,Manufacturer,FW,Firmware Version,IP,Hostname\n"
        "FortiGate 60F,FortiOS,Fortinet Inc,Fortinet,7.0,7.0.12,10.0.0.1,fw-clinic\n",
    )
    inventory = CSV.parse(path)
    [component] = inventory.components
    assert (component.vendor, component.product, component.version, component.host) == (
        "Fortinet",
        "FortiOS",
        "7.0.12",
        "fw-clinic",
    )
    assert inventory.notes == [
        "read column 'Manufacturer' as vendor, 'Product' as product, 'Firmware Version' as "
        "version, 'Hostname' as host (and as name: there is no name column), 'IP' as host "
        "where 'Hostname' is empty; ignored 'Model', 'Make', 'FW'"
    ]


def test_a_cpe_stands_in_for_vendor_and_version(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "assets.csv",
        "Hostname,Model,CPE 2.3\n"
        "core-sw01,Catalyst 9300,cpe:2.3:o:cisco:ios_xe:17.9.4a:*:*:*:*:*:*:*\n",
    )
    [component] = CSV.parse(path).components
    assert (component.name, component.vendor, component.product, component.version) == (
        "core-sw01",
        "cisco",
        "Catalyst 9300",
        "17.9.4a",
    )


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "Asset Tag,Room,Serial Number,Purchase Date",
            "the header must name a product (product, name, model, software or application); "
            "a version (version, firmware, fw, software version or release) or cpe; "
            "a vendor (vendor, manufacturer, make or publisher) or cpe; "
            "it names the columns 'Asset Tag', 'Room', 'Serial Number', 'Purchase Date'",
        ),
        # no vendor: nothing it lists could ever be matched, so it is not taken for an inventory
        (
            "Hostname;Model;Firmware",
            "the header must name a vendor (vendor, manufacturer, make or publisher) or cpe; "
            "it names the columns 'Hostname', 'Model', 'Firmware'",
        ),
        (
            "Manufacturer,Model,Serial",
            "the header must name a version (version, firmware, fw, software version or "
            "release) or cpe; it names the columns 'Manufacturer', 'Model', 'Serial'",
        ),
        (
            ",".join(f"Column {n}" for n in range(30)),
            "the header must name a product (product, name, model, software or application); "
            "a version (version, firmware, fw, software version or release) or cpe; "
            "a vendor (vendor, manufacturer, make or publisher) or cpe; it names the columns "
            + ", ".join(f"'Column {n}'" for n in range(20))
            + ", and 10 more",
        ),
    ],
)
def test_a_header_that_cannot_be_read_says_what_it_has_and_needs(
    tmp_path: Path, header: str, message: str
) -> None:
    path = write(tmp_path, "assets.csv", header + "\nx,y,z\n")
    assert refusal(CSV, path) == (str(path), "line 1", message)


@pytest.mark.parametrize(
    ("head", "accepted"),
    [
        (b"Hostname,IP Address,Manufacturer,Model,Firmware,OS\r\n", True),
        (b"Device Name;Vendor Name;Product Name;Software Version\r\n", True),
        (b"Computer Name\tPublisher\tSoftware\tVersion\n", True),
        (b"Name,Version\n", False),  # a package list, not an asset list: no vendor
        (b"Model,Firmware\n", False),
        (b"cve,epss,percentile\n", False),
    ],
)
def test_an_asset_list_is_claimed_by_its_header(head: bytes, accepted: bool) -> None:
    assert [f.accepts(Path("/srv/assets.csv"), head) for f in FORMATS] == [accepted]


@pytest.mark.parametrize(
    ("spelling", "column"),
    [
        ("Host Name", "host"),
        ("host_name", "host"),
        ("ASSET-NAME", "host"),
        ("Asset", "host"),
        ("Device", "host"),
        ("Computer Name", "host"),
        ("Make", "vendor"),
        ("Publisher", "vendor"),
        ("Software", "product"),
        ("Application", "product"),
        ("FW", "version"),
        ("Release", "version"),
        ("Operating System", "platform"),
        ("Platform", "platform"),
        ("IPv4 Address", "ip"),
    ],
)
def test_spellings(spelling: str, column: str) -> None:
    key = "".join(ch for ch in spelling.lower() if ch.isalnum())
    assert key in ALIASES[column]


# --- fuzzing: any header and rows give components, skipped rows, or a refusal at line 1 --------

SPELLINGS = st.sampled_from(
    [spelling for spellings in ALIASES.values() for spelling in spellings]
    + ["Host Name", "IP Address", "Firmware Version", "", " ", "Serial", "Name", "name"]
)
CELLS = st.sampled_from(
    ["", "open", "small", "7.0.12", "Windows 11", "Ubuntu", "cpe:2.3:o:a:b:1:*:*:*:*:*:*:*", "-"]
) | st.text(max_size=8)


@fuzz(100)
@given(
    header=st.lists(SPELLINGS, min_size=0, max_size=8),
    rows=st.lists(st.lists(CELLS, max_size=8), max_size=5),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_any_header_gives_an_inventory_or_a_refusal_at_line_1(
    header: list[str], rows: list[list[str]], delimiter: str
) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter).writerows([header, *rows])
    path, result = parse_bytes(CSV, "assets.csv", out.getvalue().encode())
    if isinstance(result, InventoryError):
        assert result.path == path and result.location and result.location.startswith("line ")
        return
    for component in result.components:
        assert component.name and component.version and component.exposure in EXPOSURES
        assert component.platform is None or component.platform == component.platform.lower()
    assert len(result.notes) <= 1
