"""Sector profiles load, check their values against the tables, and fail clearly."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from aicc.core.errors import AiccError
from aicc.core.results import BOD_26_04, DEPLOYER
from aicc.prioritize import Profile, ProfileError, load_profile
from aicc.prioritize.profiles import PROFILES, shipped

SHIPPED = ["bank", "default", "federal", "hospital", "utility"]


def test_shipped_names() -> None:
    assert shipped() == SHIPPED


@pytest.mark.parametrize("name", SHIPPED)
def test_each_shipped_profile_loads(name: str) -> None:
    profile = load_profile(name)
    assert isinstance(profile, Profile)
    assert profile.name == name
    assert profile.human_impact() in {"L", "M", "H", "VH"}
    assert profile.mission_impact() in {"L", "M", "H"}
    # Every shipped profile gives the BOD 26-04 clocks: 3DF/3D 3 days, 14D, 60D, FSU none.
    bod = profile.clocks[BOD_26_04].days
    assert dict(bod) == {"3DF": 3, "3D": 3, "14D": 14, "60D": 60, "FSU": None}
    assert set(profile.clocks[DEPLOYER].days) == {"I", "O", "S", "D"}


def test_a_profile_loads_by_path() -> None:
    assert load_profile(PROFILES / "bank.yaml").name == "bank"


def test_sector_specifics() -> None:
    assert load_profile("federal").clocks[BOD_26_04].binding is True
    assert load_profile("hospital").clocks[BOD_26_04].binding is False
    hospital = load_profile("hospital")
    assert hospital.human_impact("clinical") == "VH"
    assert hospital.human_impact("Medical Device") == "VH"  # case and spacing do not matter
    assert hospital.human_impact("medical_device") == "VH"
    assert any("15 days" in n.text and n.status == "proposed" for n in hospital.notes)
    bank = load_profile("bank")
    assert bank.human_impact("payment") == "H"
    assert bank.mission_impact("core-banking") == "H"
    utility = load_profile("utility")
    assert any("CIP-007-6" in n.text and "35" in n.text for n in utility.notes)
    assert any("mitigation plan" in n.text for n in utility.notes)


def test_unlisted_asset_class_takes_the_default() -> None:
    hospital = load_profile("hospital")
    assert hospital.human_impact("toaster") == hospital.human_impact(None) == "M"


def test_safety_critical_wins_over_the_profile() -> None:
    hospital = load_profile("hospital")
    assert hospital.human_impact("office") == "L"
    assert hospital.human_impact("office", safety_critical=True) == "VH"
    assert hospital.mission_impact("office", safety_critical=True) == "H"  # MWI's top value


def test_due_dates() -> None:
    federal = load_profile("federal")
    found = date(2026, 3, 1)
    assert federal.due(BOD_26_04, "14D", found) == date(2026, 3, 15)
    assert federal.due(BOD_26_04, "FSU", found) is None
    assert federal.due("cisa:DT_CO:2.0.3", "AC", found) is None  # no clock for that table


def test_unknown_profile_lists_the_shipped_ones() -> None:
    with pytest.raises(ProfileError, match='unknown profile "casino"') as caught:
        load_profile("casino")
    for name in SHIPPED:
        assert name in str(caught.value)
    assert isinstance(caught.value, AiccError)
    assert isinstance(caught.value, ValueError)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """\
human_impact: {default: medium, firewall: high}
mission_impact: {default: medium}
clocks:
  ssvc:DT_DP:1.0.0: {days: {Immediate: 1, O: 7, scheduled: 30, defer: null}}
"""


def test_a_user_file_loads(tmp_path: Path) -> None:
    profile = load_profile(_write(tmp_path, GOOD))
    assert profile.name == "mine"
    assert profile.human_impact("firewall") == "H"
    assert dict(profile.clocks[DEPLOYER].days) == {"I": 1, "O": 7, "S": 30, "D": None}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (GOOD.replace("firewall: high", "firewall: extreme"), "human_impact.firewall"),
        (
            GOOD.replace("mission_impact: {default: medium}", "mission_impact: {x: low}"),
            "mission_impact",
        ),
        (
            GOOD.replace(
                "mission_impact: {default: medium}", "mission_impact: {default: very high}"
            ),
            "mission_impact.default",
        ),
        (GOOD.replace("Immediate: 1", "Now: 1"), "clocks.ssvc:DT_DP:1.0.0.days.Now"),
        (GOOD.replace("Immediate: 1", "Immediate: soon"), "clocks.ssvc:DT_DP:1.0.0.days.Immediate"),
        (GOOD.replace("ssvc:DT_DP:1.0.0", "ssvc:DT_XX:1.0.0"), "clocks.ssvc:DT_XX:1.0.0"),
        (GOOD + "colour: blue\n", "colour"),
        (GOOD + "notes: 3\n", "notes"),
        ("- a list\n", "(top level)"),
    ],
)
def test_malformed_file_names_file_and_key(tmp_path: Path, text: str, key: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    # the key's line follows it where the file has the key
    assert re.match(rf"{re.escape(f'{path}: {key}')}( \(line \d+\))?: ", str(caught.value))


def test_invalid_yaml_names_the_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "human_impact: [unclosed\n")
    with pytest.raises(ProfileError, match=r"mine\.yaml"):
        load_profile(path)
