"""The scan as CSV, for spreadsheets: one row per finding, then one per entry not identified
and one per input part not used, so that nothing the scan left out is silent.

The last two columns say which a row is: ``status`` is ``finding``, ``unmatched`` (an entry
naming no known product, or whose version its product's records cannot place) or ``skipped``
(what could not be read or matched), and ``status_reason`` says why, with suggestions. The
other columns mean what they mean for a finding; those that do not apply are empty.
``fixed_after`` holds the versions a later release than which fixes it (a record's
``lessThanOrEqual``); ``data_problems`` names the ranges of a finding's records that could not
be read, one a line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from aicc.core.components import Component
from aicc.core.problems import Problem, Unmatched
from aicc.core.results import FindingRecord, ScanResult
from aicc.report.model import severity_of
from aicc.report.safe_text import csv_cell

HEADER = [
    "id",
    "aliases",
    "severity",
    "cvss",
    "known_exploited",
    "kev_date_added",
    "epss",
    "component",
    "version",
    "ecosystem",
    "vendor",
    "product",
    "purl",
    "cpe",
    "source",
    "location",
    "fixed_versions",
    "fixed_after",
    "data_problems",
    "summary",
    "vex",
    "vex_justification",
    "vex_source",
    "reachability",
    "reachability_locations",
    "status",
    "status_reason",
]
_COMPONENT = HEADER.index("component")
_FINDING_ONLY = _COMPONENT  # id .. epss: empty on a row that is no finding


def _finding_row(record: FindingRecord) -> list[object]:
    f, statement, reach = record.finding, record.vex, record.reachability
    c = f.component
    return [
        f.id,
        " ".join(f.aliases),
        severity_of(f),
        f.max_score or "",
        "yes" if f.kev else "no",
        f.kev["date_added"] if f.kev else "",
        f.epss["score"] if f.epss else "",
        *_component_cells(c),
        " ".join(f.fixed_versions),
        " ".join(f.fixed_after),
        "\n".join(f.data_problems),
        f.summary or "",
        statement.status if statement else "",
        (statement.justification or "") if statement else "",
        statement.source if statement else "",
        reach.value if reach else "",
        " ".join(reach.locations) if reach else "",
        "finding",
        "",
    ]


def _component_cells(c: Component) -> list[object]:
    return [
        c.name,
        c.version or "",
        c.ecosystem or "",
        c.vendor or "",
        c.product or "",
        c.purl or "",
        c.cpe or "",
        c.source,
        c.location or "",
    ]


def _other_row(cells: list[object], status: str, reason: str) -> list[object]:
    """A row that is no finding: the component's cells, the status and the reason."""
    before = [""] * _FINDING_ONLY
    after = [""] * (len(HEADER) - _FINDING_ONLY - len(cells) - 2)
    return [*before, *cells, *after, status, reason]


def _unmatched_rows(result: ScanResult) -> Iterable[list[object]]:
    rows = {(c.source, c.location): c for c in result.components if not c.is_package}
    for entry in result.unmatched:
        component = rows.get((entry.source, entry.location))
        if component is not None:
            cells = _component_cells(component)
        else:
            cells = [entry.component, *[""] * 6, entry.source, entry.location or ""]
        yield _other_row(cells, "unmatched", _reason(entry))


def _reason(entry: Unmatched) -> str:
    hint = f"; did you mean {' or '.join(entry.suggestions)}?" if entry.suggestions else ""
    return f"{entry.reason}{hint}"


def _skipped_row(problem: Problem) -> list[object]:
    cells: list[object] = ["", *[""] * 6, problem.source, problem.location or ""]
    return _other_row(cells, "skipped", f"{problem.stage}: {problem.reason}")


def csv_text(result: ScanResult) -> str:
    """One row per finding, then the unmatched entries and the skipped parts; ``vex`` and
    ``reachability`` are empty where no statement applies or no analysis was run."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    rows = [_finding_row(record) for record in result.records]
    rows += _unmatched_rows(result)
    rows += [_skipped_row(problem) for problem in result.skipped]
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return out.getvalue()
