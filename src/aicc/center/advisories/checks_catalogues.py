"""CSAF 2.0 mandatory tests that look a value up in its catalogue: 6.1.11 (the CWE exists and has
that name), 6.1.12 (the language tag's subtags are in IANA's Language Subtag Registry) and
6.1.13 (the purl is valid).

The catalogues are offline data the server extra installs: MITRE's CWE list (the
``cwec_v4.14.xml`` that the ``cwe2`` package ships, read as data with defusedxml; none of that
package's code is used) and IANA's registry (the ``language-tags`` package). A CWE list of
another version can name an entry differently: every message says which version was used.
Deprecated subtags and a script subtag a language suppresses are still registered, so they
pass (a tool may replace them; BCP 47 keeps them valid); so do private-use tags and subtags
(``x-...``, ``qaa``-``qtz``), which the registry reserves rather than lists.
"""

from __future__ import annotations

import importlib.util
import re
from functools import cache
from pathlib import Path
from typing import Any

from defusedxml.ElementTree import iterparse
from packageurl import PackageURL

from aicc.center.advisories.schema import SchemaMissing
from aicc.center.advisories.walk import Document, Violation, as_list, as_object, full_product_names

CWE_FILE = "cwec_v4.14.xml"


@cache
def cwe_catalogue() -> tuple[str, dict[str, str]]:
    """The CWE list's version and the name of each entry (weakness, category, view) by id
    (``"CWE-79"``)."""
    spec = importlib.util.find_spec("cwe2")
    if spec is None or spec.origin is None:
        raise SchemaMissing(
            "CSAF mandatory test 6.1.11 needs MITRE's CWE list, which comes with the 'cwe2' "
            "package: pip install 'aicc[server]'"
        )
    path = Path(spec.origin).parent / "database_v49" / CWE_FILE
    names: dict[str, str] = {}
    version = "?"
    try:
        for event, element in iterparse(path, events=("start", "end")):
            tag = element.tag.rsplit("}", 1)[-1]
            if event == "start" and tag == "Weakness_Catalog":
                version = element.get("Version", "?")
            elif event == "end" and tag in ("Weakness", "Category", "View"):
                names[f"CWE-{element.get('ID')}"] = element.get("Name", "")
                element.clear()
    except (OSError, SyntaxError) as exc:  # ParseError is a SyntaxError
        raise SchemaMissing(f"{path}: the CWE list cannot be read: {exc}") from exc
    return version, names


def cwe(document: Document) -> list[Violation]:
    """6.1.11: each vulnerability's CWE exists in MITRE's list, under the name given."""
    found = []
    for i, vulnerability in enumerate(as_list(document.get("vulnerabilities"))):
        given = as_object(vulnerability).get("cwe")
        if not isinstance(given, dict):
            continue
        version, names = cwe_catalogue()
        where = f"/vulnerabilities/{i}/cwe"
        cwe_id, name = given.get("id"), given.get("name")
        if cwe_id not in names:
            found.append(
                Violation("6.1.11", "CWE", f"{where}/id", f"{cwe_id!r} is not in CWE {version}")
            )
        elif name != names[cwe_id]:
            found.append(
                Violation(
                    "6.1.11",
                    "CWE",
                    f"{where}/name",
                    f"{cwe_id} is named {names[cwe_id]!r} in CWE {version}, not {name!r}",
                )
            )
    return found


# language-tags' error codes for what the registry still holds: a deprecated tag or subtag, a
# script the language suppresses
_STILL_VALID = {1, 10, 11}
_PRIVATE_LANGUAGE = re.compile(r"^q[a-t][a-z]$")


def language_problems(tag: str) -> list[str]:
    """Why ``tag`` is not a valid language tag of registered subtags (empty: it is)."""
    from language_tags import tags  # reads the registry: only when a document is checked

    lowered = tag.lower()
    if lowered.startswith("x-"):  # a private-use tag: nothing registered to look up
        return [] if re.fullmatch(r"x(-[a-z0-9]{1,8})+", lowered) else [f"{tag!r} is malformed"]
    language = lowered.split("-", 1)[0]
    if _PRIVATE_LANGUAGE.match(language):  # qaa..qtz: reserved for private use
        lowered = "und" + lowered[3:]
    return [e.message for e in tags.tag(lowered).errors if e.code not in _STILL_VALID]


def language(document: Document) -> list[Violation]:
    """6.1.12: the document's language and source language are valid, registered tags."""
    head = as_object(document.get("document"))
    found = []
    for key in ("lang", "source_lang"):
        value: Any = head.get(key)
        if isinstance(value, str):
            found += [
                Violation(
                    "6.1.12",
                    "Language",
                    f"/document/{key}",
                    f"{value!r} is no valid tag of registered subtags: {why}",
                )
                for why in language_problems(value)
            ]
    return found


def purl(document: Document) -> list[Violation]:
    """6.1.13: each product's purl is valid (packageurl-python's parser, the purl spec's)."""
    found = []
    for name, where in full_product_names(document):
        value = as_object(name.get("product_identification_helper")).get("purl")
        if not isinstance(value, str):
            continue
        try:
            PackageURL.from_string(value)
        except ValueError as exc:
            found.append(
                Violation("6.1.13", "PURL", f"{where}/product_identification_helper/purl", str(exc))
            )
    return found
