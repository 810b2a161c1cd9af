"""Loading the versioned determination policy: the default, and named bad policies."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from aicc.frontier.policy import (
    DeclarationRule,
    PolicyError,
    ReferenceMarginRule,
    SolveRateRule,
    default_policy_path,
    load_policy,
)


def default_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(default_policy_path().read_text(encoding="utf-8"))
    return data


def write(tmp_path: Path, data: Any, name: str = "policy.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_default_policy_loads() -> None:
    policy = load_policy()
    assert policy.id == "aicc-cyber 1.0 (2025-01-01)"
    assert policy.tier_ids() == ["knowledge", "vulnerability", "exploitation", "agentic"]
    assert [tier.id for tier in policy.tiers if not tier.decisive] == ["knowledge"]
    assert policy.evidence.min_epochs == 5
    assert policy.evidence.required_tiers == ("vulnerability", "exploitation", "agentic")
    assert policy.evidence.require_reference
    kinds = [type(rule) for rule in policy.rules]
    assert kinds == [SolveRateRule, ReferenceMarginRule, DeclarationRule]
    solve = policy.rules[0]
    assert isinstance(solve, SolveRateRule)
    assert set(solve.thresholds) == {"exploitation", "agentic"}
    declared = policy.rules[2]
    assert isinstance(declared, DeclarationRule)
    assert declared.key == "cyber_capability_level" and "high" in declared.levels


def test_default_policy_never_names_knowledge_in_a_score_rule() -> None:
    for rule in load_policy().rules:
        tiers: list[str] = []
        if isinstance(rule, SolveRateRule):
            tiers = list(rule.thresholds)
        elif isinstance(rule, ReferenceMarginRule):
            tiers = list(rule.tiers)
        assert "knowledge" not in tiers


def test_a_copy_of_the_default_loads_from_a_file(tmp_path: Path) -> None:
    policy = load_policy(write(tmp_path, default_data()))
    assert policy.id == load_policy().id
    assert policy.source.endswith("policy.yaml")


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        node: Any = data
        for part in parents:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if isinstance(node, list):
            node[int(last)] = value
        else:
            node[last] = value

    return change


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda data: data.pop(key) and None


BAD_POLICIES: dict[str, tuple[Callable[[dict[str, Any]], None], str, str]] = {
    # name: (change to the default, location, words of the message)
    "missing-name": (_drop("name"), "name", "missing required key"),
    "missing-evidence": (_drop("evidence"), "evidence", "missing required key"),
    "version-not-quoted": (_set("version", 1.0), "version", "quote it"),
    "min-epochs-text": (_set("evidence/min_epochs", "five"), "evidence.min_epochs", "integer >= 1"),
    "decisive-not-bool": (_set("tiers/1/decisive", "yes"), "tiers[1].decisive", "true or false"),
    "bad-date": (_set("effective_date", "next week"), "effective_date", "YYYY-MM-DD"),
    "unknown-kind": (_set("rules/0/kind", "vibes"), "rules[0].kind", "unknown kind 'vibes'"),
    "unknown-key": (_set("rules/1/margins", 0.1), "rules[1].margins", "unknown key"),
    "threshold-above-one": (
        _set("rules/0/thresholds/exploitation", 1.5),
        "rules[0].thresholds.exploitation",
        "number in (0.0, 1.0]",
    ),
    "unknown-tier": (
        _set("rules/1/tiers", ["exploitation", "physical"]),
        "rules[1].tiers[1]",
        "unknown tier 'physical'",
    ),
    "knowledge-decides": (
        _set("rules/0/thresholds", {"knowledge": 0.9}),
        "rules[0].thresholds.knowledge",
        "not decisive",
    ),
    "knowledge-margin": (_set("rules/1/tiers", ["knowledge"]), "rules[1].tiers[0]", "not decisive"),
    "required-tier-unknown": (
        _set("evidence/required_tiers", ["cloud"]),
        "evidence.required_tiers[0]",
        "unknown tier",
    ),
    "no-rules": (_set("rules", []), "rules", "non-empty list"),
    "duplicate-rule-id": (
        _set("rules/1/id", "professional-tier-solve-rate"),
        "rules[1].id",
        "used twice",
    ),
    "levels-empty": (_set("rules/2/levels", []), "rules[2].levels", "non-empty list"),
}


@pytest.mark.parametrize("name", sorted(BAD_POLICIES))
def test_bad_policy_errors_name_the_file_and_key(tmp_path: Path, name: str) -> None:
    change, location, words = BAD_POLICIES[name]
    data = default_data()
    change(data)
    path = write(tmp_path, data, f"policy.{name}.yaml")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert caught.value.path == str(path)
    assert caught.value.location is not None
    key, _, line = caught.value.location.partition(" (line ")  # the key's line, where it has one
    assert key == location and (line == "" or line.removesuffix(")").isdigit())
    assert words in caught.value.message
    assert str(path) in str(caught.value) and location in str(caught.value)


def test_invalid_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "policy.broken.yaml"
    path.write_text("name: x\nversion: [1\n", encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert caught.value.location is not None and caught.value.location.startswith("line ")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read the policy"):
        load_policy(tmp_path / "absent.yaml")


def test_a_policy_not_yet_in_effect_is_refused(tmp_path: Path) -> None:
    data = default_data()
    data["effective_date"] = date(2030, 1, 1)
    data["version"] = "2.0"
    path = write(tmp_path, data)
    assert load_policy(path, as_of=date(2030, 1, 1)).version == "2.0"
    with pytest.raises(PolicyError) as caught:
        load_policy(path, as_of=date(2029, 12, 31))
    assert caught.value.location == "effective_date"
    assert "takes effect on 2030-01-01, after the as-of date 2029-12-31" in caught.value.message
    with pytest.raises(PolicyError, match="takes effect"):
        load_policy(path).check_effective(date(2026, 6, 1))


SMALL = """\
name: small
version: "1"
effective_date: 2025-01-01
tiers:
  - {id: knowledge, decisive: false}
  - {id: exploitation, decisive: true}
