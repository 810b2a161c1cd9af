"""CSAF 2.0 mandatory tests of the document's tracking and languages: 6.1.15 (translator),
6.1.17 (document status draft), 6.1.18 (released revision history), 6.1.19 (revision history
entries for pre-release versions), 6.1.20 (non-draft document version), 6.1.22 (multiple
definition in revision history), 6.1.28 (translation) and 6.1.30 (mixed integer and semantic
versioning)."""

from __future__ import annotations

from collections import Counter

from aicc.center.advisories.walk import (
    HISTORY,
    Document,
    Violation,
    as_object,
    is_pre_release,
    is_zero,
    revisions,
    tracking,
    versioning,
)

RELEASED = ("final", "interim")


def translator(document: Document) -> list[Violation]:
    """6.1.15: a document whose publisher is a translator names its source language."""
    head = as_object(document.get("document"))
    if as_object(head.get("publisher")).get("category") != "translator" or head.get("source_lang"):
        return []
    return [
        Violation(
            "6.1.15",
            "Translator",
            "/document/source_lang",
            "the publisher is a translator but the source language is not given",
        )
    ]


def document_status_draft(document: Document) -> list[Violation]:
    """6.1.17: a document at version 0, 0.y.z or a pre-release is a draft."""
    version, status = tracking(document).get("version"), tracking(document).get("status")
    if version is None or status == "draft" or not (is_zero(version) or is_pre_release(version)):
        return []
    return [
        Violation(
            "6.1.17",
            "Document Status Draft",
            "/document/tracking/status",
            f"the version is {version} but the status is {status!r}, not 'draft'",
        )
    ]


def released_revision_history(document: Document) -> list[Violation]:
    """6.1.18: a final or interim document has no revision numbered 0 or 0.y.z."""
    status = tracking(document).get("status")
    if status not in RELEASED:
        return []
    return [
        Violation(
            "6.1.18",
            "Released Revision History",
            f"{HISTORY}/{i}/number",
            f"the status is {status!r} but revision {item['number']} is unreleased",
        )
        for i, item in revisions(document)
        if "number" in item and is_zero(item["number"])
    ]


def pre_release_revisions(document: Document) -> list[Violation]:
    """6.1.19: no revision's number has a pre-release part."""
    return [
        Violation(
            "6.1.19",
            "Revision History Entries for Pre-release Versions",
            f"{HISTORY}/{i}/number",
            f"revision {item['number']} is a pre-release",
        )
        for i, item in revisions(document)
        if "number" in item and is_pre_release(item["number"])
    ]


def non_draft_document_version(document: Document) -> list[Violation]:
    """6.1.20: the version of a final or interim document has no pre-release part."""
    version, status = tracking(document).get("version"), tracking(document).get("status")
    if status not in RELEASED or version is None or not is_pre_release(version):
        return []
    return [
        Violation(
            "6.1.20",
            "Non-draft Document Version",
            "/document/tracking/version",
            f"the status is {status!r} but the version {version} is a pre-release",
        )
    ]


def multiple_revision_definition(document: Document) -> list[Violation]:
    """6.1.22: no two revisions have the same number."""
    numbers = [(i, str(item["number"])) for i, item in revisions(document) if "number" in item]
    counts = Counter(number for _, number in numbers)
    return [
        Violation(
            "6.1.22",
            "Multiple Definition in Revision History",
            f"{HISTORY}/{i}/number",
            f"{counts[number]} revisions are numbered {number}",
        )
        for i, number in numbers
        if counts[number] > 1
    ]


def translation(document: Document) -> list[Violation]:
    """6.1.28: the source language differs from the document's (tags compare case-blind)."""
    head = as_object(document.get("document"))
    lang, source = head.get("lang"), head.get("source_lang")
    if not (isinstance(lang, str) and isinstance(source, str)) or lang.lower() != source.lower():
        return []
    return [
        Violation(
            "6.1.28",
            "Translation",
            "/document/source_lang",
            f"the document and its source have the same language {lang}",
        )
    ]


def mixed_versioning(document: Document) -> list[Violation]:
    """6.1.30: the revision numbers and the version all follow integer versioning or all
    semantic versioning; what differs from the first revision (the version, when there is no
    revision) is named."""
    found = [
        (f"{HISTORY}/{i}/number", str(item["number"]), versioning(item["number"]))
        for i, item in revisions(document)
        if "number" in item
    ]
    if "version" in tracking(document):
        version = tracking(document)["version"]
        found.append(("/document/tracking/version", str(version), versioning(version)))
    kinds = [(path, number, kind) for path, number, kind in found if kind is not None]
    if not kinds:
        return []
    first = kinds[0]
    return [
        Violation(
            "6.1.30",
            "Mixed Integer and Semantic Versioning",
            path,
            f"{number} follows {kind} versioning but {first[1]} follows {first[2]} versioning",
        )
        for path, number, kind in kinds[1:]
        if kind != first[2]
    ]
