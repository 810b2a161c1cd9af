"""Nmap XML (``nmap -sV -oX scan.xml``): the software a network scan saw on each host.

Every open port whose service Nmap identified with a product and a version becomes a
component of its host: named by the product (``Apache httpd``), identified by the service's
CPE (Nmap writes CPE 2.2 URIs; they are kept in the CPE 2.3 form), placed at
``host 10.0.0.5 tcp/443``. The same software on several ports of one host is one component.
Another application CPE in the same banner (``PHP/8.1.25`` behind Apache) is a component too.
The host's name (else its address) is ``host``; Nmap's best OS match is ``platform``.

A port being open says nothing of who can reach it (a scan from inside the LAN sees what the
internet does not), so ``exposure`` is left to the asset settings and ``--exposure``; the notes
say which ports were seen open. A service without a product or a version is skipped with the
host and port, so that a scan without ``-sV`` is not mistaken for a clean one. Hosts Nmap
reports down are passed over. A file that breaks off (an interrupted scan) keeps the hosts
before the break, and says where it broke.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from aicc.core.components import Component, Inventory
from aicc.core.cpe import split_cpe, unescape
from aicc.core.errors import InventoryError
from aicc.core.problems import Problem
from aicc.inventory._common import line_at, read_bytes
from aicc.inventory.cpe_uri import uri_to_formatted
from aicc.inventory.interface import InventoryFormat
from aicc.inventory.platforms import normalise_platform

__all__ = ["FORMATS", "NmapXmlFormat", "parse_nmap_xml"]

_UNSPECIFIED = {"", "*", "-"}  # CPE's ANY and NA
_PART_RANK = {"a": 0, "o": 1, "h": 2}  # the application a service runs, else its OS, else device
_ADVICE = "run nmap -sV with --version-intensity 9 or add it by hand"


@dataclass
class _Software:
    """One piece of software seen on a host, with every port it was seen on."""

    name: str
    version: str
    cpe: str | None
    vendor: str | None
    product: str | None
    ports: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _attribute(attributes: dict[str, str], key: str) -> str | None:
    value = attributes[key]
    return None if value in _UNSPECIFIED else unescape(value)


def _text(element: ET.Element | None, key: str) -> str:
    """An attribute of ``element``, whitespace collapsed; "" when there is none."""
    if element is None:
        return ""
    return " ".join((element.get(key) or "").split())


def _accuracy(element: ET.Element) -> int:
    try:
        return int(element.get("accuracy") or 0)
    except ValueError:
        return 0


def _host_names(host: ET.Element) -> tuple[str | None, str | None]:
    """The host's name (the one the scan was given, else its PTR record) and its address
    (IPv4 before IPv6; a MAC address is no address a person looks a host up by)."""
    names = [(h.get("type"), _text(h, "name")) for h in host.iterfind("hostnames/hostname")]
    name = next((n for t, n in names if t == "user" and n), None) or next(
        (n for _, n in names if n), None
    )
    addresses = [(_text(a, "addrtype") or "ipv4", _text(a, "addr")) for a in host.iter("address")]
    address = next((a for t, a in addresses if t == "ipv4" and a), None) or next(
        (a for t, a in addresses if t == "ipv6" and a), None
    )
    return name, address


def _family(osclass: ET.Element | None) -> str:
    """``Microsoft Windows``, ``Cisco IOS``, ``Linux``: an OS class's vendor and family."""
    family, vendor = _text(osclass, "osfamily"), _text(osclass, "vendor")
    if not family or not vendor or vendor.lower() in family.lower():
        return family
    return f"{vendor} {family}"


