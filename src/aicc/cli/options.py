"""Options shared by the commands that scan inventories: scan, plan, explain, vex."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

import typer


class Exposure(StrEnum):
    """How reachable a component is: from the internet, from inside, or barely."""

    open = "open"
    controlled = "controlled"
    small = "small"


class FailOn(StrEnum):
    """Which findings make the exit status 1."""

    never = "never"
    any = "any"
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"
    kev = "kev"
    unmatched = "unmatched"


PathsArgument: Any = typer.Argument(
    ..., metavar="PATH", show_default=False, help="Inventory files or directories to scan."
)
SectorOption: Any = typer.Option(
    "default",
    "--sector",
    "-s",
    help="Sector profile for the SSVC decisions: default, federal, "
    "hospital, bank, utility, or the path of a profile .yaml.",
)
ExposureOption: Any = typer.Option(
    Exposure.controlled,
    "--exposure",
    help="Exposure of components whose inventory does not say (the appliance CSV can).",
)
AsOfOption: Any = typer.Option(
    None, "--as-of", formats=["%Y-%m-%d"], help="Date the due dates count from [default: today]."
)
VexOption: Any = typer.Option(
    [],
    "--vex",
    metavar="FILE",
    help="OpenVEX, CycloneDX VEX or CSAF VEX document to apply "
    "(repeatable). A finding it says is not_affected or fixed is "
    "suppressed: still listed and marked as such, but neither "
    "planned nor counted as open.",
)
ReachabilityOption: Any = typer.Option(
    True,
    "--reachability/--no-reachability",
    help="Analyse the source beside go.mod / Python "
    "lockfiles; a confident 'not reachable' lowers "
    "exposure to small.",
)
FailOnOption: Any = typer.Option(
    FailOn.never,
    "--fail-on",
    help="Exit with status 1 when a finding reaches this level "
    "(any, low, medium, high, critical by CVSS; kev: known "
    "exploited; unmatched: an inventory entry named no known "
    "product). Findings VEX suppresses do not count. "
    "With an empty knowledge base this is an error (2).",
)
