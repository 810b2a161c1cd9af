"""The CSAF 2.0 mandatory tests (OASIS CSAF 2.0, section 6.1), all of them: none needs the network.

Each test is a small function over a parsed document that returns what it found wrong, each
with the JSON pointer of its place; `mandatory_tests` runs them all, `MANDATORY` names each by
its number. This module holds 6.1.1 to 6.1.8 (product and group ids, circular relationships,
contradicting product statuses, several scores of one CVSS version per product, CVSS objects
against FIRST's schemas) and the revision history's order (6.1.14, 6.1.16, 6.1.21); the others
are in `checks_cvss` (6.1.9, 6.1.10), `checks_catalogues` (CWE, language tags, purls: 6.1.11 to
6.1.13), `checks_tracking` (versions, statuses, languages of the document: 6.1.15, 6.1.17 to
6.1.20, 6.1.22, 6.1.28, 6.1.30), `checks_products` (6.1.23 to 6.1.26, 6.1.29, 6.1.31 to
6.1.33) and `checks_profiles` (6.1.27.1 to 6.1.27.11).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from itertools import pairwise

from aicc.center.advisories import (
    checks_catalogues,
    checks_cvss,
    checks_products,
    checks_profiles,
    checks_tracking,
)
from aicc.center.advisories.schema import cvss_errors
from aicc.center.advisories.walk import (
    HISTORY,
    Document,
    Violation,
    as_list,
    as_object,
    defined_products,
    history,
)

__all__ = ["MANDATORY", "Violation", "defined_products", "mandatory_tests", "referenced_products"]

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
    tree = as_object(document.get("product_tree"))
    for i, group in enumerate(as_list(tree.get("product_groups"))):
        for j, pid in enumerate(as_list(as_object(group).get("product_ids"))):
            yield pid, f"/product_tree/product_groups/{i}/product_ids/{j}"
    for i, item in enumerate(as_list(tree.get("relationships"))):
        for key in ("product_reference", "relates_to_product_reference"):
            if isinstance(as_object(item).get(key), str):
                yield item[key], f"/product_tree/relationships/{i}/{key}"
    for i, vulnerability in enumerate(as_list(document.get("vulnerabilities"))):
        where = f"/vulnerabilities/{i}"
        vulnerability = as_object(vulnerability)
        status = as_object(vulnerability.get("product_status"))
        for key in STATUSES:
            for j, pid in enumerate(as_list(status.get(key))):
                yield pid, f"{where}/product_status/{key}/{j}"
        for part, key in (
            ("remediations", "product_ids"),
            ("threats", "product_ids"),
            ("flags", "product_ids"),
            ("scores", "products"),
        ):
            for j, item in enumerate(as_list(vulnerability.get(part))):
                for k, pid in enumerate(as_list(as_object(item).get(key))):
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
    relationships = as_list(as_object(document.get("product_tree")).get("relationships"))
    refers: dict[str, set[str]] = defaultdict(set)
    for item in relationships:
        item = as_object(item)
        own = as_object(item.get("full_product_name")).get("product_id")
        for key in ("product_reference", "relates_to_product_reference"):
            if isinstance(own, str) and isinstance(item.get(key), str):
                refers[own].add(item[key])
    found = []
    for i, item in enumerate(relationships):
        own = as_object(as_object(item).get("full_product_name")).get("product_id")
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
    groups = as_list(as_object(document.get("product_tree")).get("product_groups"))
    return [
        (g["group_id"], f"/product_tree/product_groups/{i}/group_id")
        for i, g in enumerate(groups)
        if isinstance(as_object(g).get("group_id"), str)
    ]


def missing_group_definition(document: Document) -> list[Violation]:
    """6.1.4: every product group id used is defined in the product tree."""
    defined = {gid for gid, _ in _groups(document)}
    found = []
    for i, vulnerability in enumerate(as_list(document.get("vulnerabilities"))):
        for part in ("remediations", "threats", "flags"):
            for j, item in enumerate(as_list(as_object(vulnerability).get(part))):
                for k, gid in enumerate(as_list(as_object(item).get("group_ids"))):
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
    for i, vulnerability in enumerate(as_list(document.get("vulnerabilities"))):
        status = as_object(as_object(vulnerability).get("product_status"))
        groups: dict[str, set[str]] = defaultdict(set)
        for key, group in STATUS_GROUPS.items():
            for pid in as_list(status.get(key)):
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
    for i, vulnerability in enumerate(as_list(document.get("vulnerabilities"))):
        seen: set[tuple[str, str, str]] = set()
        for j, score in enumerate(as_list(as_object(vulnerability).get("scores"))):
            score = as_object(score)
            versions = [
                (kind, str(as_object(score.get(kind)).get("version")))
                for kind in ("cvss_v2", "cvss_v3")
                if kind in score
            ]
            for pid in as_list(score.get("products")):
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
    for i, vulnerability in enumerate(as_list(document.get("vulnerabilities"))):
        for j, score in enumerate(as_list(as_object(vulnerability).get("scores"))):
            for kind in ("cvss_v2", "cvss_v3"):
                value = as_object(score).get(kind)
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


def sorted_revision_history(document: Document) -> list[Violation]:
    """6.1.14: sorted by date (items of one date by number), the revision history's numbers
    ascend."""
    items = sorted(history(document), key=lambda item: (item[1], item[2]))
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
    items = sorted(history(document), key=lambda item: (item[1], item[2]))
    if not items:
        return []
    tracking = as_object(as_object(document.get("document")).get("tracking"))
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
    items = sorted(history(document), key=lambda item: (item[1], item[2]))
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


MANDATORY: dict[str, Callable[[Document], list[Violation]]] = {
    "6.1.1": missing_product_definition,
    "6.1.2": multiple_product_definition,
    "6.1.3": circular_product_definition,
    "6.1.4": missing_group_definition,
    "6.1.5": multiple_group_definition,
    "6.1.6": contradicting_product_status,
    "6.1.7": multiple_scores_per_version,
    "6.1.8": invalid_cvss,
    "6.1.9": checks_cvss.invalid_cvss_computation,
    "6.1.10": checks_cvss.inconsistent_cvss,
    "6.1.11": checks_catalogues.cwe,
    "6.1.12": checks_catalogues.language,
    "6.1.13": checks_catalogues.purl,
    "6.1.14": sorted_revision_history,
    "6.1.15": checks_tracking.translator,
    "6.1.16": latest_document_version,
    "6.1.17": checks_tracking.document_status_draft,
    "6.1.18": checks_tracking.released_revision_history,
    "6.1.19": checks_tracking.pre_release_revisions,
    "6.1.20": checks_tracking.non_draft_document_version,
    "6.1.21": missing_revision_item,
    "6.1.22": checks_tracking.multiple_revision_definition,
    "6.1.23": checks_products.multiple_use_of_cve,
    "6.1.24": checks_products.multiple_involvement_definition,
    "6.1.25": checks_products.multiple_hash_algorithm,
    "6.1.26": checks_products.prohibited_category_name,
    **checks_profiles.PROFILE_TESTS,
    "6.1.28": checks_tracking.translation,
    "6.1.29": checks_products.remediation_without_products,
    "6.1.30": checks_tracking.mixed_versioning,
    "6.1.31": checks_products.version_range_in_product_version,
    "6.1.32": checks_products.flag_without_products,
    "6.1.33": checks_products.multiple_vex_flags,
}


def mandatory_tests(document: Document) -> list[Violation]:
    """What the mandatory tests find wrong in ``document`` (empty: it passes)."""
    return [found for check in MANDATORY.values() for found in check(document)]
