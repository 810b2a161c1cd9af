"""The SSVC engine gives exactly the official tables' outcomes and says clearly what it needs."""

from __future__ import annotations

import dataclasses
import json
import math
from pathlib import Path
from typing import Any

import pytest

from aicc.core.errors import AiccError
from aicc.prioritize import (
    DecisionTable,
    SsvcError,
    evaluate,
    explain,
    load_table,
    outcome_name,
    table,
    tables,
)
from aicc.prioritize.ssvc import TABLES

OFFICIAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "ssvc"
# The official files when the shared data is present, otherwise the packaged copies.
REFERENCE = OFFICIAL if OFFICIAL.is_dir() else TABLES
REFERENCE_FILES = sorted(REFERENCE.glob("*.json"))

BOD = "cisa:DT_BOD2604:1.0.0"
DEPLOYER = "ssvc:DT_DP:1.0.0"
COORDINATOR = "cisa:DT_CO:2.0.3"

TABLE_IDS = [
    "cisa:DT_BOD2604:1.0.0",
    "cisa:DT_CO:2.0.3",
    "ssvc:DT_COORD_PUBLISH:1.0.0",
    "ssvc:DT_COORD_TRIAGE:1.0.0",
    "ssvc:DT_DP:1.0.0",
    "ssvc:DT_HI:1.0.0",
    "ssvc:DT_PSI:1.0.0",
    "ssvc:DT_SP:1.0.0",
    "ssvc:DT_U:1.0.0",
]


def _read(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_bytes())
    return document


def _bod(kev: str, exposed: str, automatable: str, impact: str) -> dict[str, str]:
    return {
        "cisa:KEV:1.0.0": kev,
        "cisa:PE:1.0.0": exposed,
        "ssvc:A:2.0.0": automatable,
        "ssvc:TI:1.0.0": impact,
    }


def _deployer(exploitation: str, exposure: str, automatable: str, human: str) -> dict[str, str]:
    return {
        "ssvc:E:1.1.0": exploitation,
        "ssvc:EXP:1.0.1": exposure,
        "ssvc:A:2.0.0": automatable,
        "ssvc:HI:2.0.2": human,
    }


def _coordinator(exploitation: str, automatable: str, impact: str, mission: str) -> dict[str, str]:
    return {
        "ssvc:E:1.1.0": exploitation,
        "ssvc:A:2.0.0": automatable,
        "ssvc:TI:1.0.0": impact,
        "ssvc:MWI:1.0.0": mission,
    }


def test_every_shipped_table_is_listed() -> None:
    assert tables() == TABLE_IDS
    assert len(REFERENCE_FILES) == len(TABLE_IDS)


@pytest.mark.parametrize("path", REFERENCE_FILES, ids=lambda p: p.stem)
def test_every_row_gives_the_official_outcome(path: Path) -> None:
    document = _read(path)
    table_id = f"{document['namespace']}:{document['key']}:{document['version']}"
    outcome_id = document["outcome"]
    wrong = []
    for row in document["mapping"]:
        inputs = {point: key for point, key in row.items() if point != outcome_id}
        if evaluate(table_id, inputs) != row[outcome_id]:
            wrong.append(row)
    assert not wrong
    assert len(table(table_id).rows) == len(document["mapping"])


@pytest.mark.parametrize("path", REFERENCE_FILES, ids=lambda p: p.stem)
def test_the_official_tables_are_complete(path: Path) -> None:
    document = _read(path)
    inputs = [p for i, p in document["decision_points"].items() if i != document["outcome"]]
    assert len(document["mapping"]) == math.prod(len(p["values"]) for p in inputs)


@pytest.mark.shared_data
def test_packaged_tables_are_byte_identical_to_the_official_ones(shared_data: Path) -> None:
    official = sorted(p.name for p in (shared_data / "ssvc").iterdir())
    assert sorted(p.name for p in TABLES.iterdir() if p.name != "README.md") == official
    for name in official:
        assert (TABLES / name).read_bytes() == (shared_data / "ssvc" / name).read_bytes(), name


