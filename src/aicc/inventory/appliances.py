"""Appliances and installed software listed by hand, as a CSV.

The header names the columns, in any order and case: ``name, vendor, product, version`` are
required, ``cpe, exposure, notes, asset_class, safety_critical`` optional (the last two feed
the sector profile: ``firewall``, ``clinical``; ``yes``/``no``), others ignored. A spreadsheet
saved as CSV is read whether it is UTF-8 (with or without a BOM) or Windows-1252, comma- or
semicolon-separated.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from aicc.core.components import EXPOSURES, Component, Inventory
from aicc.core.cpe import split_cpe
from aicc.core.errors import InventoryError
from aicc.core.problems import Problem
from aicc.inventory._common import line_at, read_bytes
from aicc.inventory.interface import InventoryFormat

REQUIRED_COLUMNS = ("name", "vendor", "product", "version")
# asset_class and safety_critical feed the sector profile's impact (see aicc.prioritize)
OPTIONAL_COLUMNS = ("cpe", "exposure", "notes", "asset_class", "safety_critical")
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


def _columns(header: str) -> tuple[str, dict[str, int]] | None:
    """The delimiter and each column's index, when ``header`` has the required columns."""
    for delimiter in ",;":
        try:
            cells = next(csv.reader([header], delimiter=delimiter), [])
        except csv.Error:
            return None
        index: dict[str, int] = {}
        for position, cell in enumerate(cells):
            index.setdefault(cell.strip().lower(), position)
        if all(column in index for column in REQUIRED_COLUMNS):
            return delimiter, index
    return None


def _unescape(value: str) -> str:
    """A CPE attribute without its backslash escapes: ``big\\-ip`` -> ``big-ip``."""
    out: list[str] = []
    escaped = False
    for char in value:
        if char == "\\" and not escaped:
            escaped = True
            continue
        out.append(char)
        escaped = False
    return "".join(out)


def _row(cells: dict[str, str], source: str, where: str) -> Component | Problem:
    """One data row as a component, or skipped with the reason."""
    name, vendor, product = cells["name"], cells["vendor"], cells["product"]
    version, cpe = cells["version"], cells["cpe"]
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
            k: _unescape(attributes[k])
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
    return Component(
        name,
        version,
        source,
        cpe=cpe or None,
        vendor=vendor or None,
        product=product or None,
        location=where,
        exposure=exposure,
        notes=cells["notes"] or None,
        asset_class=cells["asset_class"] or None,
        safety_critical=_YES_NO[critical],
    )


def parse_appliance_csv(path: Path) -> Inventory:
    """Every row of an appliance CSV; a row without a version, or with a bad CPE or
    exposure, is skipped with its line number."""
    source = str(path)
    text, guessed = _decode(read_bytes(path), source)
    header = text.split("\n", 1)[0].rstrip("\r")
    found = _columns(header)
    if found is None:
        raise InventoryError(
            f"the header must name the columns {', '.join(REQUIRED_COLUMNS)}",
            path=source,
            location="line 1",
        )
    delimiter, index = found
    inventory = Inventory(source, ApplianceCsvFormat.name, skipped=[guessed] if guessed else [])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    end = 0
    try:
        next(reader)
        end = reader.line_num
        for row in reader:
            start, end = end + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            cells = {
                column: row[index[column]].strip()
                if column in index and index[column] < len(row)
                else ""
                for column in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)
            }
            entry = _row(cells, source, f"line {start}")
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
        """A ``.csv`` whose header line names the required columns."""
        if path.suffix.lower() != ".csv":
            return False
        header = head.split(b"\n", 1)[0].rstrip(b"\r").removeprefix(b"\xef\xbb\xbf")
        return _columns(header.decode("utf-8", errors="replace")) is not None

    def parse(self, path: Path) -> Inventory:
        """See `parse_appliance_csv`."""
        return parse_appliance_csv(path)


FORMATS: tuple[InventoryFormat, ...] = (ApplianceCsvFormat(),)
