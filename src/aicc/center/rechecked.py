"""What the latest finished re-check did to a finding, read from its row: the columns a
findings query adds, and the mark the API shows (``{"run", "change"}``, or None when the latest
re-check left the finding alone). The re-checks themselves are `aicc.center.recheck`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Label, RowMapping, ScalarSelect, Select, and_, select

from aicc.store.center_tables import findings
from aicc.store.recheck_tables import recheck_findings as rf
from aicc.store.recheck_tables import recheck_runs as r

COLUMNS: tuple[Label[Any], ...] = (
    rf.c.run_id.label("recheck_run"),
    rf.c.change.label("recheck_change"),
)


def latest_run() -> ScalarSelect[Any]:
    """The id of the latest re-check that finished."""
    return (
        select(r.c.id)
        .where(r.c.state == "done")
        .order_by(r.c.finished_at.desc(), r.c.id.desc())
        .limit(1)
        .scalar_subquery()
    )


def joined(query: Select[Any]) -> Select[Any]:
    """A query of findings with what the latest re-check did to each (`COLUMNS`; null: none)."""
    on = and_(rf.c.finding_id == findings.c.id, rf.c.run_id == latest_run())
    return query.outerjoin(rf, on).add_columns(*COLUMNS)


def change_column() -> Any:
    """The column the findings list filters on (``recheck=new``)."""
    return rf.c.change


def mark(row: RowMapping) -> dict[str, str] | None:
    """``{"run", "change"}`` when the latest re-check changed the finding (new, closed, found
    again, re-decided), else None."""
    change = row.get("recheck_change")
    return None if change is None else {"run": row["recheck_run"], "change": change}
