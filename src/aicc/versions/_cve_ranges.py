"""CVE JSON 5 ``versions`` entries read as their authors meant them, before matching.

Real records stretch the format in a few recurring ways, each turned here into a plain
``version``/``lessThan``/``lessThanOrEqual`` entry (the record itself is never changed):

- **Build numbers relative to a branch**: Citrix/NetScaler write ``version "13.1", lessThan
  "51.15", versionType "patch"`` for builds of 13.1 before 51.15; the bound becomes
  ``13.1-51.15``, the way the vendor writes a build (``13.1-49.13``). A bound below its own
  start (``14.1`` lessThan ``12.35``) is read the same way.
- **A range that starts at its own end**: Ivanti and Google write ``version "22.7R2", lessThan
  "22.7R2"`` for "before 22.7R2". With one such entry it is every earlier version; with
  several (one per release line) each covers its own line, ``22.7`` up to ``22.7R2``. Marked
  ``unaffected`` (Ivanti EPM's "2022 su3" lessThan "2022 su3") it says nothing that reads
  as one range, and is marked `UNREADABLE`.
- **Ranges split in two**: Atlassian writes ``7.5.0`` lessThan ``unspecified`` followed by
  ``unspecified`` lessThan ``7.6.3`` for 7.5.0 up to 7.6.3; the two are joined.
- **Status points**: Atlassian lists ``"< 8.0.0"`` unaffected, ``">= 8.0.0"`` affected, ...,
  ``">= 8.5.5"`` unaffected; read as steps (8.4.2 is affected, fixed at 8.5.5), not each
  ``">= X"`` as every later version.
- **Bounds written with their comparison**: Aruba writes ``lessThanOrEqual "<=6.11.4"``
  (CVE-2023-43506), others ``lessThan "< 6.4"`` or ``version ">= 1.2"``; each is read as the
  comparison it states (`stated_bound`): ``<=``/``≤`` is ``lessThanOrEqual``, ``<`` is
  ``lessThan``, ``>=``/``=`` a start, ``>`` a start the range leaves out (`AFTER`). One that
  contradicts its field (``lessThan ">= 1.2"``) is marked `UNREADABLE`. A
  sentence as the start of such a range (``"ClearPass Policy Manager 6.11.x: 6.11.4 and
  below"``) gives its start when it reads as one range: here the 6.11 series.
- **Text in the version field**: ``"< 6.4"``, ``"12.2.3-12.2.11"``, ``"Ver5.62 and earlier"``,
  ``"Apache Flink 1.11.0 to 1.11.2"``, ``"FortiOS 6.0.0 to 6.0.4, 5.6.3 to 5.6.7"``,
  ``"starting with 4.3.0 before 6.2.1"``. "X and below" once per release line ("FortiOS 7.2.0
  and below, 7.0.6 and below, 6.4.9 and below") covers each line on its own, the lowest also
  the older lines. When the text names several products
  (``"FortiOS 6.0.2, FortiADC 6.1.0"``) only the clauses of the product asked about (or of
  the first one named) are kept; names joined by "and" share the versions after them
  (``"Quantum Gateway and CloudGuard Network versions R81.20, R81.10"``, Check Point's "R"
  releases). Text that names one release in words ("2024 September Security Update") is
  that release (`NAMED`), equal only to itself; text that reads as none of these is marked
  `UNREADABLE`, and the matcher reports it rather than guessing.

Sources: the CVE schema's ``docs/versions.md`` for the plain forms; NetScaler's build
numbering (support.citrix.com CTX article "Understanding NetScaler release and build
numbers"); Ivanti's "22.7R2.3" release naming (forums.ivanti.com, Connect Secure release
notes).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from aicc.versions._vendor import vendor_key

_OPEN = frozenset({"unspecified", "n/a", "*"})  # a bound that says nothing
UNREADABLE = "aicc:unreadable"  # marks an entry whose text reads as no range
WRITTEN = "aicc:written"  # on a rewritten entry: how the record wrote it, for the finding
AFTER = "aicc:after"  # on an entry whose start is left out: "> 5.0.0" to "< 5.0.4" (Mautic)
NAMED = "aicc:named"  # on an entry naming one release in words ("2024 September Security Update")
_DIGIT = re.compile(r"\d")
_DIGITS = re.compile(r"\d+")
_BRANCH = re.compile(r"\d+(?:\.\d+)?")
# A hotfix or service pack written after the release, as a word: "12.8.3 Hotfix 1", "15.4.2 HF
# 2", "2020.2.6 HF1" (SolarWinds), "V4.7 SP6 HF3", "2022 SU6" (Ivanti Endpoint Manager's
# service updates); one more part of the version, which the vendor order puts after the
# release and before the next (`aicc.versions._vendor`).
_HOTFIX = r"(?:\s+(?i:hotfix|hf|sp|su)\s*\d+\b)*"
_VERSION = r"(?:[vV]|R(?=\d))?(?:er\.?|ersion\s*)?\d[\w.\-+]*" + _HOTFIX  # "R81.20": Check Point
_VERSION_RE = re.compile(_VERSION)
# Clause forms, tried in order on one clause of a text version field.
_UPTO = re.compile(
    r"(?:<=|=<|≤|up\s+to(?:\s+and\s+including)?|through|thru)\s*(?P<v>" + _VERSION + r")$"
)
_BELOW = re.compile(r"(?:<|before|prior\s+to|earlier\s+than|below)\s*(?P<v>" + _VERSION + r")$")
_AND_EARLIER = re.compile(  # "12.8.3 Hotfix 1 and previous versions" (SolarWinds)
    r"(?P<v>" + _VERSION + r")\s*(?:and|or|&)\s*(?:all\s+)?"
    r"(?:earlier|before|below|prior|older|lower|previous)(?:\s+versions?)?$",
    re.IGNORECASE,
)
_BETWEEN = re.compile(
    r"(?:from\s+|starting\s+(?:with|from|at)\s+)?(?P<a>" + _VERSION + r")\s*"
    r"(?P<op>to|through|thru|until|up\s+to|before|prior\s+to|\u2013|\u2014|\s-\s)\s*"
    r"(?:and\s+including\s+)?(?P<b>" + _VERSION + r")$"
)
_DASHED = re.compile(r"(?P<a>\d+(?:\.\d+){2,}[\w]*)-(?P<b>\d+(?:\.\d+){2,}[\w]*)$")
_AT_LEAST = re.compile(
    r"(?:>=|≥|from|starting\s+(?:with|from|at))\s*(?P<v>" + _VERSION + r")"
    r"(?:\s*(?:and|or)\s*(?:later|above|newer|higher))?$"
    r"|(?P<w>" + _VERSION + r")\s*(?:and|or)\s*(?:later|above|newer|higher)$"
)
_EXACT = re.compile(r"(?P<v>" + _VERSION + r")$")
# "6.11.x: 6.11.4 and below" (Aruba): a range on one release series
_ON_SERIES = re.compile(r"(?P<s>\d+(?:\.\d+)*\.[xX*])(?:\s*:\s*|\s+)(?P<rest>\S.*)$")
# A bound that states its comparison: "<=6.11.4", "< 6.4", ">= 1.2", "≤ 2.0"
_OPERATOR = re.compile(r"(?P<op><=|=<|≤|<|>=|=>|≥|>|==|=)\s*(?P<v>\S.*)$")
_AT_MOST = frozenset({"<=", "=<", "≤"})
_FROM = frozenset({">=", "=>", "≥", "==", "="})
_NOISE = re.compile(
    r"^(?:all\s+)?(?:versions?\s+(?:of\s+\S+\s+)?)?|\s*(?:are|is)\s+(?:affected|vulnerable).*$"
    r"|[.;:]+$",
    re.IGNORECASE,
)
_PARENTHESES = re.compile(r"\([^()]*\)")  # "(Build427)"
_RANGE_WORDS = frozenset(
    {"prior", "to", "before", "through", "thru", "up", "from", "starting", "with", "at"}
    | {"previous", "older", "lower"}
    | {"least", "until", "since", "version", "versions", "ver", "and", "or", "earlier"}
    | {"below", "above", "later", "all", "including", "affected"}
)
_SPLIT = re.compile(
    r"\s*(?:,|;|\band\b(?!\s+(?:all\s+)?"
    r"(?:earlier|before|below|prior|previous|older|lower|later|above|including)))\s*",
    re.IGNORECASE,
)


def _clean_version(text: str) -> str:
    """``"Ver5.62"`` -> ``"5.62"``, ``"version 1.0"`` -> ``"1.0"``; trailing dots dropped."""
    text = re.sub(r"^(?:[vV]er(?:sion)?\.?\s*)", "", text.strip())
    return text.rstrip(".,")


def _key(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _clause(text: str) -> dict[str, str] | None:
    """One clause as a plain entry (without status), or None when it reads as no range."""
    text = re.sub(r"^versions?\s+(?=\S*\d)", "", text.strip(), flags=re.IGNORECASE)
    if not text:
        return None
    if match := _ON_SERIES.match(text):
        entry = _clause(match["rest"])
        if entry is None or entry.get("version") != "0" or len(entry) != 2:
            return None  # only "and below", "up to", "before" on the series: no guess
        return {**entry, "version": match["s"]}
    if match := _DASHED.match(text):
        return {"version": match["a"], "lessThanOrEqual": match["b"]}
    if match := _BETWEEN.match(text):
        start, end = _clean_version(match["a"]), _clean_version(match["b"])
        op = match["op"].strip().lower()
        bound = "lessThan" if op.startswith(("before", "prior")) else "lessThanOrEqual"
        return {"version": start, bound: end}
    if match := _AND_EARLIER.match(text):
        return {"version": "0", "lessThanOrEqual": _clean_version(match["v"])}
    if match := _UPTO.match(text):
        return {"version": "0", "lessThanOrEqual": _clean_version(match["v"])}
    if match := _BELOW.match(text):
        return {"version": "0", "lessThan": _clean_version(match["v"])}
    if match := _AT_LEAST.match(text):
        return {"version": _clean_version(match["v"] or match["w"]), "lessThan": "*"}
    if match := _EXACT.match(text):
        return {"version": _clean_version(match["v"])}
    return None


def text_ranges(text: str, product: str | None = None) -> list[dict[str, str]] | None:
    """A free-text version field as plain entries; None when any kept clause cannot be read.

    ``product`` picks the clauses of that product when the text names several.
    """
    body = _NOISE.sub("", text.strip())
    labelled: list[tuple[tuple[str, ...], str]] = []
    label: tuple[str, ...] = ()
    pending: list[str] = []  # "Quantum Gateway and CloudGuard Network versions R81.20": two names
    for part in _SPLIT.split(body):
        part = _PARENTHESES.sub(" ", part).strip()
        if not part:
            continue
        if not _DIGIT.search(part) and not set(part.lower().split()) & _RANGE_WORDS:
            pending.append(_key(part))  # a name alone, joined to the next label
            continue
        found, part = _split_label(part)
        if found:
            label = (*pending, found)
        pending = []
        labelled.append((label, part))
    labels = [item for names, _ in labelled for item in names]
    if labels:
        wanted = labels[0]
        if product:
            key = _key(product)
            wanted = next((item for item in labels if item in key or key in item), wanted)
        labelled = [(names, part) for names, part in labelled if not names or wanted in names]
    entries: list[dict[str, str]] = []
    for _label, part in labelled:
        entry = _clause(part)
        if entry is None:
            return None
        previous = entries[-1] if entries else None
        if (  # ">= 2.24.0, < 2.24.4": one range written as two clauses
            previous is not None
            and previous.get("lessThan") == "*"
            and entry.get("version") == "0"
            and ("lessThan" in entry or "lessThanOrEqual" in entry)
        ):
            entries[-1] = {
                "version": previous["version"],
                **{k: v for k, v in entry.items() if k != "version"},
            }
            continue
        entries.append(entry)
    return _on_own_lines(entries) or None


def _on_own_lines(entries: list[dict[str, str]]) -> list[dict[str, str]]:
    """Several "X and below" clauses on different release lines ("7.2.0 and below, 7.0.6 and
    below, 6.4.9 and below", Fortinet) each cover their own line, the lowest also the older
    lines: read from 0, "7.2.0 and below" would hold 7.0.7, fixed on its own line."""

    def upper(entry: dict[str, str]) -> str:
        return entry.get("lessThan") or entry.get("lessThanOrEqual") or ""

    below = [
        e for e in entries if e.get("version") == "0" and len(e) == 2 and _DIGIT.search(upper(e))
    ]
    lines = [line.group(0) for e in below if (line := _BRANCH.match(upper(e)))]
    if len(below) < 2 or len(set(lines)) < len(below):
        return entries  # one clause, or one without a line, or two on one line
    try:
        lowest = min(below, key=lambda e: vendor_key(upper(e)))
    except ValueError:
        return entries
    line_of = {id(e): line for e, line in zip(below, lines, strict=True)}
    return [
        {**e, "version": line_of[id(e)]} if id(e) in line_of and e is not lowest else e
        for e in entries
    ]


def _split_label(part: str) -> tuple[str | None, str]:
    """``"FortiOS before 7.0.3"`` -> ``("fortios", "before 7.0.3")``: the leading words that
    name a product (no digit, no range word), when a range follows them."""
    tokens = part.replace(":", " ").split()
    count = 0
    for token in tokens:
        if _DIGIT.search(token) or token.lower() in _RANGE_WORDS or token[:1] in "<>≤≥=":
            break
        if token.lower().startswith("ver") and _DIGIT.search(token):
            break
        count += 1
    if count == 0 or count == len(tokens):
        return None, part
    return _key(" ".join(tokens[:count])), " ".join(tokens[count:])


def stated_bound(text: str) -> tuple[str | None, str]:
    """A bound that states its comparison, split: ``"<=6.11.4"`` -> ``("lessThanOrEqual",
    "6.11.4")``, ``"< 6.4"`` -> ``("lessThan", "6.4")``, ``">= 1.2"`` -> ``("version",
    "1.2")``, ``"> 1.2"`` -> ``("after", "1.2")`` (an exclusive start); ``(None, text)``
    for a bound written without one."""
    match = _OPERATOR.match(text.strip())
    if match is None or not _DIGIT.search(match["v"]):
        return None, text.strip()
    op, version = match["op"], _clean_version(match["v"])
    if op in _AT_MOST:
        return "lessThanOrEqual", version
    if op == "<":
        return "lessThan", version
    return ("version" if op in _FROM else "after"), version


def _as_stated(item: Mapping[str, Any], product: str | None) -> Mapping[str, Any]:
    """A range entry whose start or bound states its comparison (`stated_bound`), read as the
    comparison stated; `UNREADABLE` when the comparison contradicts its field."""
    start = _text(item.get("version"))
    field = "lessThan" if _text(item.get("lessThan")) else "lessThanOrEqual"
    upper = _text(item.get(field))
    if not upper:
        return item  # a text version alone is a range in words (`text_ranges`)
    start_op, lower = stated_bound(start)
    upper_op, bound = stated_bound(upper)
    if start_op is None and _is_text(start):
        parsed = text_ranges(start, product)  # "ClearPass ... 6.11.x: 6.11.4 and below"
        if parsed is not None and len(parsed) == 1 and parsed[0]["version"] != "0":
            start_op, lower = "version", parsed[0]["version"]
    if start_op is None and upper_op is None:
        return item
    if upper_op in ("version", "after"):
        return {**item, UNREADABLE: True}  # lessThan ">= 1.2": no reading is not a guess
    if start_op in ("lessThan", "lessThanOrEqual"):
        lower = "0"  # "< 6.4" lessThan "6.4": the bound is the range
    written = f"{start!r} {field} {upper!r}"
    rest = {k: v for k, v in item.items() if k not in ("version", "lessThan", "lessThanOrEqual")}
    after = {AFTER: True} if start_op == "after" else {}
    return {**rest, "version": lower, upper_op or field: bound, WRITTEN: written, **after}


def names_product(versions: Sequence[Mapping[str, Any]], product: str) -> bool:
    """Whether a text version field of ``versions`` labels clauses with ``product``
    ("FortiOS 6.0.0 to 6.0.4, FortiProxy 2.0.0" names FortiOS): only then can an entry that
    lists several products be told apart for one of them."""
    key = _key(product)
    for item in versions:
        start = _text(item.get("version")) if isinstance(item, Mapping) else ""
        if not start or not _is_text(start):
            continue
        for part in _SPLIT.split(_NOISE.sub("", start)):
            label, _rest = _split_label(_PARENTHESES.sub(" ", part).strip())
            if label and (label in key or key in label):
                return True
    return False


def _is_text(version: str) -> bool:
    """A version field holding a sentence or a range rather than one version."""
    return bool(_DIGIT.search(version)) and (
        " " in version
        or version[:1] in "<>≤≥="
        or bool(_DASHED.match(version))
        or bool(re.match(r"[vV]er\.?\d", version))
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _first_number(text: str) -> str:
    found = _DIGITS.search(text)
    return found.group(0).lstrip("0") if found else ""


def _open_ended(value: Any) -> bool:
    return isinstance(value, str) and value.strip().casefold() in _OPEN


def _paired(versions: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Atlassian's split ranges joined: ``7.5.0`` lessThan ``unspecified`` followed by
    ``unspecified`` lessThan ``7.6.3`` is one range, 7.5.0 to 7.6.3 (each half alone would
    cover every later, or every earlier, version)."""
    out: list[Mapping[str, Any]] = []
    items = [v for v in versions if isinstance(v, Mapping)]
    index = 0
    while index < len(items):
        item = items[index]
        following = items[index + 1] if index + 1 < len(items) else None
        bound = "lessThan" if "lessThan" in item else "lessThanOrEqual"
        if (
            following is not None
            and _open_ended(item.get(bound))
            and not _open_ended(item.get("version"))
            and _open_ended(following.get("version"))
            and item.get("status") == following.get("status")
        ):
            upper = "lessThan" if following.get("lessThan") is not None else "lessThanOrEqual"
            if following.get(upper) is not None and not _open_ended(following.get(upper)):
                joined = {k: v for k, v in item.items() if k not in ("lessThan", "lessThanOrEqual")}
                out.append({**joined, upper: following[upper]})
                index += 2
                continue
        out.append(item)
        index += 1
    return out


_POINT = re.compile(r"^\s*(>=|≥|<)\s*(" + _VERSION + r")\s*$")


def _contradicts(below: list[Mapping[str, Any]], points: list[tuple[Any, str, Any]]) -> bool:
    """Whether a fix point lies inside a range the same list calls unaffected: CVE-2023-22503
    says "< 7.20.2" unaffected and then fixes at 7.13.5 and 7.19.7 (and at "8.20.0", a release
    Confluence never had): such a list cannot be read as steps."""
    for item in below:
        if item.get("status") != "unaffected":
            continue
        try:
            bound = vendor_key(str(item["lessThan"]))
        except ValueError:
            continue
        if any(key < bound and status == "unaffected" for key, _v, status in points):
            return True
    return False


def _stepped(versions: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Atlassian's status points: ``"< 8.0.0"`` unaffected, ``">= 8.0.0"`` affected, ...,
    ``">= 8.5.5"`` unaffected read as a step function over the versions (each status holds
    from its point to the next point of another status), instead of every ``">= X"`` meaning
    "X and everything later"."""
    points: list[tuple[Any, str, Any]] = []
    others: list[Mapping[str, Any]] = []
    below: list[Mapping[str, Any]] = []
    for item in versions:
        text = _text(item.get("version")) if isinstance(item, Mapping) else ""
        found = (
            _POINT.match(text)
            if not item.get("lessThan") and not item.get("lessThanOrEqual")
            else None
        )
        if found is None:
            others.append(item)
            continue
        version = _clean_version(found.group(2))
        if found.group(1) == "<":
            below.append({"version": "0", "lessThan": version, "status": item.get("status")})
            continue
        try:
            points.append((vendor_key(version), version, item.get("status")))
        except ValueError:
            others.append(item)
    if len(points) < 2:
        return list(versions)
    if _contradicts(below, points):  # read no step: report, do not guess
        return [{**item, UNREADABLE: True} for item in versions if isinstance(item, Mapping)]
    points.sort(key=lambda point: point[0])
    stepped: list[Mapping[str, Any]] = []
    start = 0
    for index in range(1, len(points) + 1):
        if index == len(points) or points[index][2] != points[start][2]:
            upper = points[index][1] if index < len(points) else "*"
            stepped.append(
                {
                    "version": points[start][1],
                    "lessThan": upper,
                    "status": points[start][2],
                    "versionType": "custom",
                }
            )
            start = index
    return [*below, *stepped, *others]


def read_entries(
    versions: Sequence[Mapping[str, Any]], product: str | None = None
) -> list[Mapping[str, Any]]:
    """``versions`` with the forms in the module docstring rewritten as plain entries."""
    versions = _stepped(_paired(versions))
    degenerate = sum(
        1
        for item in versions
        if isinstance(item, Mapping)
        and _text(item.get("lessThan"))
        and _text(item.get("lessThan")) == _text(item.get("version"))
    )
    out: list[Mapping[str, Any]] = []
    for item in versions:
        if not isinstance(item, Mapping):
            continue
        item = _as_stated(item, product)  # "<=6.11.4", ">= 1.2": the comparison stated
        if item.get(UNREADABLE):  # a list that contradicts itself, or a bound its field
            out.append(item)
            continue
        start = _text(item.get("version"))
        less_than = _text(item.get("lessThan"))
        less_equal = _text(item.get("lessThanOrEqual"))
        version_type = _text(item.get("versionType")).lower()
        if not less_than and not less_equal and _is_text(start):
            parsed = text_ranges(start, product)
            if parsed is None:
                named = names_a_release(start)
                out.append({**item, NAMED if named else UNREADABLE: True})
                continue
            status = item.get("status", "affected")
            out += [
                {**entry, "status": status, "versionType": "custom", WRITTEN: repr(start)}
                for entry in parsed
            ]
            continue
        if less_than and less_than == start:
            if item.get("status", "affected") != "affected":
                # "before X" read as unaffected would make X and every later release
                # affected by default (Ivanti EPM, CVE-2023-35083: "2022 su3" lessThan
                # "2022 su3" unaffected): a range that contradicts itself, not guessed
                out.append({**item, UNREADABLE: True})
                continue
            branch = _BRANCH.match(start)
            lower = branch.group(0) if degenerate > 1 and branch else "0"
            written = f"{start!r} lessThan {less_than!r}"
            out.append({**item, "version": lower, "lessThan": less_than, WRITTEN: written})
            continue
        upper = less_than or less_equal
        if (
            upper
            and start
            and _DIGIT.search(start)
            and _DIGIT.search(upper[:1])
            and _first_number(upper) != _first_number(start)
            and (version_type == "patch" or _below(upper, start))
        ):
            bound = "lessThan" if less_than else "lessThanOrEqual"
            written = f"{start!r} {bound} {upper!r}"
            out.append({**item, "version": start, bound: f"{start}-{upper}", WRITTEN: written})
            continue
        if start != item.get("version") or (less_than and less_than != item.get("lessThan")):
            out.append({**item, "version": start, **({"lessThan": less_than} if less_than else {})})
            continue
        out.append(item)
    return out


_NOT_A_NAME = re.compile(r"[<>≤≥=,;/]|\d\s*-\s*\d")


def names_a_release(text: str) -> bool:
    """Whether a version field that reads as no range names one release in words: Ivanti's
    "2024 September Security Update" (CVE-2024-8191). No word or sign of a range ("to",
    "before", "and earlier", "<", "1.2 - 1.4"): such an entry holds only the release it names,
    compared by its name (`aicc.versions._cve`), not a data problem for every other one."""
    if _NOT_A_NAME.search(text):
        return False
    return not {w.lower() for w in re.findall(r"[^\W\d_]+", text)} & _RANGE_WORDS


def _below(upper: str, start: str) -> bool:
    """Whether ``upper`` reads as a smaller number than ``start`` (a relative build bound)."""
    try:
        return bool(vendor_key(upper) < vendor_key(start))
    except ValueError:
        return False
