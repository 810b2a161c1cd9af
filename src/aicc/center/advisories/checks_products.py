"""CSAF 2.0 mandatory tests of vulnerabilities and products: 6.1.23 (multiple use of same CVE),
6.1.24 (multiple definition in involvements), 6.1.25 (multiple use of same hash algorithm),
6.1.26 (prohibited document category name), 6.1.29 (remediation without product reference),
6.1.31 (version range in product version), 6.1.32 (flag without product reference) and 6.1.33
(multiple flags with VEX justification codes per product)."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from aicc.center.advisories.walk import (
    Document,
    Violation,
    as_list,
    as_object,
    branches,
    full_product_names,
    group_members,
    products_of,
    time_key,
)


def _vulnerabilities(document: Document) -> list[tuple[int, dict[str, Any]]]:
    return [(i, as_object(v)) for i, v in enumerate(as_list(document.get("vulnerabilities")))]


def multiple_use_of_cve(document: Document) -> list[Violation]:
    """6.1.23: no CVE is the subject of two vulnerabilities."""
    first: dict[str, int] = {}
    found = []
    for i, vulnerability in _vulnerabilities(document):
        cve = vulnerability.get("cve")
        if not isinstance(cve, str):
            continue
        if cve in first:
            found.append(
                Violation(
                    "6.1.23",
                    "Multiple Use of Same CVE",
                    f"/vulnerabilities/{i}/cve",
                    f"{cve} is already the CVE of /vulnerabilities/{first[cve]}",
                )
            )
        first.setdefault(cve, i)
    return found


def multiple_involvement_definition(document: Document) -> list[Violation]:
    """6.1.24: no party is involved twice at the same date (whatever the status) in one
    vulnerability; dates compare as instants."""
    found = []
    for i, vulnerability in _vulnerabilities(document):
        seen: dict[tuple[Any, Any], int] = {}
        for j, item in enumerate(as_list(vulnerability.get("involvements"))):
            item = as_object(item)
            when = time_key(item.get("date")) or item.get("date")
            key = (item.get("party"), when)
            if key in seen:
                found.append(
                    Violation(
                        "6.1.24",
                        "Multiple Definition in Involvements",
                        f"/vulnerabilities/{i}/involvements/{j}",
                        f"party {item.get('party')!r} is already involved at {item.get('date')}"
                        f" (involvements/{seen[key]})",
                    )
                )
            seen.setdefault(key, j)
    return found


def multiple_hash_algorithm(document: Document) -> list[Violation]:
    """6.1.25: one file's hashes use each algorithm once."""
    found = []
    for name, where in full_product_names(document):
        helper = as_object(name.get("product_identification_helper"))
        for i, item in enumerate(as_list(helper.get("hashes"))):
            here = f"{where}/product_identification_helper/hashes/{i}/file_hashes"
            seen: set[str] = set()
            for j, file_hash in enumerate(as_list(as_object(item).get("file_hashes"))):
                algorithm = as_object(file_hash).get("algorithm")
                if not isinstance(algorithm, str):
                    continue
                if algorithm.lower() in seen:
                    found.append(
                        Violation(
                            "6.1.25",
                            "Multiple Use of Same Hash Algorithm",
                            f"{here}/{j}/algorithm",
                            f"{algorithm} is used twice for one file",
                        )
                    )
                seen.add(algorithm.lower())
    return found


PROFILES = (
    "csaf_base",
    "csaf_security_incident_response",
    "csaf_informational_advisory",
    "csaf_security_advisory",
    "csaf_vex",
)
# the names (without csaf_) and the values of the profiles other than CSAF Base, compared with
# the dashes, white space and underscores taken out, case-blind
_NAMES = ("security_incident_response", "informational_advisory", "security_advisory", "vex")
_RESERVED = {name.replace("_", "") for name in _NAMES} | {
    "csaf" + name.replace("_", "") for name in _NAMES
}
_REMOVED = re.compile(r"[\s_\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d]+")