@pytest.mark.parametrize(
    ("table_id", "values", "outcome", "name"),
    [
        # BOD 26-04: a KEV, automatable, total-impact CVE gets forensic triage, exposed or not.
        (BOD, _bod("Y", "Y", "Y", "T"), "3DF", "3 days & forensic investigation"),
        (BOD, _bod("Y", "N", "Y", "T"), "3DF", "3 days & forensic investigation"),
        # ... but with partial impact, exposed and automatable it is 3 days without forensics.
        (BOD, _bod("Y", "Y", "Y", "P"), "3D", "3 days"),
        (BOD, _bod("Y", "N", "N", "P"), "14D", "14 days"),
        (BOD, _bod("N", "Y", "N", "P"), "60D", "60 days"),
        # Deployer: active, open, automatable: Immediate only for high human impact.
        (DEPLOYER, _deployer("A", "O", "Y", "H"), "I", "Immediate"),
        (DEPLOYER, _deployer("A", "O", "Y", "VH"), "I", "Immediate"),
        (DEPLOYER, _deployer("A", "O", "Y", "M"), "O", "Out-of-Cycle"),
        (DEPLOYER, _deployer("A", "O", "Y", "L"), "O", "Out-of-Cycle"),
        # A library finding: no exploitation, not automatable, partial impact, small exposure.
        (DEPLOYER, _deployer("N", "S", "N", "L"), "D", "Defer"),
        (DEPLOYER, _deployer("N", "S", "N", "M"), "D", "Defer"),
        (DEPLOYER, _deployer("N", "S", "N", "H"), "S", "Scheduled"),
        (DEPLOYER, _deployer("N", "S", "N", "VH"), "S", "Scheduled"),
        (COORDINATOR, _coordinator("N", "N", "P", "L"), "T", "Track"),
        (COORDINATOR, _coordinator("N", "N", "P", "M"), "T", "Track"),
        (COORDINATOR, _coordinator("N", "N", "P", "H"), "T", "Track"),
        (BOD, _bod("N", "N", "N", "P"), "FSU", "Fix on system upgrade"),
        # The coordinator's top level.
        (COORDINATOR, _coordinator("A", "Y", "T", "H"), "AC", "Act"),
    ],
)
def test_known_cases(table_id: str, values: dict[str, str], outcome: str, name: str) -> None:
    assert evaluate(table_id, values) == outcome
    assert outcome_name(table_id, outcome) == name


def test_explain_names_every_input_and_the_outcome() -> None:
    assert explain(DEPLOYER, _deployer("A", "O", "Y", "VH")) == [
        "Exploitation (ssvc:E:1.1.0) = Active",
        "System Exposure (ssvc:EXP:1.0.1) = Open",
        "Automatable (ssvc:A:2.0.0) = Yes",
        "Human Impact (ssvc:HI:2.0.2) = Very High",
        "→ Defer, Scheduled, Out-of-Cycle, Immediate (ssvc:DSOI:1.0.0) = Immediate",
    ]


def test_explain_follows_the_table_order_not_the_callers() -> None:
    lines = explain(BOD, dict(reversed(_bod("Y", "N", "N", "P").items())))
    assert lines == [
        "Publicly Exposed (cisa:PE:1.0.0) = No",
        "In KEV (cisa:KEV:1.0.0) = Yes",
        "Automatable (ssvc:A:2.0.0) = No",
        "Technical Impact (ssvc:TI:1.0.0) = Partial",
        "→ CISA BOD 26-04 Remediation Timelines (cisa:BOD2604:1.0.0) = 14 days",
    ]


def test_table_describes_inputs_and_outcome() -> None:
    bod = table(BOD)
    assert isinstance(bod, DecisionTable)
    assert bod.name == "CISA BOD 26-04"
    assert [p.id for p in bod.inputs] == [
        "cisa:PE:1.0.0",
        "cisa:KEV:1.0.0",
        "ssvc:A:2.0.0",
        "ssvc:TI:1.0.0",
    ]
    assert bod.outcome.id == "cisa:BOD2604:1.0.0"
    assert [v.key for v in bod.outcome.values] == ["FSU", "60D", "14D", "3D", "3DF"]
    assert bod.inputs[0].values[1][:2] == ("Y", "Yes")
    assert table(BOD) is bod
    with pytest.raises(dataclasses.FrozenInstanceError):
        bod.name = "changed"  # type: ignore[misc]


def test_missing_inputs_are_listed_with_their_values() -> None:
    with pytest.raises(SsvcError) as raised:
        evaluate(BOD, {"cisa:KEV:1.0.0": "Y", "ssvc:TI:1.0.0": "T"})
    message = str(raised.value)
    assert message.startswith("cisa:DT_BOD2604:1.0.0 (CISA BOD 26-04): ")
    assert 'missing Publicly Exposed (cisa:PE:1.0.0): one of "N" (No), "Y" (Yes)' in message
    assert 'missing Automatable (ssvc:A:2.0.0): one of "N" (No), "Y" (Yes)' in message
    assert "KEV" not in message.replace("cisa:DT_BOD2604", "")


