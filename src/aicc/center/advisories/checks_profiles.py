"""CSAF 2.0 mandatory tests 6.1.27.1 to 6.1.27.11: what each profile (``/document/category``)
needs beyond CSAF Base. A test is skipped, and passes, for the categories it does not name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from aicc.center.advisories.walk import (
    Document,
    Violation,
    as_list,
    as_object,
    group_members,
    products_of,
)

ADVISORY = "csaf_security_advisory"
VEX = "csaf_vex"
INFORMATIONAL = "csaf_informational_advisory"
INCIDENT = "csaf_security_incident_response"


def _category(document: Document) -> object:
    return as_object(document.get("document")).get("category")


def _vulnerabilities(document: Document) -> list[tuple[int, dict[str, Any]]]:
    return [(i, as_object(v)) for i, v in enumerate(as_list(document.get("vulnerabilities")))]


def document_notes(document: Document) -> list[Violation]:
    """6.1.27.1: an informational advisory or incident response has a note that describes it
    (category description, details, general or summary)."""
    if _category(document) not in (INFORMATIONAL, INCIDENT):
        return []
    notes = as_list(as_object(document.get("document")).get("notes"))
    wanted = {"description", "details", "general", "summary"}
    if any(as_object(note).get("category") in wanted for note in notes):
        return []
    return [
        Violation(
            "6.1.27.1",
            "Document Notes",
            "/document/notes",
            "no note has the category description, details, general or summary",
        )
    ]


def document_references(document: Document) -> list[Violation]:
    """6.1.27.2: an informational advisory or incident response has an external reference."""
    if _category(document) not in (INFORMATIONAL, INCIDENT):
        return []
    references = as_list(as_object(document.get("document")).get("references"))
    if any(as_object(item).get("category") == "external" for item in references):
        return []
    return [
        Violation(
            "6.1.27.2",
            "Document References",
            "/document/references",
            "no reference has the category external",
        )
    ]


def informational_vulnerabilities(document: Document) -> list[Violation]:
    """6.1.27.3: an informational advisory has no vulnerabilities."""
    if _category(document) != INFORMATIONAL or "vulnerabilities" not in document:
        return []
    return [
        Violation(
            "6.1.27.3",
            "Vulnerabilities",
            "/vulnerabilities",
            "an informational advisory has no vulnerabilities",
        )
    ]


def product_tree(document: Document) -> list[Violation]:
    """6.1.27.4: a security advisory or VEX document has a product tree."""
    if _category(document) not in (ADVISORY, VEX) or "product_tree" in document:
        return []
    return [
        Violation("6.1.27.4", "Product Tree", "/product_tree", f"a {_category(document)} needs one")
    ]


def vulnerability_notes(document: Document) -> list[Violation]:
    """6.1.27.5: each vulnerability of a security advisory or VEX document has notes."""
    if _category(document) not in (ADVISORY, VEX):
        return []
    return [
        Violation("6.1.27.5", "Vulnerability Notes", f"/vulnerabilities/{i}/notes", "missing")
        for i, vulnerability in _vulnerabilities(document)
        if "notes" not in vulnerability
    ]


def product_status(document: Document) -> list[Violation]:
    """6.1.27.6: each vulnerability of a security advisory has a product status."""
    if _category(document) != ADVISORY:
        return []
    return [
        Violation("6.1.27.6", "Product Status", f"/vulnerabilities/{i}/product_status", "missing")
        for i, vulnerability in _vulnerabilities(document)
        if "product_status" not in vulnerability
    ]


VEX_STATUSES = ("fixed", "known_affected", "known_not_affected", "under_investigation")


def vex_product_status(document: Document) -> list[Violation]:
    """6.1.27.7: each vulnerability of a VEX document has a fixed, known affected, known not
    affected or under investigation status."""
    if _category(document) != VEX:
        return []
    return [
        Violation(
            "6.1.27.7",
            "VEX Product Status",
            f"/vulnerabilities/{i}/product_status",
            f"none of {', '.join(VEX_STATUSES)} is given",
        )
        for i, vulnerability in _vulnerabilities(document)
        if not any(key in as_object(vulnerability.get("product_status")) for key in VEX_STATUSES)
    ]


def vulnerability_id(document: Document) -> list[Violation]:
    """6.1.27.8: each vulnerability of a VEX document has a CVE or other ids."""
    if _category(document) != VEX:
        return []
    return [
        Violation(
            "6.1.27.8", "Vulnerability ID", f"/vulnerabilities/{i}", "it has neither cve nor ids"
        )
        for i, vulnerability in _vulnerabilities(document)
        if "cve" not in vulnerability and "ids" not in vulnerability
    ]


Statement = tuple[str, Callable[[dict[str, Any]], bool]]  # a vulnerability's part, which items


def _uncovered(
    document: Document, test: str, name: str, status: str, statements: list[Statement]
) -> list[Violation]:
    """The products of a VEX document's ``status`` that no statement names, directly or
    through a product group; a statement is an item of one of the vulnerability's parts that
    its predicate accepts."""
    if _category(document) != VEX:
        return []
    members = group_members(document)
    wanted = " or ".join(part for part, _ in statements)
    found = []
    for i, vulnerability in _vulnerabilities(document):
        covered: set[str] = set()
        for part, counts in statements:
            for item in as_list(vulnerability.get(part)):
                if counts(as_object(item)):
                    covered |= products_of(as_object(item), members)
        listed = as_list(as_object(vulnerability.get("product_status")).get(status))
        for j, pid in enumerate(listed):
            if isinstance(pid, str) and pid not in covered:
                found.append(
                    Violation(
                        test,
                        name,
                        f"/vulnerabilities/{i}/product_status/{status}/{j}",
                        f"{pid!r} is {status} but no item of {wanted} names it",
                    )
                )
    return found


def impact_statement(document: Document) -> list[Violation]:
    """6.1.27.9: each known-not-affected product of a VEX document has an impact statement: a
    flag, or a threat of category impact."""
    statements: list[Statement] = [
        ("flags", lambda _: True),
        ("threats", lambda item: item.get("category") == "impact"),
    ]
    return _uncovered(document, "6.1.27.9", "Impact Statement", "known_not_affected", statements)


def action_statement(document: Document) -> list[Violation]:
    """6.1.27.10: each known-affected product of a VEX document has a remediation."""
    statements: list[Statement] = [("remediations", lambda _: True)]
    return _uncovered(document, "6.1.27.10", "Action Statement", "known_affected", statements)


def vulnerabilities(document: Document) -> list[Violation]:
    """6.1.27.11: a security advisory or VEX document has vulnerabilities."""
    if _category(document) not in (ADVISORY, VEX) or "vulnerabilities" in document:
        return []
    return [
        Violation(
            "6.1.27.11",
            "Vulnerabilities",
            "/vulnerabilities",
            f"a {_category(document)} needs them",
        )
    ]


PROFILE_TESTS: dict[str, Callable[[Document], list[Violation]]] = {
    "6.1.27.1": document_notes,
    "6.1.27.2": document_references,
    "6.1.27.3": informational_vulnerabilities,
    "6.1.27.4": product_tree,
    "6.1.27.5": vulnerability_notes,
    "6.1.27.6": product_status,
    "6.1.27.7": vex_product_status,
    "6.1.27.8": vulnerability_id,
    "6.1.27.9": impact_statement,
    "6.1.27.10": action_statement,
    "6.1.27.11": vulnerabilities,
}