def _platform(host: ET.Element) -> tuple[str | None, str | None]:
    """The host's OS (normalised) and a note saying where it came from.

    Nmap's best OS match first (by its class's vendor and family, when it has one: a device
    model says less than "Cisco IOS"); an older file's ``osclass`` next; else the ``ostype`` a
    service banner gave (``Windows``), with the vendor of the service's OS CPE when that
    names it (``IOS`` of ``cpe:/o:cisco:ios`` is Cisco's, not Apple's).
    """
    matches = [m for m in host.iterfind("os/osmatch") if _text(m, "name")]
    if matches:
        best = max(matches, key=_accuracy)  # max keeps the first of equals: Nmap's order
        name = _text(best, "name")
        family = _family(best.find("osclass"))  # "Fortinet FortiOS" of a FortiGate-100D's match
        return normalise_platform(family or name), f"OS guess: {name} ({_accuracy(best)}%)"
    classes = [c for c in host.iterfind("os/osclass") if _family(c)]
    if classes:
        best = max(classes, key=_accuracy)
        return normalise_platform(_family(best)), f"OS guess: {_family(best)} ({_accuracy(best)}%)"
    for service in host.iterfind("ports/port/service"):
        ostype = _text(service, "ostype")
        if not ostype:
            continue
        vendor = next(
            (
                cpe.split(":")[2]
                for cpe in (" ".join((c.text or "").split()) for c in service.iter("cpe"))
                if cpe.lower().startswith("cpe:/o:") and cpe.count(":") >= 2
            ),
            "",
        )
        named = f"{vendor} {ostype}" if vendor and vendor.lower() not in ostype.lower() else ostype
        return normalise_platform(named), f"OS from a service banner: {ostype}"
    return None, None


class _HostReader:
    """Turns the ``<host>`` elements of one file into components and skipped entries."""

    def __init__(self, inventory: Inventory) -> None:
        self.inventory = inventory
        self.count = 0

    def skip(self, where: str, reason: str) -> None:
        self.inventory.skipped.append(Problem("inventory", self.inventory.source, where, reason))

    def host(self, host: ET.Element) -> None:
        self.count += 1
        status = host.find("status")
        # masscan writes no <status>: every host it lists answered.
        if status is not None and _text(status, "state") != "up":
            return
        name, address = _host_names(host)
        where = f"host {address or name or f'#{self.count}'}"
        platform, os_note = _platform(host)
        found: dict[tuple[str, str, str | None], _Software] = {}
        for port in host.iterfind("ports/port"):
            if _text(port.find("state"), "state") != "open":
                continue
            self._port(port, where, found)
        for software in found.values():
            ports = ", ".join(software.ports)
            notes = [f"seen open by nmap on {ports}", *software.notes]
            if os_note:
                notes.append(os_note)
            self.inventory.components.append(
                Component(
                    software.name,
                    software.version,
                    self.inventory.source,
                    cpe=software.cpe,
                    vendor=software.vendor,
                    product=software.product,
                    location=f"{where} {', '.join(p.split(' ', 1)[0] for p in software.ports)}",
                    notes="; ".join(notes),
                    host=name or address,
                    platform=platform,
                )
            )

    def _port(
        self, port: ET.Element, where: str, found: dict[tuple[str, str, str | None], _Software]
    ) -> None:
        protocol, number = _text(port, "protocol") or "?", _text(port, "portid") or "?"
        here = f"{where} {protocol}/{number}"
        service = port.find("service")
        service_name = _text(service, "name")
        details = ", ".join(
            filter(None, (service_name, "over ssl" if _text(service, "tunnel") else ""))
        )
        label = f"{protocol}/{number}" + (f" ({details})" if details else "")
        product = _text(service, "product")
        if not product:
            self.skip(here, f"nmap identified no product on {label}; {_ADVICE}")
            return
        cpes: list[tuple[str, dict[str, str]]] = []
        for element in service.iter("cpe") if service is not None else ():
            uri = " ".join((element.text or "").split())
            try:
                cpe = uri_to_formatted(uri)
            except ValueError as exc:
                self.skip(here, f"{product}: nmap's CPE is unusable: {exc}")
                continue
            cpes.append((cpe, split_cpe(cpe)))
        cpes.sort(key=lambda c: _PART_RANK[c[1]["part"]])  # stable: Nmap's order within a part
        main = cpes[0] if cpes else None
        reported = _text(service, "version")
        version = reported
        notes = []
        extra = _text(service, "extrainfo")
        if extra:
            notes.append("nmap: " + " ".join(filter(None, (product, reported, f"({extra})"))))
        cpe_version = _attribute(main[1], "version") if main else None
        # Nmap's "8.9p1 Ubuntu 3ubuntu0.4" is upstream 8.9p1 as a distribution built it; its CPE
        # says 8.9p1, the version advisories are written against.
        if cpe_version and (not reported or reported.split(" ", 1)[0] == cpe_version):
            if reported and reported != cpe_version:
                notes.append(
                    f"nmap's version {reported!r} read as {cpe_version} "
                    "(a distribution's build may carry backported fixes)"
                )
            version = cpe_version
        if not version:
            self.skip(here, f"nmap reported no version for {product} on {label}; {_ADVICE}")
        else:
            self._add(
                found,
                _Software(
                    product,
                    version,
                    main[0] if main else None,
                    _attribute(main[1], "vendor") if main else None,
                    _attribute(main[1], "product") if main else None,
                    notes=notes,
                ),
                label,
            )
        # Further applications the banner names (PHP behind Apache) are software of this host
        # too; an OS or device CPE beside an application says what the host is, not what runs.
        for cpe, attributes in cpes[1:]:
            if attributes["part"] != "a":
                continue
            other = _attribute(attributes, "product") or cpe
            other_version = _attribute(attributes, "version")
            if not other_version:
                self.skip(
                    here, f"nmap reported no version for {other} ({cpe}) on {label}; {_ADVICE}"
                )
                continue
            self._add(
                found,
                _Software(
                    other,
                    other_version,
                    cpe,
                    _attribute(attributes, "vendor"),
                    other,
                    notes=[f"named in the banner of {product}"],
                ),
                label,
            )

    @staticmethod
    def _add(
        found: dict[tuple[str, str, str | None], _Software], software: _Software, label: str
    ) -> None:
        key = (software.name, software.version, software.cpe)
        known = found.setdefault(key, software)
        known.ports.append(label)
        if known is not software:
            known.notes.extend(n for n in software.notes if n not in known.notes)


