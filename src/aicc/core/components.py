"""What an inventory yields: components identified by a purl (packages) or a CPE (appliances)."""

from __future__ import annotations

from dataclasses import dataclass, field

from aicc.core.problems import Problem

EXPOSURES = ("open", "controlled", "small")


@dataclass(frozen=True, slots=True)
class Component:
    """One piece of software an organisation runs, and where the inventory said so.

    Packages carry an OSV ``ecosystem`` (``"PyPI"``, ``"Debian:12"``) and a ``purl``; appliances
    and installed software carry ``vendor``/``product`` and, when known, a CPE 2.3 ``cpe``.
    ``name`` is spelled as the ecosystem spells it (Maven ``group:artifact``, Go module path,
    Debian *source* package when the inventory names one).
    """

    name: str
    version: str | None
    source: str  # the file it came from
    ecosystem: str | None = None
    purl: str | None = None
    cpe: str | None = None
    vendor: str | None = None
    product: str | None = None
    location: str | None = None  # line number or JSON path inside ``source``
    exposure: str | None = None  # open | controlled | small, when the inventory says
    notes: str | None = None
    bom_ref: str | None = None  # CycloneDX bom-ref / SPDX id, to annotate the input SBOM
    direct: bool | None = None  # a direct dependency (None: the file does not say)
    scope: str | None = None  # e.g. "dev", "optional", as the file says
    asset_class: str | None = None  # what the asset is for a sector profile ("firewall", ...)
    safety_critical: bool = False  # overrides the profile's human and mission impact
    asset_source: str | None = None  # the aicc-asset.yaml that set ``exposure``, if one did
    host: str | None = None  # the machine or device it runs on, when the inventory names one
    platform: str | None = None  # the OS it runs on ("windows", "linux"), when known

    @property
    def product_name(self) -> str:
        """``Palo Alto Networks PAN-OS``: vendor and product, the vendor said once when the
        product already names it (``Cisco IOS XE Software``, not ``Cisco Cisco IOS XE``)."""
        return vendor_and_product(self.vendor, self.product or self.name)

    @property
    def is_package(self) -> bool:
        """Matched against package advisories (OSV); otherwise against CPE/vendor data."""
        return self.ecosystem is not None


@dataclass
class Inventory:
    """The components read from one file, with what was skipped in it and how it was read
    (``notes``: e.g. which CSV column was taken for the vendor)."""

    source: str
    format: str  # e.g. "cyclonedx-json", "requirements.txt", "dpkg-status", "appliance-csv"
    components: list[Component] = field(default_factory=list)
    skipped: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def vendor_and_product(vendor: str | None, product: str) -> str:
    """``Palo Alto Networks PAN-OS``; the product alone when it already starts with the
    vendor's name or its first word ("Cisco Systems" + "Cisco IOS XE Software" is "Cisco IOS
    XE Software", "Apache Software Foundation" + "Apache Tomcat" is "Apache Tomcat"); a word
    that merely starts like it is no repeat ("Ivanti" + "Ivantiport")."""
    vendor = (vendor or "").strip()
    if not vendor:
        return product
    head = product.strip().casefold()
    first = vendor.split()[0].casefold()
    if head in (vendor.casefold(), first) or head.startswith(
        (vendor.casefold() + " ", first + " ")
    ):
        return product
    return f"{vendor} {product}"
