"""A bad ``aicc-asset.yaml`` is one error naming the file, the key, its line and the problem.
Every key of the file may be left out, so none is ever missing."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicc.core.errors import InventoryError
from aicc.inventory.assets import load_asset_settings

GOOD = """\
# the EHR server
asset_class: ehr
exposure: Controlled
safety_critical: false
"""


def test_the_good_file_loads(tmp_path: Path) -> None:
    path = tmp_path / "aicc-asset.yaml"
    path.write_text(GOOD, encoding="utf-8")
    settings = load_asset_settings(path)
    assert (settings.asset_class, settings.exposure, settings.safety_critical) == (
        "ehr",
        "controlled",
        False,
    )


@pytest.mark.parametrize(
    ("change", "location", "words"),
    [
        (("false", "maybe"), "safety_critical (line 4)", "expected true or false, got str 'maybe'"),
        (("asset_class: ehr", "asset_class: [ehr]"), "asset_class (line 2)", "expected a class"),
        (("asset_class: ehr", "asset_class: '  '"), "asset_class (line 2)", "got str '  '"),
        (("exposure: Controlled", "exposure: wide"), "exposure (line 3)", "'wide' is not one of"),
        (("exposure:", "exposed:"), "exposed (line 3)", "unknown key; expected one of"),
    ],
)
def test_a_bad_file_names_file_key_line_and_problem(
    tmp_path: Path, change: tuple[str, str], location: str, words: str
) -> None:
    assert change[0] in GOOD
    path = tmp_path / "aicc-asset.yaml"
    path.write_text(GOOD.replace(*change), encoding="utf-8")
    with pytest.raises(InventoryError) as caught:
        load_asset_settings(path)
    assert caught.value.path == str(path) and caught.value.location == location
    assert words in caught.value.message
    assert str(caught.value) == f"{path}: {location}: {caught.value.message}"
