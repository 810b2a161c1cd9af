"""The portfolio views kept under the store's change marker (`aicc.center.portfolio_cache`):
computed once while nothing changes, and every write, by any writer, seen by the next call."""

from __future__ import annotations

from datetime import date
from typing import Any

import orjson
from sqlalchemy import Engine, delete, select

from aicc.center import Principal, affected_by, summary
from aicc.center.portfolio_cache import Views, portfolio_marker
from aicc.store.center_tables import assets, findings, organisations, store_changes
from aicc.store.db import open_store
from tests.center.test_portfolio import CENTER, NOW, _finding, _organisation

DAY = date(2026, 12, 1)
BANKS = Principal("tok_b", "read-only", agency="CISA", sectors=("bank",))


def _portfolio(engine: Engine) -> None:
    _organisation(engine, "mercy", "hospital", "Iowa", 1)
    _organisation(engine, "first", "bank", "Ohio", 1)
    _finding(engine, "mercy", 1, kev=True, due=date(2026, 11, 20))
    _finding(engine, "first", 1, due=date(2026, 12, 20))


def test_a_view_is_computed_once_until_the_portfolio_changes(engine: Engine) -> None:
    _portfolio(engine)
    views, runs = Views(), list[int]()

    def count() -> int:
        runs.append(1)
        with engine.connect() as conn:
            return len(conn.execute(select(findings.c.id)).all())

    assert [views(engine, "k", count) for _ in range(5)] == [b"2"] * 5
    assert len(runs) == 1
    assert views(engine, "other key", count) == b"2" and len(runs) == 2
    _finding(engine, "mercy", 2)  # plain SQL: the triggers change the marker
    assert views(engine, "k", count) == b"3" and len(runs) == 3
    assert views(engine, "k", count) == b"3" and len(runs) == 3
    with engine.begin() as conn:  # a store without its marker row is read every time
        conn.execute(delete(store_changes))
        assert portfolio_marker(conn) is None
    assert views(engine, "k", count) == b"3" and views(engine, "k", count) == b"3"
    assert len(runs) == 5


def test_the_least_recently_used_answer_goes_first(engine: Engine) -> None:
    views, runs = Views(kept=2), list[str]()
    for key in ("a", "b", "a", "c", "a", "b"):

        def compute(key: str = key) -> str:
            runs.append(key)
            return key

        assert views(engine, key, compute) == orjson.dumps(key)
    assert runs == ["a", "b", "c", "b"]  # c pushed out b, the least recently used


def test_every_write_of_the_portfolio_is_seen_by_the_next_summary(engine: Engine) -> None:
    _portfolio(engine)
    other = open_store(str(engine.url))  # another pool: as another process would write
    try:

        def totals() -> dict[str, int]:
            counts: dict[str, int] = summary(engine, CENTER, DAY)["totals"]
            return counts

        assert totals() == {
            "organizations": 2, "assets": 2, "open_findings": 2,
            "kev_findings": 1, "overdue_findings": 1,
        }  # fmt: skip
        assert totals() == totals()
        with other.begin() as conn:
            conn.execute(
                findings.update().where(findings.c.id == "mercy_f1").values(state="resolved")
            )
        assert totals()["open_findings"] == 1 and totals()["kev_findings"] == 0
        with other.begin() as conn:
            conn.execute(findings.update().values(due=date(2026, 11, 1)))
        assert totals()["overdue_findings"] == 1  # first's only open finding is late now
        with other.begin() as conn:
            conn.execute(
                assets.insert().values(
                    id="first_a9",
                    organisation_id="first",
                    name="core banking",
                    kind="application",
                    safety_critical=False,
                    created_at=NOW,
                )
            )
        assert totals()["assets"] == 3
        with other.begin() as conn:
            conn.execute(
                organisations.update().where(organisations.c.id == "first").values(region="Utah")
            )
        regions = {r["region"] for r in summary(engine, CENTER, DAY)["regions"]}
        assert regions == {"Iowa", "Utah"}
        with other.begin() as conn:
            conn.execute(delete(findings).where(findings.c.organisation_id == "first"))
        assert totals()["open_findings"] == 0
        # the day is part of the key: another day is counted for itself
        assert summary(engine, CENTER, date(2026, 11, 1))["as_of"] == "2026-11-01"
    finally:
        other.dispose()


