"""Matching VEX statements to components and findings, by purl, CPE or bom-ref."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

from packageurl import PackageURL
from packaging.version import InvalidVersion, Version

from aicc.core.components import Component
from aicc.core.findings import Finding
from aicc.core.packages import product_key, purl_for
from aicc.core.vex import VexStatement
from aicc.validate.vex._common import _ANY, _cpe_fields, _Identity, _identity, _purl_identity


@lru_cache(maxsize=65536)
def _component_identities(component: Component) -> tuple[_Identity, ...]:
    """Every identity a component is known by: its purl (and a Debian or Alpine binary's
    ``upstream`` source package), its CPE or vendor and product."""
    found: list[_Identity] = []
    purl_text = component.purl
    if purl_text is None and component.ecosystem:
        try:
            purl_text = purl_for(component.ecosystem, component.name, component.version)
        except ValueError:
            purl_text = None
    if purl_text:
        try:
            purl = PackageURL.from_string(purl_text)
        except ValueError:
            purl = None
        if purl is not None:
            found.append(_purl_identity(purl, version=purl.version or component.version))
            upstream, _, upstream_version = purl.qualifiers.get("upstream", "").partition("@")
            if upstream:
                found.append(_purl_identity(purl, upstream, upstream_version or purl.version))
    cpe = _cpe_fields(component.cpe) if component.cpe else None
    if cpe is not None:
        version = cpe[2] if cpe[2] not in _ANY else component.version
        found.append(
            _Identity(
                "cpe",
                (product_key(cpe[0]), product_key(cpe[1])),
                version.lower() if version else None,
            )
        )
    elif component.vendor and (component.product or component.name):
        found.append(
            _Identity(
                "cpe",
                (product_key(component.vendor), product_key(component.product or component.name)),
                component.version.lower() if component.version else None,
            )
        )
    return tuple(found)


def _same_version(kind: str, wanted: str, have: str | None) -> bool:
    if have is None:
        return False
    if wanted == have:
        return True
    if kind == "pypi":  # PEP 440: 2.2 == 2.2.0, 1.0RC1 == 1.0rc1
        try:
            return Version(wanted) == Version(have)
        except InvalidVersion:
            return False
    if kind == "golang":  # Go versions with and without the "v" of the module tag
        return wanted.removeprefix("v") == have.removeprefix("v")
    return False


def _product_applies(product: str, component: Component) -> bool | None:
    """None when ``product`` does not name ``component``; else whether it names a version."""
    wanted = _identity(product)
    if wanted is None:  # a bom-ref names the component itself, whatever its version
        return False if product == component.bom_ref else None
    for have in _component_identities(component):
        if have.kind != wanted.kind:
            continue
        if wanted.kind == "cpe":
            if not all(w in {"*", h} for w, h in zip(wanted.key, have.key, strict=True)):
                continue
        elif wanted.key != have.key:
            continue
        if wanted.version is None:
            return False
        if _same_version(
            wanted.key[0] if wanted.kind == "purl" else "", wanted.version, have.version
        ):
            return True
    # A purl or CPE used as a bom-ref, when it does not match by itself.
    return False if product == component.bom_ref else None


def _applies(statement: VexStatement, component: Component) -> bool | None:
    """None when no product of ``statement`` names ``component``; else whether one that does
    names a version."""
    found: bool | None = None
    for product in statement.products:
        versioned = _product_applies(product, component)
        if versioned:
            return True
        if versioned is not None:
            found = False
    return found


def applies_to(statement: VexStatement, component: Component) -> bool:
    """Whether one of the statement's products names ``component``.

    A purl matches type, namespace and name (as the ecosystem normalises names, PEP 503 for
    PyPI) and, when it has a version, the component's version; qualifiers and subpath are
    ignored. A CPE matches vendor, product and version, ``*`` and ``-`` matching any. A product
    equal to the component's ``bom_ref`` matches.
    """
    return _applies(statement, component) is not None


def match_vex(
    findings: Sequence[Finding], statements: Sequence[VexStatement]
) -> list[VexStatement | None]:
    """For each finding, the statement that speaks for it, or None.

    A statement applies when its vulnerability or one of its aliases is the finding's id or one
    of its aliases, and one of its products names the finding's component. Of several, the
    latest timestamp wins; on a tie, one whose matching product names a version; then the one
    given last.
    """
    by_id: dict[str, list[int]] = {}
    for number, statement in enumerate(statements):
        for vid in {statement.vulnerability.upper(), *(a.upper() for a in statement.aliases)}:
            by_id.setdefault(vid, []).append(number)
    matched: list[VexStatement | None] = []
    for finding in findings:
        candidates = {
            n for vid in (finding.id, *finding.aliases) for n in by_id.get(vid.upper(), ())
        }
        best: VexStatement | None = None
        best_key: tuple[datetime, bool, int] | None = None
        for number in candidates:
            statement = statements[number]
            versioned = _applies(statement, finding.component)
            if versioned is None:
                continue
            key = (statement.timestamp or datetime.min, versioned, number)
            if best_key is None or key > best_key:
                best, best_key = statement, key
        matched.append(best)
    return matched
