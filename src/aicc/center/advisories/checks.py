"""The CSAF 2.0 mandatory tests a validator can run offline (OASIS CSAF 2.0, section 6.1).

Each test is a small function over a parsed document that returns what it found wrong, each
with the JSON pointer of its place; `mandatory_tests` runs them all. Implemented: 6.1.1 to
6.1.8 (product and group ids, circular relationships, contradicting product statuses, several
scores of one CVSS version per product, CVSS objects against FIRST's schemas), 6.1.14 (sorted
revision history), 6.1.16 (latest document version), 6.1.21 (missing item in the revision
history) and the 6.1.27 profile tests of ``csaf_security_advisory`` (product tree,
vulnerabilities, their notes and product statuses). The others (CVSS computation, CWE names,
language tags, purls, hashes...) are not run here and nothing claims them.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from itertools import pairwise
from typing import Any

from aicc.center.advisories.schema import cvss_errors

Document = dict[str, Any]


@dataclass(frozen=True)
class Violation:
    """One failed mandatory test: its number and name, the place (a JSON pointer), and why."""

    test: str
    name: str
    path: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"test": self.test, "name": self.name, "path": self.path, "message": self.message}


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _products_in_branches(branches: Any, path: str) -> Iterator[tuple[str, str]]:
    stack = [(branches, path)]
    while stack:
        items, where = stack.pop()
        for i, branch in enumerate(_list(items)):
            here = f"{where}/{i}"
            product = _dict(_dict(branch).get("product"))
            if isinstance(product.get("product_id"), str):
                yield product["product_id"], f"{here}/product/product_id"
            stack.append((_dict(branch).get("branches"), f"{here}/branches"))


def defined_products(document: Document) -> list[tuple[str, str]]:
    """Every product id the product tree defines, with the place of each definition."""
    tree = _dict(document.get("product_tree"))
    found = list(_products_in_branches(tree.get("branches"), "/product_tree/branches"))
    for i, item in enumerate(_list(tree.get("full_product_names"))):
        if isinstance(_dict(item).get("product_id"), str):
            found.append((item["product_id"], f"/product_tree/full_product_names/{i}/product_id"))
    for i, item in enumerate(_list(tree.get("relationships"))):
        name = _dict(_dict(item).get("full_product_name"))
        if isinstance(name.get("product_id"), str):
            where = f"/product_tree/relationships/{i}/full_product_name/product_id"
            found.append((name["product_id"], where))
    return found


STATUSES = (
    "first_affected",
    "first_fixed",
    "fixed",
    "known_affected",
    "known_not_affected",
    "last_affected",
    "recommended",
    "under_investigation",
)


def referenced_products(document: Document) -> Iterator[tuple[str, str]]:
    """Every product id used outside the definitions, with its place."""
    tree = _dict(document.get("product_tree"))
    for i, group in enumerate(_list(tree.get("product_groups"))):
        for j, pid in enumerate(_list(_dict(group).get("product_ids"))):
            yield pid, f"/product_tree/product_groups/{i}/product_ids/{j}"
    for i, item in enumerate(_list(tree.get("relationships"))):
        for key in ("product_reference", "relates_to_product_reference"):
            if isinstance(_dict(item).get(key), str):
                yield item[key], f"/product_tree/relationships/{i}/{key}"
    for i, vulnerability in enumerate(_list(document.get("vulnerabilities"))):
        where = f"/vulnerabilities/{i}"
        vulnerability = _dict(vulnerability)
        status = _dict(vulnerability.get("product_status"))
        for key in STATUSES:
            for j, pid in enumerate(_list(status.get(key))):
                yield pid, f"{where}/product_status/{key}/{j}"
        for part, key in (
            ("remediations", "product_ids"),
            ("threats", "product_ids"),
            ("flags", "product_ids"),
            ("scores", "products"),
        ):
            for j, item in enumerate(_list(vulnerability.get(part))):
                for k, pid in enumerate(_list(_dict(item).get(key))):
                    yield pid, f"{where}/{part}/{j}/{key}/{k}"


def missing_product_definition(document: Document) -> list[Violation]:
    """6.1.1: every product id used is defined in the product tree."""
    defined = {pid for pid, _ in defined_products(document)}
    return [
        Violation("6.1.1", "Missing Definition of Product ID", path, f"{pid!r} is not defined")
        for pid, path in referenced_products(document)
        if isinstance(pid, str) and pid not in defined
    ]


def multiple_product_definition(document: Document) -> list[Violation]:
    """6.1.2: no product id is defined twice."""
    found = defined_products(document)
    counts = Counter(pid for pid, _ in found)
    return [
        Violation("6.1.2", "Multiple Definition of Product ID", path, f"{pid!r} is defined twice")
        for pid, path in found
        if counts[pid] > 1
    ]


def circular_product_definition(document: Document) -> list[Violation]:
    """6.1.3: no relationship refers, directly or through others, to the product it defines."""
    relationships = _list(_dict(document.get("product_tree")).get("relationships"))
    refers: dict[str, set[str]] = defaultdict(set)
    for item in relationships:
        item = _dict(item)
        own = _dict(item.get("full_product_name")).get("product_id")
        for key in ("product_reference", "relates_to_product_reference"):
            if isinstance(own, str) and isinstance(item.get(key), str):
                refers[own].add(item[key])
    found = []
    for i, item in enumerate(relationships):
        own = _dict(_dict(item).get("full_product_name")).get("product_id")
        if not isinstance(own, str):
            continue
        seen: set[str] = set()
        stack = list(refers[own])
        while stack:
            pid = stack.pop()
            if pid == own:
                found.append(
                    Violation(
                        "6.1.3",
                        "Circular Definition of Product ID",
                        f"/product_tree/relationships/{i}/full_product_name/product_id",
                        f"{own!r} is defined by a relationship that refers back to it",
                    )
                )
                break
            if pid not in seen:
                seen.add(pid)
                stack.extend(refers.get(pid, ()))
    return found


def _groups(document: Document) -> list[tuple[str, str]]:
    groups = _list(_dict(document.get("product_tree")).get("product_groups"))
    return [
        (g["group_id"], f"/product_tree/product_groups/{i}/group_id")
        for i, g in enumerate(groups)
        if isinstance(_dict(g).get("group_id"), str)
    ]


def missing_group_definition(document: Document) -> list[Violation]:
    """6.1.4: every product group id used is defined in the product tree."""
    defined = {gid for gid, _ in _groups(document)}
    found = []
    for i, vulnerability in enumerate(_list(document.get("vulnerabilities"))):
        for part in ("remediations", "threats", "flags"):
            for j, item in enumerate(_list(_dict(vulnerability).get(part))):
                for k, gid in enumerate(_list(_dict(item).get("group_ids"))):
                    if isinstance(gid, str) and gid not in defined:
                        found.append(
                            Violation(
                                "6.1.4",
                                "Missing Definition of Product Group ID",
                                f"/vulnerabilities/{i}/{part}/{j}/group_ids/{k}",
                                f"{gid!r} is not defined",
                            )
                        )
    return found


def multiple_group_definition(document: Document) -> list[Violation]:
    """6.1.5: no product group id is defined twice."""
    found = _groups(document)
    counts = Counter(gid for gid, _ in found)
    return [
        Violation(
            "6.1.5", "Multiple Definition of Product Group ID", path, f"{gid!r} is defined twice"
        )
        for gid, path in found
        if counts[gid] > 1
    ]


STATUS_GROUPS = {
    "first_affected": "affected",
    "known_affected": "affected",
    "last_affected": "affected",
    "known_not_affected": "not affected",
    "first_fixed": "fixed",
    "fixed": "fixed",
    "under_investigation": "under investigation",
}


def contradicting_product_status(document: Document) -> list[Violation]:
    """6.1.6: no product is in two status groups (affected, not affected, fixed, under
    investigation) of one vulnerability."""
    found = []
    for i, vulnerability in enumerate(_list(document.get("vulnerabilities"))):
        status = _dict(_dict(vulnerability).get("product_status"))
        groups: dict[str, set[str]] = defaultdict(set)
        for key, group in STATUS_GROUPS.items():
            for pid in _list(status.get(key)):
                if isinstance(pid, str):
                    groups[pid].add(group)
        for pid, said in sorted(groups.items()):
            if len(said) > 1:
                found.append(
                    Violation(
                        "6.1.6",
                        "Contradicting Product Status",
                        f"/vulnerabilities/{i}/product_status",
                        f"{pid!r} is listed as {' and '.join(sorted(said))}",
                    )
                )
    return found


def multiple_scores_per_version(document: Document) -> list[Violation]:
    """6.1.7: a product has at most one score per CVSS version in each vulnerability."""
    found = []
    for i, vulnerability in enumerate(_list(document.get("vulnerabilities"))):
        seen: set[tuple[str, str, str]] = set()
        for j, score in enumerate(_list(_dict(vulnerability).get("scores"))):
            score = _dict(score)
            versions = [
                (kind, str(_dict(score.get(kind)).get("version")))
                for kind in ("cvss_v2", "cvss_v3")
                if kind in score
            ]
            for pid in _list(score.get("products")):
                for kind, version in versions:
                    if (pid, kind, version) in seen:
                        found.append(
                            Violation(
                                "6.1.7",
                                "Multiple Scores with same Version per Product",
                                f"/vulnerabilities/{i}/scores/{j}",
                                f"{pid!r} has a second CVSS {version} score",
                            )
                        )
                    seen.add((pid, kind, version))
    return found


def invalid_cvss(document: Document) -> list[Violation]:
    """6.1.8: each CVSS object is valid against FIRST's schema of its version."""
    found = []
    for i, vulnerability in enumerate(_list(document.get("vulnerabilities"))):
        for j, score in enumerate(_list(_dict(vulnerability).get("scores"))):
            for kind in ("cvss_v2", "cvss_v3"):
                value = _dict(score).get(kind)
                if value is None:
                    continue
                for message in cvss_errors(kind, value):
                    found.append(
                        Violation(
                            "6.1.8",
                            "Invalid CVSS",
                            f"/vulnerabilities/{i}/scores/{j}/{kind}",
                            message,
                        )
                    )
    return found