def test_each_set_of_grants_has_its_own_answers(engine: Engine) -> None:
    _portfolio(engine)
    everyone = summary(engine, CENTER, DAY)
    banks = summary(engine, BANKS, DAY)
    assert [s["sector"] for s in everyone["sectors"]] == ["bank", "hospital"]
    assert [s["sector"] for s in banks["sectors"]] == ["bank"]
    assert summary(engine, CENTER, DAY) == everyone and summary(engine, BANKS, DAY) == banks

    seen = affected_by(engine, CENTER, "CVE-2026-0001")
    assert {o["id"] for o in seen["organizations"]} == {"mercy", "first"}
    assert [o["id"] for o in affected_by(engine, BANKS, "CVE-2026-0001")["organizations"]] == [
        "first"
    ]
    assert affected_by(engine, CENTER, "CVE-2026-0001") == seen


def test_the_vulnerability_view_sees_a_new_finding_at_once(engine: Engine) -> None:
    _portfolio(engine)
    before = affected_by(engine, CENTER, "CVE-2026-0002")
    assert before["organizations"] == [] and before["summary"]["findings"] == 0
    _finding(engine, "first", 2)
    after = affected_by(engine, CENTER, "CVE-2026-0002")
    assert [o["id"] for o in after["organizations"]] == ["first"]
    assert after["summary"] == {"organizations": 1, "assets": 1, "findings": 1}
    gone = affected_by(engine, CENTER, "CVE-2026-0002", present=False)
    assert orjson.dumps(gone) == orjson.dumps(after)  # present=False: its own key, same rows


def test_a_kept_findings_page_sees_every_write_it_shows(engine: Engine) -> None:
    """Suppressions and re-checks change a page as findings do (migration 0024): each write,
    from another pool as another process would make it, is on the next page asked for."""
    from aicc.center import list_findings, list_findings_json
    from aicc.store.finding_work_tables import finding_suppressions
    from aicc.store.recheck_tables import recheck_findings, recheck_runs

    _portfolio(engine)
    mercy = Principal("tok_m", "member", organisation_id="mercy", organisation_name="Mercy")
    other = open_store(str(engine.url))

    def page(who: Principal = mercy, **filters: Any) -> dict[str, Any]:
        sent = list_findings_json(engine, who, **filters)
        assert sent == orjson.dumps(list_findings(engine, who, **filters))  # as computed now
        answer: dict[str, Any] = orjson.loads(sent)
        return answer

    def write(statement: Any) -> None:
        with other.begin() as conn:
            conn.execute(statement)

    try:
        assert [f["id"] for f in page()["items"]] == ["mercy_f1"]
        assert [f["id"] for f in page(CENTER)["items"]] == ["mercy_f1", "first_f1"]
        assert [f["id"] for f in page(BANKS)["items"]] == ["first_f1"]  # its grant, its page
        write(
            finding_suppressions.insert().values(
                finding_id="mercy_f1",
                reason="behind the WAF",
                expires_on=date(2099, 1, 1),
                suppressed_at=NOW,
                suppressed_by="test",
            )
        )
        assert page()["items"] == [] and page()["suppressed"] == 1
        write(finding_suppressions.update().values(lifted_at=NOW, lifted_by="test"))
        assert [f["suppressed"] for f in page()["items"]] == [False]
        run = {
            "trigger": "manual", "full_recheck": True, "created_at": NOW, "changes": {},
            "chunks_done": 0, "inventories": 0, "components": 0, "findings_new": 0,
            "findings_closed": 0, "findings_again": 0, "findings_redecided": 0,
            "new_exploited": 0, "problems": [],
        }  # fmt: skip
        write(recheck_runs.insert().values(id="rck_1", state="running", **run))
        write(
            recheck_findings.insert().values(
                run_id="rck_1",
                finding_id="mercy_f1",
                change="redecided",
                vulnerability_id="CVE-2026-0001",
                kev=True,
                reason="KEV",
            )
        )
        assert page()["items"][0]["recheck"] is None  # the run has not finished
        write(recheck_runs.update().values(state="done", finished_at=NOW))
        assert page()["items"][0]["recheck"] == {"run": "rck_1", "change": "redecided"}
        assert page(recheck="redecided")["total"] == 1
        write(recheck_findings.delete())
        assert page()["items"][0]["recheck"] is None
    finally:
        other.dispose()
