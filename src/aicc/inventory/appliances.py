"""Appliances and installed software listed by hand, as a CSV.

The header names the columns, in any order and case: ``name, vendor, product, version, cpe,
exposure, notes, asset_class, safety_critical, host, os`` (``asset_class`` and
``safety_critical`` feed the sector profile: ``firewall``, ``clinical``; ``yes``/``no``; ``os``
becomes the component's platform, normalised: ``Windows Server 2019`` is ``windows``). An asset
list kept for another purpose is read as it is: its headers are matched to these columns by
their usual spellings (`ALIASES`: ``Hostname``, ``Manufacturer``, ``Model``, ``Firmware``,
``IP Address``...), ignoring case, spaces and punctuation, and the inventory's notes say which
column was read as what. The header must name the product (``product`` or ``name``), its
version or a CPE, and its vendor or a CPE: without a vendor, nothing can be matched. Other
columns are ignored. A spreadsheet saved as CSV is read whether it is UTF-8 (with or without a
BOM) or Windows-1252, comma-, semicolon- or tab-separated.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from aicc.core.components import EXPOSURES, Component, Inventory
from aicc.core.cpe import split_cpe, unescape
from aicc.core.errors import InventoryError
from aicc.core.problems import Problem
from aicc.inventory._common import line_at, read_bytes
from aicc.inventory.interface import InventoryFormat
from aicc.inventory.platforms import normalise_platform

# The columns read, each with the header spellings taken for it, best first: a header with
# both "Product" and "Model" reads "Product". Spellings are compared as `_header_key` gives
# them: "Firmware Version", "firmware_version" and "FIRMWARE-VERSION" are one. The first
# spelling of each column is its own name; "ip" stands in for "host" where that is empty.
ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "vendor": ("vendor", "manufacturer", "vendorname", "make", "publisher"),
    "product": (
        "product",
        "productname",
        "model",
        "modelname",
        "software",
        "softwarename",
        "application",
        "applicationname",
    ),
    "version": (
        "version",
        "firmwareversion",
        "firmware",
        "fwversion",
        "fw",
        "softwareversion",
        "productversion",
        "release",
    ),
    "cpe": ("cpe", "cpe23", "cpename"),
    "exposure": ("exposure",),
    "notes": ("notes", "note", "comments", "comment", "description"),
    # asset_class and safety_critical feed the sector profile's impact (see aicc.prioritize)
    "asset_class": ("assetclass",),
    "safety_critical": ("safetycritical",),
    "host": ("host", "hostname", "devicename", "device", "assetname", "asset", "computername"),
    "ip": ("ip", "ipaddress", "ipv4", "ipv4address", "ipaddr"),
    "platform": ("os", "operatingsystem", "platform"),
}
COLUMNS = tuple(ALIASES)
# The spellings a header may use without being reported: the columns' documented names.
_OWN_NAMES = {
    "name",
    "vendor",
    "product",
    "version",
    "cpe",
    "exposure",
    "notes",
    "asset_class",
    "safety_critical",
    "host",
    "ip",
    "os",
}
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_DELIMITERS = ",;\t"
_SHOWN_CELLS = 20  # header cells a refusal lists
_YES_NO = {
    "": False,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
}
DEFAULT_EXPOSURE = "controlled"
_UNSPECIFIED = {"", "*", "-"}  # CPE's ANY and NA


def _decode(blob: bytes, source: str) -> tuple[str, Problem | None]:
    """The text, and a problem saying so when it had to be read as Windows-1252."""
    try:
        return blob.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        # Excel's "CSV (Comma delimited)" on Western-European Windows writes this.
        text = blob.decode("cp1252")
    except UnicodeDecodeError:
        raise InventoryError(
            "not UTF-8 or Windows-1252 text", path=source, location=line_at(blob, utf8_error.start)
        ) from utf8_error
    guessed = Problem(
        "inventory",
        source,
        line_at(blob, utf8_error.start),
        f"not UTF-8 (byte {utf8_error.start}): read as Windows-1252, as Excel saves CSV; "
        "save it as UTF-8 if names look wrong",
    )
    return text, guessed


def _header_key(cell: str) -> str:
    """A header cell as it is compared: ``" Firmware Version "`` -> ``"firmwareversion"``."""
    return _NOT_ALNUM.sub("", cell.lower())


@dataclass
class _Header:
    """One reading of the header line: its delimiter, cells, and the column each is read as."""

    delimiter: str
    cells: list[str]
    index: dict[str, int] = field(default_factory=dict)  # column -> position

    def missing(self) -> list[str]:
        """What the header must name and does not (empty when it can be read)."""
        has = self.index.__contains__
        needs = []
        if not (has("product") or has("name")):
            needs.append("a product (product, name, model, software or application)")
        if not (has("version") or has("cpe")):
            needs.append("a version (version, firmware, fw, software version or release) or cpe")
        if not (has("vendor") or has("cpe")):
            needs.append("a vendor (vendor, manufacturer, make or publisher) or cpe")
        return needs

    def notes(self) -> list[str]:
        """How the columns were read, when the header spells one its own way; else nothing."""
        spelled = {c: self.cells[i].strip() for c, i in self.index.items()}
        if all(text.lower() in _OWN_NAMES for text in spelled.values()):
            return []
        read = []
        for column in COLUMNS:
            if column not in spelled:
                continue
            text = spelled[column]
            if column == "ip":
                target = f"host where {spelled['host']!r} is empty" if "host" in spelled else "host"
            elif column == "host" and "name" not in spelled:
                target = "host (and as name: there is no name column)"
            elif column == "name" and "product" not in spelled:
                target = "name (and as product: there is no product column)"
            else:
                target = column
            read.append(f"{text!r} as {target}")
        used = set(self.index.values())
        ignored = [repr(c.strip()) for i, c in enumerate(self.cells) if i not in used and c.strip()]
        note = "read column " + ", ".join(read)
        return [note + (f"; ignored {', '.join(ignored)}" if ignored else "")]


def _read_header(header: str, delimiter: str) -> _Header | None:
    try:
        cells = next(csv.reader([header], delimiter=delimiter), [])
    except csv.Error:
        return None
    found = _Header(delimiter, cells)
    keys: dict[str, int] = {}
    for position, cell in enumerate(cells):
        keys.setdefault(_header_key(cell), position)
    for column, spellings in ALIASES.items():
        at = next((keys[s] for s in spellings if s in keys), None)
        if at is not None and at not in found.index.values():
            found.index[column] = at
    return found


def _columns(header: str) -> _Header | None:
    """The reading of ``header`` that names what an appliance CSV needs, or None."""
    for delimiter in _DELIMITERS:
        found = _read_header(header, delimiter)
        if found is not None and not found.missing():
            return found
    return None


def _refusal(header: str) -> str:
    """Why ``header`` cannot be read: what it lacks, and the columns it has."""
    readings = [r for r in (_read_header(header, d) for d in _DELIMITERS) if r is not None]
    best = max(
        readings,
        key=lambda r: (len(r.index), len(r.cells)),
        default=_Header(",", []),
    )
    cells = [repr(c.strip()) for c in best.cells if c.strip()]
    if len(cells) > _SHOWN_CELLS:
        cells[_SHOWN_CELLS:] = [f"and {len(cells) - _SHOWN_CELLS} more"]
    found = f"the columns {', '.join(cells)}" if cells else "no column"
    return f"the header must name {'; '.join(best.missing())}; it names {found}"


def _row(cells: dict[str, str], header: _Header, source: str, where: str) -> Component | Problem:
    """One data row as a component, or skipped with the reason."""
    name, vendor, product = cells["name"], cells["vendor"], cells["product"]
    version, cpe = cells["version"], cells["cpe"]
    host = cells["host"] or cells["ip"]
    if "name" not in header.index:  # an asset list names the device, not the software
        name = host
    elif "product" not in header.index:  # a software list's "Name" is the product
        product = name
    label = name or product or cpe or "row"
    exposure = cells["exposure"].lower() or DEFAULT_EXPOSURE
    if exposure not in EXPOSURES:
        return Problem(
            "inventory",
            source,
            where,
            f"{label}: exposure must be one of {', '.join(EXPOSURES)}, not {cells['exposure']!r}",
        )
    if cpe:
        try:
            attributes = split_cpe(cpe)
        except ValueError as exc:
            return Problem("inventory", source, where, f"{label}: {exc}")
        if attributes["part"] not in {"a", "o", "h"}:
            return Problem(
                "inventory",
                source,
                where,
                f"{label}: a CPE's part is a, o or h, not {attributes['part']!r}",
            )
        # A CPE's version is often split differently ("22.3" + update "r1" for 22.3R1), so
        # the version column, when given, is kept as written rather than checked against it.
        defaults = {
            k: unescape(attributes[k])
            for k in ("vendor", "product", "version")
            if attributes[k] not in _UNSPECIFIED
        }
        vendor = vendor or defaults.get("vendor", "")
        product = product or defaults.get("product", "")
        version = version or defaults.get("version", "")
    name = name or product
    if not name:
        return Problem("inventory", source, where, "no name, product or CPE")
    if not version:
        return Problem("inventory", source, where, f"{name}: no version")
    critical = cells["safety_critical"].lower()
    if critical not in _YES_NO:
        return Problem(
            "inventory",
            source,
            where,
            f"{label}: safety_critical must be yes or no, not {cells['safety_critical']!r}",
        )
    notes = cells["notes"]
    if cells["host"] and cells["ip"]:  # the address is kept where a person can find it
        notes = "; ".join(filter(None, (notes, f"IP address {cells['ip']}")))
    return Component(
        name,
        version,
        source,
        cpe=cpe or None,
        vendor=vendor or None,
        product=product or None,
        location=where,
        exposure=exposure,
        notes=notes or None,
        asset_class=cells["asset_class"] or None,
        safety_critical=_YES_NO[critical],
        host=host or None,
        platform=normalise_platform(cells["platform"]),
    )


def parse_appliance_csv(path: Path) -> Inventory:
    """Every row of an appliance CSV; a row without a version, or with a bad CPE or
    exposure, is skipped with its line number. The inventory's notes say how the header
    was read when it spells a column its own way."""
    source = str(path)
    text, guessed = _decode(read_bytes(path), source)
    header_line = text.split("\n", 1)[0].rstrip("\r")
    header = _columns(header_line)
    if header is None:
        raise InventoryError(_refusal(header_line), path=source, location="line 1")
    inventory = Inventory(
        source,
        ApplianceCsvFormat.name,
        skipped=[guessed] if guessed else [],
        notes=header.notes(),
    )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=header.delimiter)
    end = 0
    try:
        next(reader)
        end = reader.line_num
        for row in reader:
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            cells = {
                column: row[header.index[column]].strip()
                if column in header.index and header.index[column] < len(row)
                else ""
                for column in COLUMNS
            }
            entry = _row(cells, header, source, f"line {start}")
            if isinstance(entry, Component):
                inventory.components.append(entry)
            else:
                inventory.skipped.append(entry)
    except csv.Error as exc:
        raise InventoryError(f"not CSV: {exc}", path=source, location=f"line {end + 1}") from exc
    return inventory


class ApplianceCsvFormat(InventoryFormat):
    """A hand-kept list of appliances and installed software (see the module docstring)."""

    name = "appliance-csv"

    def accepts(self, path: Path, head: bytes) -> bool:
        """A ``.csv`` whose header line names a product, its version and vendor (or a CPE)."""
        if path.suffix.lower() != ".csv":
            return False
        header = head.split(b"\n", 1)[0].rstrip(b"\r").removeprefix(b"\xef\xbb\xbf")
        return _columns(header.decode("utf-8", errors="replace")) is not None

    def parse(self, path: Path) -> Inventory:
        """See `parse_appliance_csv`."""
        return parse_appliance_csv(path)


FORMATS: tuple[InventoryFormat, ...] = (ApplianceCsvFormat(),)
