"""Appliances and installed software (vendor/product/version or CPE) against CVE and NVD data.

Only components without a package ecosystem come here: a library is never matched against
CPE-only data, the false-positive trap of CPE matching. Each row is first resolved to the
products of the catalogue it names (`aicc.match.resolve`); a row that names none, whose
version holds no number, or whose version cannot be compared with those its product's records
give ("CU13" where Exchange's records give builds, 15.02.1258.028), is *unmatched* with the
reason, never dropped. A version typed in a documented form of the vendor's own ("NS13.1: Build
48.47.nc", NetScaler's show version) is first read into the records' form (`read_typed`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from sqlalchemy import Connection, select

from aicc.core.components import Component
from aicc.core.cpe import split_cpe
from aicc.core.problems import Identification, Problem, Unmatched
from aicc.feeds.csaf import remediation_texts
from aicc.feeds.nvd import running_on
from aicc.match.references import vendor_advisories
from aicc.match.resolve import NoProduct, Resolution, Resolver
from aicc.match.version_forms import Forms, VersionForms, entry_texts, forms_of
from aicc.store import tables as t
from aicc.store.batching import in_chunks
from aicc.versions import CveProduct, names_product, nvd_match
from aicc.versions._cve import vendor_order
from aicc.versions._cve_ranges import stated_bound
from aicc.versions._ecosystems import key_in_order, scheme_key
from aicc.versions._range_text import matched_range, nvd_range
from aicc.versions._typed import read_typed

_NUMBERS = re.compile(r"\d+")
# one source's answer for a row and a CVE: affected?, fixed, fixed after, platforms, range
Decision = tuple[bool, list[str], list[str], list[str], str]
_DIGIT = re.compile(r"\d")


@dataclass(frozen=True, slots=True)
class ApplianceHit:
    """One appliance affected by one CVE, with the evidence that decided it."""

    component: Component
    cve_id: str
    fixed: tuple[str, ...]  # releases the data names as fixing it, on the installed branch
    decided_by: str  # "cna", the ADP's name, or "nvd"
    fixed_after: tuple[str, ...] = ()  # "lessThanOrEqual X": a release later than X fixes it
    identified: str = ""  # how the row's product was found
    matched: str = ""  # the range that holds the version, and whose: "13.1 ≤ v < ..., from ..."
    platforms: tuple[str, ...] = ()  # the record says: affected only on these
    advisory_urls: tuple[str, ...] = ()  # a CSAF advisory's vendor_fix URLs, then its own
    summary: str | None = None  # a CSAF vulnerability's title, for one no CVE record describes
    remediations: tuple[str, ...] = ()  # a CSAF advisory's remediations: "Mitigation: ..."
    data_problems: tuple[str, ...] = ()  # ranges of its records that could not be read
    version_order: str = "vendor"  # the order its versions compare in ("vendor:exchange")


def version_of(component: Component) -> str | None:
    """The row's version, or its CPE's when the row gives none."""
    if component.version:
        return component.version.strip() or None
    if component.cpe:
        try:
            version = split_cpe(component.cpe).get("version")
        except ValueError:
            return None
        if version not in (None, "*", "-", ""):
            return version
    return None


def described(component: Component, version: str | None) -> str:
    """The row as its owner wrote it: ``Citrix NetScaler 13.1-48.47``."""
    return " ".join(x for x in (component.product_name, version or "") if x)


def _significant(numbers: list[str]) -> list[int]:
    """The numbers of a version without its trailing zeros: ``7.2.0`` -> ``[7, 2]``."""
    values = [int(n) for n in numbers]
    while values and values[-1] == 0:
        values.pop()
    return values


def _closes_line(start: list[int], bound: list[int]) -> bool:
    """Whether ``bound`` is ``start``'s line plus one (7.2 -> 7.3, 22 -> 23): a range over one
    whole release line, not a fix."""
    return bool(start) and len(start) == len(bound) and bound == [*start[:-1], start[-1] + 1]


def _sorted(versions: set[str], order: str = "vendor") -> list[str]:
    """``versions`` lowest first in ``order`` (the vendor order, or a vendor's own rule:
    "vendor:exchange" puts "CU14 Apr25HU" after "CU14 Nov24SU")."""
    return sorted(versions, key=partial(key_in_order, order))


def fix_targets(
    installed: str, entries: Sequence[Mapping[str, Any]], order: str = "vendor"
) -> tuple[list[str], list[str]]:
    """``(fixed, fixed_after)`` for ``installed`` from the entries that affect it, each lowest
    first in ``order`` (the product's vendor order, `aicc.versions._cve.vendor_order`).

    Only versions the data names count: a ``lessThan`` bound or an ``unaffected`` change
    (fixed), a ``lessThanOrEqual`` bound (fixed by a release after it). An entry that spans
    exactly one release line (``7.2.0`` lessThan ``7.3.0``, ``22.0`` lessThan ``23.0``:
    "every 7.2", "every 22.x", as CISA's ADP writes it) names no fix: no 7.3 or 23.0 need
    exist, and none is invented. A bound that states its comparison (``"<=6.11.4"``) counts
    as that comparison, and is named without it.
    """
    try:
        have = scheme_key(order, installed)
    except ValueError:
        return [], []
    fixed: set[str] = set()
    after: set[str] = set()
    for entry in entries:
        start = _significant(_NUMBERS.findall(str(entry.get("version") or "")))
        bounds = [(entry.get("lessThan"), fixed), (entry.get("lessThanOrEqual"), after)]
        bounds += [
            (change.get("at"), fixed)
            for change in entry.get("changes") or []
            if isinstance(change, Mapping) and change.get("status") == "unaffected"
        ]
        for bound, into in bounds:
            if not isinstance(bound, str) or not _DIGIT.search(bound) or "*" in bound:
                continue  # "12.1.2.*" closes a release line: no release to install
            stated, bound = stated_bound(bound)  # "<=6.11.4": the comparison it states
            if stated in ("version", "after"):
                continue  # ">= 1.2" as an upper bound names no fix
            into = {"lessThan": fixed, "lessThanOrEqual": after}.get(stated or "", into)
            try:
                key = scheme_key(order, bound)
            except ValueError:
                continue
            if key < have or (into is fixed and key == have):
                continue
            if into is fixed and _closes_line(start, _significant(_NUMBERS.findall(bound))):
                continue
            into.add(bound)
    return _sorted(fixed, order), _sorted(after, order)


def match_appliances(
    conn: Connection,
    components: Sequence[Component],
    skipped: list[Problem],
    unmatched: list[Unmatched],
    identifications: list[Identification] | None = None,
) -> list[ApplianceHit]:
    """Every (appliance, CVE) pair the CVE records or NVD say is affected.

    Per CVE, the CNA's own answer wins when it gives one; else a CSAF advisory's (a vendor's, or
    a coordinator's for it); else an ADP's (CISA's Vulnrichment); else NVD's configurations.
    A CSAF vulnerability without a CVE is known by its advisory's id. "Unknown" never becomes
    a finding. A range of a record that cannot be read for a row is a data problem, never a
    guess: on the finding when the record's other ranges (or another source) make the row
    affected, else in ``skipped``, named with the row, the CVE, the range's text and the vendor's
    advisory (`_report_unreadable`). Rows naming no known product go to ``unmatched``.
    """
    resolver: Resolver | None = None
    resolutions: dict[tuple[str | None, str, str | None], Resolution | NoProduct] = {}
    # spelling -> (row, version, whether the spelling's entries name several products)
    by_key: dict[tuple[str, str], list[tuple[Component, str, bool]]] = defaultdict(list)
    identified: dict[Component, Identification] = {}
    forms = VersionForms()  # whether each row's version is written as its records write them
    for component in components:
        if component.ecosystem is not None:
            continue
        version = version_of(component)
        where = (component.source, component.location)
        if not version:
            unmatched.append(
                Unmatched(described(component, None), *where, "no version (nor a CPE with one)")
            )
            continue
        if not _DIGIT.search(version):
            unmatched.append(
                Unmatched(
                    described(component, version),
                    *where,
                    f"the version {version!r} holds no number, so no range can place it",
                )
            )
            continue
        resolver = resolver or Resolver(conn)
        # a resolution reads only the names and the CPE: rows of one product resolve once
        names = (component.vendor, component.product or component.name, component.cpe)
        if names not in resolutions:
            resolutions[names] = resolver.resolve(component)
        resolution = resolutions[names]
        if isinstance(resolution, NoProduct):
            unmatched.append(
                Unmatched(
                    described(component, version),
                    *where,
                    resolution.reason,
                    resolution.suggestions,
                )
            )
            continue
        reading = read_typed(version)
        how = f"{resolution.how}; {reading.note}" if reading else resolution.how
        identified[component] = Identification(
            described(component, version), *where, resolution.products, how
        )
        forms.add(component, reading.version if reading else version, version)
        version = reading.version if reading else version
        for key in resolution.spellings:
            by_key[key].append((component, version, key in resolution.shared))
    if not by_key:
        if identifications is not None:
            identifications += identified.values()
        return []
    vendors = sorted({v for v, _p in by_key})

    # decisions[(component, cve)] = {provider: (affected?, fixed, fixed after, platforms,
    # the range that holds the version)}
    decisions: dict[tuple[Component, str], dict[str, Decision]] = defaultdict(dict)
    unreadable: dict[tuple[Component, str], list[str]] = defaultdict(list)
    orders: dict[Component, str] = {}  # the order of each row's versions: its vendor's rule
    # the CNA's record of each row and CVE (with the version asked), and the ranges by which
    # an ADP found a row affected: see `_AdpAnswers`
    cna_records: dict[tuple[Component, str], tuple[CveProduct, str]] = {}
    adp_ranges: dict[tuple[Component, str, str], list[Mapping[str, Any]]] = {}
    ca, cr = t.cve_affected, t.cve_records
    for chunk in in_chunks(vendors):
        rows = conn.execute(
            select(
                ca.c.cve_id,
                ca.c.provider,
                ca.c.vendor_key,
                ca.c.product_key,
                ca.c.versions,
                ca.c.default_status,
                ca.c.platforms,
            )
            .join(cr, cr.c.cve_id == ca.c.cve_id)
            .where(cr.c.state == "PUBLISHED", ca.c.vendor_key.in_(chunk))
        )
        for cve_id, provider, vendor, product, versions, default, platforms in rows:
            read: dict[str, CveProduct] = {}  # this record's product, read once per name asked
            read_forms: dict[str, Forms] = {}
            for component, version, shared in by_key.get((vendor, product), ()):
                asked = component.product or component.name
                if shared and not names_product(versions or [], asked):
                    continue  # "FortiOS, FortiProxy" with one range for both: not for one
                if asked not in read:
                    read[asked] = CveProduct(versions or [], default, asked, vendor)
                record = read[asked]
                if forms.open(component):
                    if asked not in read_forms:
                        read_forms[asked] = forms_of(entry_texts(record.entries))
                    forms.see(component, read_forms[asked])
                if record.order != "vendor":
                    orders.setdefault(component, record.order)
                # decided or not, a range that cannot be read is named (`_report_unreadable`)
                verdict, texts, affecting = record.read(version)
                unreadable[(component, cve_id)] += texts
                if provider == "cna":
                    cna_records[(component, cve_id)] = (record, version)
                if verdict is None:
                    continue
                seen = decisions[(component, cve_id)].get(provider)
                # several entries of one provider: any "affected" wins over "unaffected"
                if seen is None or (verdict and not seen[0]):
                    if verdict and provider != "cna":
                        adp_ranges[(component, cve_id, provider)] = affecting
                    fixed, after = fix_targets(version, affecting, record.order)
                    if verdict and after and not fixed:  # "8.3.0 to 8.3.4" affected
                        later = record.first_unaffected_above(after[-1])
                        fixed = [later] if later else []  # "8.5.9 to 8.5.10" unaffected
                    elif verdict and not affecting and record.points_only():
                        # affected by default beside the releases it names fixed ("2022 SU6"
                        # unaffected): the first of those above the version
                        later = record.first_unaffected_above(version)
                        fixed = [later] if later else []
                    decisions[(component, cve_id)][provider] = (
                        verdict,
                        fixed,
                        after,
                        [p for p in platforms or [] if isinstance(p, str)],
                        matched_range(record, affecting) if verdict else "",
                    )

    # CSAF advisories' product statuses, read as CVE JSON 5 entries; their URLs, titles and
    # remediations
    csaf_said: dict[tuple[Component, str], tuple[list[str], str | None, list[str]]] = {}
    csaf_urls: dict[str, list[str]] = {}  # an advisory's URLs, for a range it names unread
    cs = t.csaf_affected
    for chunk in in_chunks(vendors):
        rows = conn.execute(
            select(
                cs.c.vuln_id,
                cs.c.provider,
                cs.c.vendor_key,
                cs.c.product_key,
                cs.c.versions,
                cs.c.fixed,
                cs.c.advisory_urls,
                cs.c.title,
                cs.c.remediations,
            ).where(cs.c.vendor_key.in_(chunk))
        )
        for row in rows:
            vuln_id, provider, vendor, product, versions, listed, urls, title, remedies = tuple(row)
            for component, version, _shared in by_key.get((vendor, product), ()):
                record = CveProduct(
                    versions or [], None, component.product or component.name, vendor
                )
                if forms.open(component):
                    forms.see(component, forms_of([*entry_texts(record.entries), *(listed or [])]))
                verdict, texts, affecting = record.read(version)
                if texts:
                    unreadable[(component, vuln_id)] += texts
                    csaf_urls.setdefault(vuln_id, list(urls or []))
                if verdict is None:
                    continue
                seen = decisions[(component, vuln_id)].get(provider)
                if seen is None or (verdict and not seen[0]):
                    fixed, after = fix_targets(version, affecting, record.order)
                    fixed = _sorted(
                        {*fixed, *_later(version, listed or [], record.order)}, record.order
                    )
                    decisions[(component, vuln_id)][provider] = (
                        verdict,
                        fixed,
                        after,
                        [],
                        matched_range(record, affecting) if verdict else "",
                    )
                    csaf_said[(component, vuln_id)] = (
                        list(urls or []),
                        title,
                        remediation_texts(remedies),
                    )

    _nvd_decisions(conn, vendors, by_key, forms, decisions)

    unplaced = forms.unplaced(unmatched, described)
    if identifications is not None:
        identifications += (i for c, i in identified.items() if c not in unplaced)
    unreadable = {k: v for k, v in unreadable.items() if v and k[0] not in unplaced}
    advisories = _advisory_of(conn, sorted({cve for _c, cve in unreadable}), csaf_urls)
    hits = []
    adp_answers = _AdpAnswers()
    for (component, cve_id), providers in decisions.items():
        if component in unplaced:
            continue  # its version was compared with ranges it cannot be placed in
        if (component, cve_id) in cna_records:
            cna, asked = cna_records[(component, cve_id)]
            providers = {
                provider: decision
                for provider, decision in providers.items()
                if adp_answers.kept(
                    providers, provider, adp_ranges.get((component, cve_id, provider)), cna, asked
                )
            }
        decided_by = next((p for p in _ranked(providers) if p in providers), None)
        if decided_by is None:
            continue
        affected, fixed, after, platforms, held = providers[decided_by]
        if not affected:
            continue
        agreeing = [p for p in providers.values() if p[0]]
        if not fixed:  # the deciding source names no fix; another that agrees may
            fixed = next((p[1] for p in agreeing if p[1]), [])
        if not fixed and not after:
            after = next((p[2] for p in agreeing if p[2]), [])
        platforms = platforms or next((p[3] for p in agreeing if p[3]), [])
        urls, title, remedies = csaf_said.get((component, cve_id), ([], None, []))
        texts = unreadable.pop((component, cve_id), [])
        problems = [data_problem(cve_id, texts, advisories.get(cve_id))] if texts else []
        hits.append(
            ApplianceHit(
                component,
                cve_id,
                tuple(dict.fromkeys(fixed)),
                decided_by,
                tuple(dict.fromkeys(after)),
                _how(identified.get(component)),
                f"{held}, {_whose(decided_by)}",
                tuple(dict.fromkeys(platforms)),
                tuple(urls),
                title,
                tuple(remedies),
                tuple(problems),
                orders.get(component, "vendor"),
            )
        )
    rank = {component: index for index, component in enumerate(components)}
    unreadable = dict(sorted(unreadable.items(), key=lambda item: (rank[item[0][0]], item[0][1])))
    _report_unreadable(unreadable, decisions, advisories, skipped)
    return hits


def _nvd_decisions(
    conn: Connection,
    vendors: Sequence[str],
    by_key: Mapping[tuple[str, str], Sequence[tuple[Component, str, bool]]],
    forms: VersionForms,
    decisions: dict[tuple[Component, str], dict[str, Decision]],
) -> None:
    """NVD's answers: the CPE matches whose bounds hold a row's version, each with the
    platforms its configuration says it must run on ("running on" Microsoft Windows), read
    from the record's stored configurations (`running_on`)."""
    nm = t.nvd_cpe_matches
    # (row, cve) -> [(criteria, fixed, fixed after, range)], the first match deciding
    found: dict[tuple[Component, str], list[tuple[str, list[str], list[str], str]]]
    found = defaultdict(list)
    for chunk in in_chunks(list(vendors)):
        rows = conn.execute(
            select(
                nm.c.cve_id,
                nm.c.criteria,
                nm.c.vendor_key,
                nm.c.product_key,
                nm.c.version,
                nm.c.version_start_including,
                nm.c.version_start_excluding,
                nm.c.version_end_including,
                nm.c.version_end_excluding,
            ).where(nm.c.vulnerable.is_(True), nm.c.vendor_key.in_(chunk))
        )
        for row in rows:
            cve_id, criteria, vendor, product, exact, si, se, ei, ee = tuple(row)
            for component, version, _shared in by_key.get((vendor, product), ()):
                if forms.open(component):
                    forms.see(component, forms_of([exact, si, se, ei, ee]))
                if nvd_match(
                    version, si, se, ei, ee, exact_version=exact, vendor=vendor, product=product
                ):
                    fixed, after = fix_targets(
                        version,
                        [{"lessThan": ee, "lessThanOrEqual": ei}],
                        vendor_order(vendor, product),
                    )
                    held = nvd_range(exact, si, se, ei, ee)
                    found[(component, cve_id)].append((criteria, fixed, after, held))
    conditions: dict[str, dict[str, list[str]]] = {}
    nc = t.nvd_cves
    for chunk in in_chunks(sorted({cve for _c, cve in found})):
        for cve_id, configurations in conn.execute(
            select(nc.c.cve_id, nc.c.configurations).where(nc.c.cve_id.in_(chunk))
        ):
            conditions[cve_id] = running_on(configurations)
    for (component, cve_id), matches in found.items():
        criteria, fixed, after, held = matches[0]
        on = [conditions.get(cve_id, {}).get(c, []) for c, *_rest in matches]
        platforms = [] if any(not p for p in on) else list(dict.fromkeys(x for p in on for x in p))
        where = f"{held} of {criteria}"
        if platforms:
            where += f", running on {' or '.join(platforms)}"
        decisions[(component, cve_id)].setdefault("nvd", (True, fixed, after, platforms, where))


class _AdpAnswers:
    """Which ADP answers decide beside the CNA's record of the same CVE and product. Not:

    - one whose every range holds a version the CNA's own record calls unaffected: CISA's
      ADP on CVE-2023-0567 writes "8.0.0" lessThan "80.28" where PHP's CNA fixes the 8.0
      series at 8.0.28, and made PHP 8.3 (a line the CNA does not list) affected, with a PHP
      80.28 to install. Ranges that only add to the CNA's (Adobe's CNA lists one line of
      CVE-2024-34102, the ADP every line) still decide.
    - one that says only "every version" ('*', CISA's ADP on CVE-2023-4762 for Google
      Chrome), for a version the CNA left undecided past the fix it names ("before
      116.0.5845.179"): a statement about the product, not its versions, that made every
      patched Chrome affected by a KEV flaw.

    Each record and range is judged once (rows of one product share both)."""

    def __init__(self) -> None:
        self._contradicts: dict[tuple[int, int], bool] = {}
        self._kept: list[object] = []  # what is asked of, alive while its id is a key

    def kept(
        self,
        providers: Mapping[str, Decision],
        provider: str,
        ranges: Sequence[Mapping[str, Any]] | None,
        cna: CveProduct,
        version: str,
    ) -> bool:
        """Whether ``provider``'s answer still decides (``ranges``: those by which an ADP
        found the row affected, else None)."""
        if not ranges:
            return True
        every = "cna" not in providers and CveProduct.every_version_only(ranges)
        if every and cna.past_a_fix(version):
            return False
        return not all(self._contradicting(cna, entry) for entry in ranges)

    def _contradicting(self, cna: CveProduct, entry: Mapping[str, Any]) -> bool:
        key = (id(cna), id(entry))
        found = self._contradicts.get(key)
        if found is None:
            self._kept += (cna, entry)
            found = self._contradicts[key] = any(
                cna.holds(entry, version) for version in cna.named_unaffected()
            )
        return found


def _whose(provider: str) -> str:
    """Whose range decided, as a finding says it."""
    if provider == "cna":
        return "from the CNA record"
    if provider == "nvd":
        return "from NVD's CPE configuration"
    if provider.startswith("csaf:"):
        return f"from the CSAF advisory ({provider})"
    return f"from the {provider} ADP container"


def _ranked(providers: Mapping[str, Any]) -> list[str]:
    """Whose answer decides, first to last: the CNA's (the CVE's own author, most often the
    vendor), a CSAF advisory's (the vendor's own statement about its products, or a
    coordinator's on its behalf, with the versions it ships), an ADP's (a third party's
    enrichment), NVD's (CPE configurations written after the fact)."""
    csaf = sorted(p for p in providers if p.startswith("csaf:"))
    adp = sorted(set(providers) - {"cna", "nvd", *csaf})
    return ["cna", *csaf, *adp, "nvd"]


def _later(installed: str, versions: Sequence[Any], order: str = "vendor") -> list[str]:
    """The versions, of those a CSAF advisory lists as fixed, later than ``installed``."""
    try:
        have = scheme_key(order, installed)
    except ValueError:
        return []
    found = []
    for version in versions:
        try:
            if isinstance(version, str) and scheme_key(order, version) > have:
                found.append(version)
        except ValueError:
            continue
    return found


def _how(identification: Identification | None) -> str:
    """How a row was identified, as a finding says it."""
    if identification is None:
        return ""
    return f"identified as {', '.join(identification.products[:3])} {identification.how}"


def data_problem(cve_id: str, texts: Sequence[str], advisory: str | None) -> str:
    """A record's unreadable ranges as a data problem: ``CVE-X: range 'blah' in the record
    could not be read; check the vendor advisory https://...``."""
    shown = list(dict.fromkeys(texts))
    ranges = ", ".join(repr(text) for text in shown[:3])
    if len(shown) > 3:
        ranges += f" and {len(shown) - 3} more"
    where = f"the vendor advisory {advisory}" if advisory else "the vendor's advisory"
    return (
        f"{cve_id}: {'range' if len(shown) == 1 else 'ranges'} {ranges} in the record could "
        f"not be read; check {where}"
    )


def _advisory_of(
    conn: Connection, ids: Sequence[str], csaf_urls: Mapping[str, Sequence[str]]
) -> dict[str, str]:
    """The page to check for each of ``ids``: the CVE record's vendor advisory (or its first
    reference, `vendor_advisories`), else the CSAF advisory's own URL."""
    found = {i: str(urls[0]) for i, urls in csaf_urls.items() if urls}
    cr = t.cve_records
    for chunk in in_chunks(list(ids)):
        for cve_id, references in conn.execute(
            select(cr.c.cve_id, cr.c.references).where(cr.c.cve_id.in_(chunk))
        ):
            if urls := vendor_advisories(references):
                found[cve_id] = urls[0]
    return found


def _report_unreadable(
    unreadable: Mapping[tuple[Component, str], list[str]],
    decisions: Mapping[tuple[Component, str], Mapping[str, Decision]],
    advisories: Mapping[str, str],
    skipped: list[Problem],
) -> None:
    """One problem per row and record whose ranges could not be read for it and that gives it
    no finding: whether it is affected is not decided, or only the record's other ranges (or
    another source) say it is not; either way the user is told which range to check where."""
    for (component, cve_id), texts in unreadable.items():
        said = decisions.get((component, cve_id)) or {}
        verdict = (
            "whether it is affected is not decided"
            if not said
            else "it is found not affected only by the ranges that could be read"
        )
        problem = data_problem(cve_id, texts, advisories.get(cve_id))
        head, _sep, check = problem.partition("; check ")
        skipped.append(
            Problem(
                "match",
                component.source,
                component.location,
                f"{described(component, version_of(component))}: {head}, so {verdict}; "
                f"check {check}",
            )
        )