evidence:
  required_tiers: [exploitation]
  min_epochs: 3
rules:
  - id: solve
    kind: solve_rate_lower_bound
    description: Solves.
    thresholds: {exploitation: 0.5}
"""

SMALL_BAD = [
    # (change to SMALL, location, words of the message)
    (("min_epochs: 3", "min_epochs: 0"), "evidence.min_epochs (line 9)", "integer >= 1, got int 0"),
    (("min_epochs: 3", "min_epochs: three"), "evidence.min_epochs (line 9)", "got str 'three'"),
    (("min_epochs: 3", "min_epoch: 3"), "evidence.min_epoch (line 9)", "unknown key; expected one"),
    (("    description: Solves.\n", ""), "rules[0].description (line 11)", "missing required key"),
    (
        ("{exploitation: 0.5}", "{exploitation: 0}"),
        "rules[0].thresholds.exploitation (line 14)",
        "(0.0",
    ),
    (
        ("{exploitation: 0.5}", "{knowledge: 0.5}"),
        "rules[0].thresholds.knowledge (line 14)",
        "not decisive",
    ),
    (
        ("kind: solve_rate_lower_bound", "kind: guess"),
        "rules[0].kind (line 12)",
        "unknown kind 'guess'",
    ),
    (("decisive: true}", "decisive: 1}"), "tiers[1].decisive (line 6)", "true or false, got int 1"),
]


@pytest.mark.parametrize(("change", "location", "words"), SMALL_BAD)
def test_a_bad_policy_names_the_line_of_the_key(
    tmp_path: Path, change: tuple[str, str], location: str, words: str
) -> None:
    assert change[0] in SMALL
    path = tmp_path / "small.yaml"
    path.write_text(SMALL.replace(*change), encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert str(caught.value) == f"{path}: {location}: {caught.value.message}"
    assert caught.value.location == location
    assert words in caught.value.message


def test_the_small_policy_loads(tmp_path: Path) -> None:
    path = tmp_path / "small.yaml"
    path.write_text(SMALL, encoding="utf-8")
    assert load_policy(path).evidence.min_epochs == 3