_INTEGER = re.compile(r"^(0|[1-9][0-9]*)$")
_SEMVER = re.compile(
    r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def _version_key(number: Any) -> tuple[Any, ...] | None:
    """Integer or semantic versions, ordered (a pre-release before its release)."""
    text = str(number)
    if _INTEGER.match(text):
        return (int(text), 0, 0, 1, ())
    match = _SEMVER.match(text)
    if match is None:
        return None
    pre = match.group(4)
    parts = tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in (pre or "").split("."))
    return (int(match.group(1)), int(match.group(2)), int(match.group(3)), 0 if pre else 1, parts)


def _time_key(text: Any) -> tuple[datetime, Decimal] | None:
    """A timestamp to the precision written (``...00.00010Z`` is after ``...00.000Z``)."""
    match = _TIME.match(str(text))
    if match is None:
        return None
    zone = "+00:00" if match.group(3) == "Z" else match.group(3)
    try:
        moment = datetime.fromisoformat(match.group(1) + zone).astimezone(UTC)
    except ValueError:
        return None
    return moment, Decimal(match.group(2) or "0")


def _history(document: Document) -> list[tuple[int, tuple[Any, ...], tuple[Any, ...], str]]:
    """The revision history's readable items: (index, time key, version key, number)."""
    tracking = _dict(_dict(document.get("document")).get("tracking"))
    items = []
    for i, item in enumerate(_list(tracking.get("revision_history"))):
        item = _dict(item)
        when, version = _time_key(item.get("date")), _version_key(item.get("number"))
        if when is not None and version is not None:
            items.append((i, when, version, str(item.get("number"))))
    return items