def test_unknown_value_lists_the_allowed_ones() -> None:
    with pytest.raises(
        SsvcError,
        match=r'"X" is not a value of Exploitation \(ssvc:E:1.1.0\); '
        r'allowed: "N" \(None\), "P" \(Public PoC\), "A" \(Active\)',
    ):
        evaluate(DEPLOYER, _deployer("X", "O", "Y", "H"))


def test_unknown_decision_point_names_the_version_the_table_uses() -> None:
    values = _deployer("A", "O", "Y", "H")
    values["ssvc:A:1.0.0"] = values.pop("ssvc:A:2.0.0")
    with pytest.raises(SsvcError) as raised:
        evaluate(DEPLOYER, values)
    message = str(raised.value)
    assert 'unknown decision point "ssvc:A:1.0.0" (the table uses ssvc:A:2.0.0)' in message
    assert "missing Automatable (ssvc:A:2.0.0)" in message


def test_the_outcome_is_not_an_input() -> None:
    with pytest.raises(SsvcError, match=r'unknown decision point "ssvc:DSOI:1\.0\.0"'):
        evaluate(DEPLOYER, {**_deployer("A", "O", "Y", "H"), "ssvc:DSOI:1.0.0": "I"})


def test_unknown_table_lists_the_known_ones() -> None:
    with pytest.raises(SsvcError) as raised:
        evaluate("ssvc:DT_DP:9.9.9", {})
    assert str(raised.value) == (
        'unknown SSVC decision table "ssvc:DT_DP:9.9.9"; known tables: ' + ", ".join(TABLE_IDS)
    )


def test_unknown_outcome_key() -> None:
    with pytest.raises(SsvcError, match=r'"Z" is not a value of .*allowed: "D" \(Defer\)'):
        outcome_name(DEPLOYER, "Z")


def test_errors_belong_to_aicc_and_are_value_errors() -> None:
    assert issubclass(SsvcError, AiccError)
    assert issubclass(SsvcError, ValueError)


def _write(tmp_path: Path, document: dict[str, Any]) -> Path:
    path = tmp_path / "table.json"
    path.write_text(json.dumps(document))
    return path


def test_an_incomplete_table_names_a_missing_combination(tmp_path: Path) -> None:
    document = _read(REFERENCE / "cisa_bod_26_04_1_0_0.json")
    document["mapping"] = [r for r in document["mapping"] if r["cisa:BOD2604:1.0.0"] != "3DF"]
    with pytest.raises(SsvcError) as raised:
        load_table(_write(tmp_path, document))
    assert str(raised.value) == (
        "table.json: the mapping has no row for cisa:PE:1.0.0=N, cisa:KEV:1.0.0=Y, "
        "ssvc:A:2.0.0=Y, ssvc:TI:1.0.0=T (3 of 16 combinations missing)"
    )


def test_a_row_must_give_every_decision_point(tmp_path: Path) -> None:
    document = _read(REFERENCE / "utility_1_0_0.json")
    del document["mapping"][2]["ssvc:VD:1.0.0"]
    with pytest.raises(
        SsvcError,
        match=r"mapping\[2\] must give every decision point: "
        r"missing \['ssvc:VD:1.0.0'\]",
    ):
        load_table(_write(tmp_path, document))


def test_a_row_value_must_exist(tmp_path: Path) -> None:
    document = _read(REFERENCE / "utility_1_0_0.json")
    document["mapping"][1]["ssvc:U:1.0.1"] = "X"
    with pytest.raises(SsvcError, match=r'mapping\[1\]: "X" is not a value of Utility'):
        load_table(_write(tmp_path, document))


def test_a_combination_may_appear_once(tmp_path: Path) -> None:
    document = _read(REFERENCE / "utility_1_0_0.json")
    document["mapping"].append(document["mapping"][0])
    with pytest.raises(
        SsvcError,
        match=r"mapping\[4\] repeats the combination "
        r"ssvc:A:2.0.0=N, ssvc:VD:1.0.0=D",
    ):
        load_table(_write(tmp_path, document))


def test_a_file_that_is_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "table.json"
    path.write_text('{"namespace": "ssvc"}')
    with pytest.raises(SsvcError, match=r"table.json: not an SSVC decision table \(KeyError"):
        load_table(path)
