"""A bad profile file is one error naming the file, the key path, its line and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicc.prioritize import ProfileError, load_profile

GOOD = """\
name: clinic
human_impact:
  default: medium
  clinical: very high
mission_impact: {default: medium}
clocks:
  ssvc:DT_DP:1.0.0:
    binding: false
    days: {Immediate: 1, Out-of-Cycle: 7, Scheduled: 30, Defer: null}
notes:
  - Plain text.
  - {text: A proposed rule., status: proposed}
"""


def test_the_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "clinic.yaml"
    path.write_text(GOOD, encoding="utf-8")
    profile = load_profile(path)
    assert profile.human_impact("clinical") == "VH"
    assert [(n.text, n.status) for n in profile.notes] == [
        ("Plain text.", None),
        ("A proposed rule.", "proposed"),
    ]


BAD = [
    # (change to GOOD, location, words of the message)
    (("clinical: very high", "clinical: [very high]"), "human_impact.clinical (line 4)", "text"),
    (("binding: false", "binding: sometimes"), "clocks.ssvc:DT_DP:1.0.0.binding (line 8)", "true"),
    (("Immediate: 1", "Immediate: 1.5"), "clocks.ssvc:DT_DP:1.0.0.days.Immediate (line 9)", "days"),
    (
        ("Immediate: 1", "Immediate: -1"),
        "clocks.ssvc:DT_DP:1.0.0.days.Immediate (line 9)",
        "int -1",
    ),
    (("    days:", "    dayz:"), "clocks.ssvc:DT_DP:1.0.0.dayz (line 9)", "unknown key"),
    (("    days:", "    dayz:"), "clocks.ssvc:DT_DP:1.0.0.dayz (line 9)", "binding, days"),
    (("name: clinic\n", "name: clinic\nsector: health\n"), "sector (line 2)", "unknown key"),
    (("mission_impact: {default: medium}\n", ""), "mission_impact", "missing required key"),
    (("status: proposed", "status: proposed, by: HHS"), "notes[1].by (line 12)", "unknown key"),
    (("- Plain text.", "- 42"), "notes[0] (line 11)", "expected text, or a mapping"),
    # a key named like pydantic's union tags is still the user's key
    (("status: proposed", "status: proposed, mapping: 1"), "notes[1].mapping (line 12)", "unknown"),
    (("  default: medium\n", ""), "human_impact (line 2)", 'with "default"'),
]


@pytest.mark.parametrize(("change", "location", "words"), BAD)
def test_a_bad_file_names_file_key_line_and_problem(
    tmp_path: Path, change: tuple[str, str], location: str, words: str
) -> None:
    path = tmp_path / "clinic.yaml"
    assert change[0] in GOOD
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(ProfileError) as caught:
        load_profile(path)
    assert caught.value.path == str(path)
    assert caught.value.location == location
    assert words in caught.value.message
    assert str(caught.value).startswith(f"{path}: {location}: ")
    assert "pydantic" not in str(caught.value) and "Input should" not in str(caught.value)


def test_every_problem_is_counted_in_the_first(tmp_path: Path) -> None:
    path = tmp_path / "clinic.yaml"
    path.write_text(GOOD.replace("clinic", "7").replace("false", "no way"), encoding="utf-8")
    with pytest.raises(ProfileError, match=r"^.*: name \(line 1\): .* \(and 1 more problem\)$"):
        load_profile(path)