HISTORY = "/document/tracking/revision_history"


def sorted_revision_history(document: Document) -> list[Violation]:
    """6.1.14: sorted by date (items of one date by number), the revision history's numbers
    ascend."""
    items = sorted(_history(document), key=lambda item: (item[1], item[2]))
    return [
        Violation(
            "6.1.14",
            "Sorted Revision History",
            f"{HISTORY}/{later[0]}/number",
            f"version {later[3]} is dated after version {earlier[3]} but is lower",
        )
        for earlier, later in pairwise(items)
        if later[2] < earlier[2]
    ]


def _without_build(number: str, draft: bool) -> str:
    number = number.split("+", 1)[0]
    return number.split("-", 1)[0] if draft else number


def latest_document_version(document: Document) -> list[Violation]:
    """6.1.16: the document's version is the number of the revision history's latest item
    (by date, then number), build metadata aside, and a pre-release aside in a draft."""
    items = sorted(_history(document), key=lambda item: (item[1], item[2]))
    if not items:
        return []
    tracking = _dict(_dict(document.get("document")).get("tracking"))
    draft = tracking.get("status") == "draft"
    version, latest = str(tracking.get("version")), items[-1][3]
    if _without_build(version, draft) == _without_build(latest, draft):
        return []
    return [
        Violation(
            "6.1.16",
            "Latest Document Version",
            "/document/tracking/version",
            f"the version is {version} but the latest revision is {latest}",
        )
    ]