def parse_nmap_xml(path: Path) -> Inventory:
    """The software of every host up in an Nmap XML file (see the module docstring)."""
    source = str(path)
    data = read_bytes(path, strip_bom=True)
    inventory = Inventory(source, NmapXmlFormat.name)
    reader = _HostReader(inventory)
    root: ET.Element | None = None
    depth = 0
    try:
        for event, element in SafeET.iterparse(io.BytesIO(data), events=("start", "end")):
            if event == "start":
                depth += 1
                if root is None:
                    root = element
                    if element.tag != "nmaprun":
                        raise InventoryError(
                            f"not Nmap XML: the root element is {element.tag!r}, not 'nmaprun'",
                            path=source,
                            location="line 1",
                        )
                continue
            depth -= 1
            if depth == 1 and root is not None and element.tag == "host":
                reader.host(element)
                root.remove(element)  # a scan of a /16 need not be held whole
            elif depth == 1 and element.tag == "runstats":
                finished = element.find("finished")
                if _text(finished, "exit") == "error":
                    reader.skip(
                        "runstats",
                        f"nmap ended with an error: {_text(finished, 'errormsg') or 'unknown'}",
                    )
    except ET.ParseError as exc:
        line, column = exc.position
        message = str(exc).rsplit(": line ", 1)[0]
        if root is None:
            raise InventoryError(
                f"not well-formed XML: {message}",
                path=source,
                location=f"line {line}, column {column + 1}",
            ) from None
        # An interrupted scan leaves the file without its end; what came before is whole.
        reader.skip(
            f"line {line}, column {column + 1}",
            f"the XML breaks off here ({message}): an interrupted scan? "
            f"Hosts after this point were not read",
        )
    except DefusedXmlException:
        # Nmap writes a bare <!DOCTYPE nmaprun>; entities are how XXE and "billion laughs" get in.
        raise InventoryError(
            "refused: the XML declares entities (they could read local files or expand "
            "without bound)",
            path=source,
            location=line_at(data, max(data.find(b"<!ENTITY"), 0)),
        ) from None
    except (LookupError, ValueError) as exc:
        # expat takes single-byte encodings only; the declaration names another, or none known.
        raise InventoryError(
            f"unreadable XML encoding: {exc}", path=source, location="XML declaration"
        ) from None
    return inventory


class NmapXmlFormat(InventoryFormat):
    """Nmap's XML output (``-oX``); entity declarations are refused."""

    name = "nmap-xml"

    def accepts(self, path: Path, head: bytes) -> bool:
        """A ``.xml`` file whose first bytes open an ``nmaprun`` (or declare it the root)."""
        return path.suffix.lower() == ".xml" and (
            b"<nmaprun" in head or b"<!DOCTYPE nmaprun" in head
        )

    def parse(self, path: Path) -> Inventory:
        """See `parse_nmap_xml`."""
        return parse_nmap_xml(path)


FORMATS: tuple[InventoryFormat, ...] = (NmapXmlFormat(),)
