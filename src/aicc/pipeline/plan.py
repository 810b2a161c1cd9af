"""Plan: a decided scan grouped into ordered actions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from aicc.core.results import ScanResult
from aicc.core.vex import VexStatement
from aicc.pipeline.scan import scan
from aicc.prioritize.plan import Plan, build_plan
from aicc.prioritize.profiles import Profile


def plan_result(engine: Engine, result: ScanResult, *, profile: Profile, as_of: date) -> Plan:
    """The plan of a scan decided under ``profile`` (``scan(..., profile=profile)``)."""
    with engine.connect() as conn:
        return build_plan(conn, result, profile=profile.name, as_of=as_of)


def plan_paths(
    engine: Engine,
    paths: Sequence[Path],
    *,
    profile: Profile,
    as_of: date,
    default_exposure: str = "controlled",
    vex: Sequence[VexStatement] = (),
    reachability: bool = False,
    on_found: Callable[[int], None] | None = None,
    on_file: Callable[[Path], None] | None = None,
) -> Plan:
    """Scan ``paths`` under ``profile`` and group the findings into a plan (see ``scan``)."""
    result = scan(
        engine,
        paths,
        profile=profile,
        as_of=as_of,
        default_exposure=default_exposure,
        vex=vex,
        reachability=reachability,
        on_found=on_found,
        on_file=on_file,
    )
    return plan_result(engine, result, profile=profile, as_of=as_of)