def missing_revision_item(document: Document) -> list[Violation]:
    """6.1.21: sorted by date, the revision history starts at (major) version 0 or 1 and omits
    no (major) version after it."""
    items = sorted(_history(document), key=lambda item: (item[1], item[2]))
    if not items:
        return []
    found = []
    first = items[0][2][0]
    if first not in (0, 1):
        found.append(
            Violation(
                "6.1.21",
                "Missing Item in Revision History",
                f"{HISTORY}/{items[0][0]}/number",
                f"the first revision is {items[0][3]}, not 0 or 1",
            )
        )
    for earlier, later in pairwise(items):
        if later[2][0] - earlier[2][0] > 1:
            found.append(
                Violation(
                    "6.1.21",
                    "Missing Item in Revision History",
                    f"{HISTORY}/{later[0]}/number",
                    f"no revision between {earlier[3]} and {later[3]}",
                )
            )
    return found


ADVISORY = "csaf_security_advisory"


def _is_advisory(document: Document) -> bool:
    return _dict(document.get("document")).get("category") == ADVISORY


def advisory_product_tree(document: Document) -> list[Violation]:
    """6.1.27.4: a security advisory has a product tree."""
    if not _is_advisory(document) or "product_tree" in document:
        return []
    return [Violation("6.1.27.4", "Product Tree", "/", "a security advisory needs a product_tree")]


def advisory_vulnerability_notes(document: Document) -> list[Violation]:
    """6.1.27.5: each vulnerability of a security advisory has notes."""
    if not _is_advisory(document):
        return []
    return [
        Violation("6.1.27.5", "Vulnerability Notes", f"/vulnerabilities/{i}", "it has no notes")
        for i, vulnerability in enumerate(_list(document.get("vulnerabilities")))
        if "notes" not in _dict(vulnerability)
    ]


def advisory_product_status(document: Document) -> list[Violation]:
    """6.1.27.6: each vulnerability of a security advisory has a product status."""
    if not _is_advisory(document):
        return []
    return [
        Violation("6.1.27.6", "Product Status", f"/vulnerabilities/{i}", "it has no product_status")
        for i, vulnerability in enumerate(_list(document.get("vulnerabilities")))
        if "product_status" not in _dict(vulnerability)
    ]


def advisory_vulnerabilities(document: Document) -> list[Violation]:
    """6.1.27.11: a security advisory has vulnerabilities."""
    if not _is_advisory(document) or "vulnerabilities" in document:
        return []
    return [
        Violation("6.1.27.11", "Vulnerabilities", "/", "a security advisory needs vulnerabilities")
    ]


MANDATORY: dict[str, Callable[[Document], list[Violation]]] = {
    "6.1.1": missing_product_definition,
    "6.1.2": multiple_product_definition,
    "6.1.3": circular_product_definition,
    "6.1.4": missing_group_definition,
    "6.1.5": multiple_group_definition,
    "6.1.6": contradicting_product_status,
    "6.1.7": multiple_scores_per_version,
    "6.1.8": invalid_cvss,
    "6.1.14": sorted_revision_history,
    "6.1.16": latest_document_version,
    "6.1.21": missing_revision_item,
    "6.1.27.4": advisory_product_tree,
    "6.1.27.5": advisory_vulnerability_notes,
    "6.1.27.6": advisory_product_status,
    "6.1.27.11": advisory_vulnerabilities,
}


def mandatory_tests(document: Document) -> list[Violation]:
    """What the implemented mandatory tests find wrong in ``document`` (empty: it passes)."""
    return [found for check in MANDATORY.values() for found in check(document)]
