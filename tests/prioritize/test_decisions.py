"""The issue's cases through decide(); expected outcomes checked against the official rows."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from aicc.core.evidence import Decision, Evidence, Fact
from aicc.core.results import BOD_26_04, COORDINATOR, DEPLOYER
from aicc.prioritize import SsvcError, decide, evaluate, load_profile

FOUND = date(2026, 5, 4)


def evidence(
    exploitation: str, automatable: str, impact: str, exposure: str, in_kev: bool
) -> Evidence:
    return Evidence(
        exploitation=Fact(exploitation, "CISA KEV" if in_kev else "test"),
        automatable=Fact(automatable, "CISA ADP (Vulnrichment) SSVC"),
        technical_impact=Fact(impact, "CISA ADP (Vulnrichment) SSVC"),
        exposure=Fact(exposure, "inventory"),
        in_kev=in_kev,
    )


def by_table(decisions: list[Decision]) -> dict[str, Decision]:
    assert [d.table for d in decisions] == [DEPLOYER, COORDINATOR, BOD_26_04]
    return {d.table: d for d in decisions}


FORTIOS = evidence("active", "yes", "total", "open", in_kev=True)


def test_fortios_internet_facing_firewall_hospital() -> None:
    result = by_table(
        decide(FORTIOS, load_profile("hospital"), found_on=FOUND, asset_class="firewall")
    )
    bod = result[BOD_26_04]
    assert (bod.outcome, bod.label) == ("3DF", "3 days & forensic investigation")
    assert bod.due == FOUND + timedelta(days=3)
    assert bod.inputs == {
        "cisa:PE:1.0.0": "Y",
        "cisa:KEV:1.0.0": "Y",
        "ssvc:A:2.0.0": "Y",
        "ssvc:TI:1.0.0": "T",
    }
    deployer = result[DEPLOYER]
    assert deployer.inputs == {
        "ssvc:E:1.1.0": "A",
        "ssvc:EXP:1.0.1": "O",
        "ssvc:A:2.0.0": "Y",
        "ssvc:HI:2.0.2": "H",
    }
    assert (deployer.outcome, deployer.label) == ("I", "Immediate")
    assert deployer.due == FOUND + timedelta(days=2)  # the hospital profile's Immediate clock
    coordinator = result[COORDINATOR]
    assert coordinator.inputs["ssvc:MWI:1.0.0"] == "H"
    assert (coordinator.outcome, coordinator.label) == ("AC", "Act")
    assert coordinator.due is None  # no profile clock for the coordinator table


@pytest.mark.parametrize("asset", ["office", None])  # low, and the default medium
def test_fortios_with_low_or_medium_human_impact_is_out_of_cycle(asset: str | None) -> None:
    deployer = decide(FORTIOS, load_profile("hospital"), found_on=FOUND, asset_class=asset)[0]
    assert deployer.inputs["ssvc:HI:2.0.2"] in {"L", "M"}
    assert (deployer.outcome, deployer.label) == ("O", "Out-of-Cycle")
    assert deployer.due == FOUND + timedelta(days=15)


def test_safety_critical_override_makes_it_immediate() -> None:
    deployer = decide(
        FORTIOS,
        load_profile("hospital"),
        found_on=FOUND,
        asset_class="office",
        safety_critical=True,
    )[0]
    assert deployer.inputs["ssvc:HI:2.0.2"] == "VH"
    assert deployer.outcome == "I"


@pytest.mark.parametrize("exposure", ["controlled", "small"])
def test_fortios_not_publicly_exposed_is_still_3df(exposure: str) -> None:
    found = evidence("active", "yes", "total", exposure, in_kev=True)
    bod = decide(found, load_profile("federal"), found_on=FOUND)[2]
    assert bod.inputs["cisa:PE:1.0.0"] == "N"
    assert bod.outcome == "3DF"
    assert bod.due == FOUND + timedelta(days=3)


def test_kev_partial_not_exposed_not_automatable_is_14_days() -> None:
    found = evidence("active", "no", "partial", "controlled", in_kev=True)
    bod = decide(found, load_profile("federal"), found_on=FOUND)[2]
    assert (bod.outcome, bod.label) == ("14D", "14 days")
    assert bod.due == FOUND + timedelta(days=14)


@pytest.mark.parametrize(
    ("profile", "asset", "expected"),
    [
        ("default", None, ("D", "Defer")),  # medium human impact
        ("hospital", "clinical", ("S", "Scheduled")),  # very high human impact
    ],
)
def test_library_finding(profile: str, asset: str | None, expected: tuple[str, str]) -> None:
    found = evidence("none", "no", "partial", "small", in_kev=False)
    result = by_table(decide(found, load_profile(profile), found_on=FOUND, asset_class=asset))
    deployer = result[DEPLOYER]
    assert (deployer.outcome, deployer.label) == expected
    assert result[COORDINATOR].label == "Track"
    bod = result[BOD_26_04]
    assert (bod.outcome, bod.label, bod.due) == ("FSU", "Fix on system upgrade", None)


def test_poc_maps_by_name() -> None:
    found = evidence("poc", "no", "partial", "small", in_kev=False)
    assert decide(found, load_profile("default"), found_on=FOUND)[0].inputs["ssvc:E:1.1.0"] == "P"


def test_unmappable_value_is_a_clear_error() -> None:
    found = evidence("rumoured", "no", "partial", "small", in_kev=False)
    with pytest.raises(SsvcError, match=r'"rumoured" is not a value of Exploitation'):
        decide(found, load_profile("default"), found_on=FOUND)


@pytest.mark.parametrize("name", ["default", "federal", "hospital", "bank", "utility"])
def test_decisions_agree_with_the_tables(name: str) -> None:
    """Every evidence combination: decide() gives exactly what evaluate() gives on its inputs."""
    profile = load_profile(name)
    for e in ("none", "poc", "active"):
        for a in ("yes", "no"):
            for ti in ("partial", "total"):
                for exp in ("small", "controlled", "open"):
                    for kev in (True, False):
                        for d in decide(evidence(e, a, ti, exp, kev), profile, found_on=FOUND):
                            assert evaluate(d.table, d.inputs) == d.outcome


def test_user_profile_clock(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "human_impact: {default: low}\nmission_impact: {default: low}\n"
        "clocks: {'cisa:DT_BOD2604:1.0.0': {days: {14 days: 10}}}\n",
        encoding="utf-8",
    )
    found = evidence("active", "no", "partial", "controlled", in_kev=True)
    bod = decide(found, load_profile(path), found_on=FOUND)[2]
    assert (bod.outcome, bod.due) == ("14D", FOUND + timedelta(days=10))
