"""Every YAML file a user gives AICC, nested thousands deep or not UTF-8, is one clear error
naming the file, never a RecursionError (issue 17)."""

from __future__ import annotations

import functools
import tempfile
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from aicc.code.rules import CodeRulesError, load_rules_file
from aicc.core.errors import AiccError, InventoryError
from aicc.frontier.policy import PolicyError, default_policy_path, load_policy
from aicc.frontier.records import load_declarations
from aicc.inventory.assets import load_asset_settings
from aicc.prioritize.profiles import PROFILES, ProfileError, load_profile

RULES = Path(str(resources.files("aicc") / "data" / "code-rules"))
DEMO_ASSET = sorted(Path(str(resources.files("aicc") / "data" / "demo")).rglob("aicc-asset.yaml"))[
    0
]

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


# -- random documents: only the file kind's own error, never pydantic's or a crash -----------

FILE_KINDS: dict[str, tuple[Callable[[Path], Any], type[Exception], Path]] = {
    # name: (reader, its error, a good file to mutate)
    "profile.yaml": (lambda p: load_profile(str(p)), ProfileError, PROFILES / "hospital.yaml"),
    "policy.yaml": (load_policy, PolicyError, default_policy_path()),
    "rules.yaml": (load_rules_file, CodeRulesError, RULES / "aiohttp.yaml"),
    "aicc-asset.yaml": (load_asset_settings, InventoryError, DEMO_ASSET),
}

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True)
    | st.text(max_size=12)
    | st.dates()
    | st.sampled_from(["default", "high", "very high", "exploitation", "*.x", "0", "1.5"])
)
# keys a file of some kind has, so the documents get past the top level
WORDS = st.sampled_from(
    sorted(
        {"name", "description", "human_impact", "mission_impact", "clocks", "notes", "days"}
        | {"binding", "text", "status", "version", "effective_date", "tiers", "evidence"}
        | {"rules", "id", "kind", "thresholds", "margin", "key", "levels", "required_tiers"}
        | {"sources", "sanitizers", "sinks", "calls", "args", "cwe", "message", "configured"}
        | {"object", "made_by", "settings", "when_argument", "asset_class", "exposure"}
        | {"safety_critical", "solve_rate_lower_bound", "ssvc:DT_DP:1.0.0", "Immediate"}
    )
)
KEYS = WORDS | SCALARS.filter(lambda v: v is None or not isinstance(v, float))
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)


def _replace_somewhere(document: Any, path: list[int], value: Any) -> Any:
    """``document`` with the part that ``path`` picks (each step: which child) set to ``value``."""
    if not path or not isinstance(document, dict | list) or not document:
        return value
    if isinstance(document, dict):
        keys = list(document)
        key = keys[path[0] % len(keys)]
        return {**document, key: _replace_somewhere(document[key], path[1:], value)}
    index = path[0] % len(document)
    return [
        *document[:index],
        _replace_somewhere(document[index], path[1:], value),
        *document[index + 1 :],
    ]


@functools.cache
def _good(kind: str) -> Any:
    return yaml.safe_load(FILE_KINDS[kind][2].read_text(encoding="utf-8"))


def _read_as(kind: str, text: str) -> None:
    reader, error, _ = FILE_KINDS[kind]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / kind
        path.write_text(text, encoding="utf-8")
        try:
            reader(path)
        except error as caught:
            assert str(path) in str(caught)
            assert "pydantic" not in str(caught) and "Input should" not in str(caught)


@pytest.mark.parametrize("kind", FILE_KINDS)
@settings(max_examples=60, deadline=None)
@given(document=st.dictionaries(KEYS, VALUES, max_size=6))
def test_a_random_mapping_is_read_or_is_the_kinds_own_error(kind: str, document: Any) -> None:
    _read_as(kind, yaml.safe_dump(document))


@pytest.mark.parametrize("kind", FILE_KINDS)
@settings(max_examples=60, deadline=None)
@given(path=st.lists(st.integers(0, 50), max_size=6), value=VALUES)
def test_a_good_file_changed_anywhere_is_read_or_is_the_kinds_own_error(
    kind: str, path: list[int], value: Any
) -> None:
    good = _good(kind)
    _read_as(kind, yaml.safe_dump(_replace_somewhere(good, path, value)))