def prohibited_category_name(document: Document) -> list[Violation]:
    """6.1.26: a CSAF Base document's category is no other profile's name, and does not start
    with the reserved ``csaf_``."""
    category = as_object(document.get("document")).get("category")
    if not isinstance(category, str) or category in PROFILES:
        return []
    if category.lower().startswith("csaf_"):
        why = "it starts with the reserved prefix csaf_"
    elif _REMOVED.sub("", category).lower() in _RESERVED:
        why = "it is the name of a CSAF profile"
    else:
        return []
    return [
        Violation(
            "6.1.26",
            "Prohibited Document Category Name",
            "/document/category",
            f"{category!r}: {why}",
        )
    ]


def _without_products(document: Document, part: str, test: str, name: str) -> list[Violation]:
    return [
        Violation(test, name, f"/vulnerabilities/{i}/{part}/{j}", "it names no product or group")
        for i, vulnerability in _vulnerabilities(document)
        for j, item in enumerate(as_list(vulnerability.get(part)))
        if "product_ids" not in as_object(item) and "group_ids" not in as_object(item)
    ]


def remediation_without_products(document: Document) -> list[Violation]:
    """6.1.29: each remediation names products or product groups."""
    return _without_products(
        document, "remediations", "6.1.29", "Remediation without Product Reference"
    )


def flag_without_products(document: Document) -> list[Violation]:
    """6.1.32: each flag names products or product groups."""
    return _without_products(document, "flags", "6.1.32", "Flag without Product Reference")


RANGE_OPERATORS = ("<", "<=", ">", ">=")
RANGE_WORDS = ("after", "all", "before", "earlier", "later", "prior", "versions")


def version_range_in_product_version(document: Document) -> list[Violation]:
    """6.1.31: a ``product_version`` branch's name is no version range. As CSAF 2.0 Errata 01
    deems sufficient: lower-cased, the name contains none of the operators ``<``, ``<=``,
    ``>``, ``>=``, and none of its words (split at white space) is ``after``, ``all``,
    ``before``, ``earlier``, ``later``, ``prior`` or ``versions`` (``after-eight`` passes)."""
    found = []
    for branch, where in branches(document):
        value = branch.get("name")
        if branch.get("category") != "product_version" or not isinstance(value, str):
            continue
        lowered = value.lower()
        said = [op for op in RANGE_OPERATORS if op in lowered]
        said += [word for word in RANGE_WORDS if word in lowered.split()]
        if said:
            found.append(
                Violation(
                    "6.1.31",
                    "Version Range in Product Version",
                    f"{where}/name",
                    f"{value!r} is a version range ({', '.join(repr(w) for w in said)}):"
                    " use the category product_version_range",
                )
            )
    return found


VEX_JUSTIFICATIONS = {
    "component_not_present",
    "inline_mitigations_already_exist",
    "vulnerable_code_cannot_be_controlled_by_adversary",
    "vulnerable_code_not_in_execute_path",
    "vulnerable_code_not_present",
}


def multiple_vex_flags(document: Document) -> list[Violation]:
    """6.1.33: in each vulnerability a product is named (directly or through a product group)
    by at most one flag with a VEX justification code."""
    members = group_members(document)
    found = []
    for i, vulnerability in _vulnerabilities(document):
        flags: dict[str, list[int]] = defaultdict(list)
        for j, flag in enumerate(as_list(vulnerability.get("flags"))):
            if as_object(flag).get("label") in VEX_JUSTIFICATIONS:
                for pid in products_of(as_object(flag), members):
                    flags[pid].append(j)
        for pid, items in sorted(flags.items()):
            if len(items) > 1:
                found.append(
                    Violation(
                        "6.1.33",
                        "Multiple Flags with VEX Justification Codes per Product",
                        f"/vulnerabilities/{i}/flags/{items[1]}",
                        f"{pid!r} has {len(items)} VEX justification flags"
                        f" (flags {', '.join(map(str, items))})",
                    )
                )
    return found
