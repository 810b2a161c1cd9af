"""Every YAML file a user gives AICC, nested thousands deep or not UTF-8, is one clear error
naming the file, never a RecursionError (issue 17)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aicc.code.rules import load_rules_file
from aicc.core.errors import AiccError
from aicc.frontier.policy import load_policy
from aicc.frontier.records import load_declarations
from aicc.inventory.assets import load_asset_settings
from aicc.prioritize.profiles import load_profile

READERS: dict[str, Callable[[Path], Any]] = {
    "aicc-asset.yaml": load_asset_settings,
    "profile.yaml": lambda p: load_profile(str(p)),
    "policy.yaml": load_policy,
    "rules.yaml": load_rules_file,
    "declarations.yaml": load_declarations,
}


@pytest.mark.parametrize("name", READERS)
def test_a_deeply_nested_file_is_one_clear_error(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("key: " + "[" * 20_000 + "]" * 20_000 + "\n")
    with pytest.raises(AiccError) as caught:
        READERS[name](path)
    assert "nested too deeply to read" in str(caught.value)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("name", READERS)
def test_a_file_that_is_not_utf8_says_where(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"key: caf\xe9\n")
    with pytest.raises(AiccError) as caught:
        READERS[name](path)
    assert "not UTF-8 text (byte 8)" in str(caught.value)
