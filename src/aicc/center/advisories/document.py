"""An advisory's form as a CSAF 2.0 ``csaf_security_advisory`` document.

The product tree names each product by branches (vendor, product name, then its version or
version range), with its CPE or purl as the identification helper; a product's fixed version is
a product of its own, listed as ``fixed``. Each CVE is one vulnerability: the affected
products ``known_affected``, a ``vendor_fix`` per product with a fixed version (else
``none_available``), the mitigation for every affected product, a CVSS v3 score when one is
given. TLP:CLEAR is written ``WHITE``: CSAF 2.0 predates TLP 2.0 and its schema knows only
WHITE, GREEN, AMBER and RED. Versions are integers: 1 when first published, one more per
revision, each in the revision history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from packageurl import PackageURL

from aicc import __version__
from aicc.center.advisories.form import AdvisoryForm, ProductForm, is_range
from aicc.core.cpe import split_cpe, unescape

TLP_URL = "https://www.first.org/tlp/"
CSAF_TLP = {"CLEAR": "WHITE", "GREEN": "GREEN", "AMBER": "AMBER", "RED": "RED"}


@dataclass(frozen=True)
class Publisher:
    """Who publishes the center's advisories: its name and namespace (a URL of its own)."""

    name: str
    namespace: str


@dataclass(frozen=True)
class Revision:
    """One item of the revision history."""

    number: int
    date: datetime
    summary: str


def csaf_time(moment: datetime) -> str:
    """A naive UTC time as CSAF writes it: ``2026-12-07T06:00:00.000Z``."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def names_of(product: ProductForm) -> tuple[str, str]:
    """The vendor and product name a product's branches carry: as given, else its CPE's, else
    its purl's namespace (or type) and name."""
    if product.vendor and product.product:
        return product.vendor, product.product
    if product.cpe:
        parts = split_cpe(product.cpe)
        return unescape(parts["vendor"]), unescape(parts["product"])
    assert product.purl is not None  # the form needs one of the three
    purl = PackageURL.from_string(product.purl)
    return purl.namespace or purl.type, purl.name


def vers_of(affected: str) -> str:
    """An ``affected`` range as a vers (``<2.9.2`` is ``vers:generic/<2.9.2``)."""
    text = affected.strip()
    if text.lower() in ("all", "*"):
        return "vers:all/*"
    if text.startswith("vers:"):
        return text
    return "vers:generic/" + text.replace(" ", "")


class _Tree:
    """The product tree being built: branches by vendor and product, product ids in order."""

    def __init__(self) -> None:
        self.vendors: dict[str, dict[str, list[dict[str, Any]]]] = {}
        self.count = 0

    def add(
        self, vendor: str, name: str, category: str, version: str, helper: dict[str, str]
    ) -> str:
        self.count += 1
        product_id = f"CSAFPID-{self.count:04d}"
        product: dict[str, Any] = {"name": f"{vendor} {name} {version}", "product_id": product_id}
        if helper:
            product["product_identification_helper"] = helper
        versions = self.vendors.setdefault(vendor, {}).setdefault(name, [])
        versions.append({"category": category, "name": version, "product": product})
        return product_id

    def branches(self) -> list[dict[str, Any]]:
        return [
            {
                "category": "vendor",
                "name": vendor,
                "branches": [
                    {"category": "product_name", "name": name, "branches": versions}
                    for name, versions in products.items()
                ],
            }
            for vendor, products in self.vendors.items()
        ]


def _score(vector: str, products: list[str]) -> dict[str, Any]:
    from cvss import CVSS3

    scored = CVSS3(vector)
    return {
        "products": products,
        "cvss_v3": {
            "version": vector.split("/", 1)[0].split(":", 1)[1],
            "vectorString": scored.clean_vector(),
            "baseScore": float(scored.scores()[0]),
            "baseSeverity": scored.severities()[0].upper(),
        },
    }


def build_document(
    form: AdvisoryForm,
    *,
    tracking_id: str,
    publisher: Publisher,
    status: str,
    history: list[Revision],
) -> dict[str, Any]:
    """The CSAF 2.0 document of ``form`` at the version of ``history``'s last item."""
    tree = _Tree()
    affected: list[str] = []
    fixed: list[str] = []
    remediations: list[dict[str, Any]] = []
    unfixed: list[str] = []
    for product in form.products:
        vendor, name = names_of(product)
        helper = {key: value for key in ("cpe", "purl") if (value := getattr(product, key))}
        if is_range(product.affected):
            pid = tree.add(vendor, name, "product_version_range", vers_of(product.affected), helper)
        else:
            pid = tree.add(vendor, name, "product_version", product.affected, helper)
        affected.append(pid)
        if product.fixed:
            fixed.append(tree.add(vendor, name, "product_version", product.fixed, {}))
            remedy: dict[str, Any] = {
                "category": "vendor_fix",
                "details": f"Update {vendor} {name} to {product.fixed} or later.",
                "product_ids": [pid],
            }
            if form.fix_url:
                remedy["url"] = form.fix_url
            remediations.append(remedy)
        else:
            unfixed.append(pid)
    if unfixed:
        remediations.append(
            {
                "category": "none_available",
                "details": "No fixed version is known yet.",
                "product_ids": unfixed,
            }
        )
    if form.mitigation:
        remediations.append(
            {"category": "mitigation", "details": form.mitigation, "product_ids": affected}
        )
    product_status: dict[str, list[str]] = {"known_affected": affected}
    if fixed:
        product_status["fixed"] = fixed
    vulnerabilities = []
    for cve in form.cves:
        vulnerability: dict[str, Any] = {
            "cve": cve,
            "notes": [{"category": "description", "text": form.summary, "title": "Summary"}],
            "product_status": product_status,
            "remediations": remediations,
        }
        if form.cvss_v3:
            vulnerability["scores"] = [_score(form.cvss_v3, affected)]
        vulnerabilities.append(vulnerability)
    latest = history[-1]
    return {
        "document": {
            "category": "csaf_security_advisory",
            "csaf_version": "2.0",
            "distribution": {
                "text": f"TLP:{form.tlp}",
                "tlp": {"label": CSAF_TLP[form.tlp], "url": TLP_URL},
            },
            "lang": "en",
            "notes": [{"category": "summary", "text": form.summary, "title": "Summary"}],
            "publisher": {
                "category": "coordinator",
                "name": publisher.name,
                "namespace": publisher.namespace,
            },
            "title": form.title,
            "tracking": {
                "current_release_date": csaf_time(latest.date),
                "generator": {"engine": {"name": "AICC", "version": __version__}},
                "id": tracking_id,
                "initial_release_date": csaf_time(history[0].date),
                "revision_history": [
                    {"date": csaf_time(r.date), "number": str(r.number), "summary": r.summary}
                    for r in history
                ],
                "status": status,
                "version": str(latest.number),
            },
        },
        "product_tree": {"branches": tree.branches()},
        "vulnerabilities": vulnerabilities,
    }
