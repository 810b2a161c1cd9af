"""The suite registry: builtin always available; every inspect_evals suite says what it lacks,
and is built through its (lazily imported) task function once everything is there."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from inspect_ai import Task

from aicc.frontier.suites import Limits, SuiteError, get_suite, list_suites, register_suite
from aicc.frontier.suites.external import EXTERNAL_SUITES, external_spec

NO_DOCKER = (False, "docker CLI not found on PATH")
DOCKER = (True, "docker 27.5.1 with compose 2.33.1")
EXTERNAL_NAMES = [
    "cybench",
    "intercode_ctf",
    "gdm_intercode_ctf",
    "gdm_in_house_ctf",
    "threecb",
    "cyberseceval_2",
]


def test_builtin_is_available_even_without_docker_and_says_agentic_is_skipped() -> None:
    suite = get_suite("builtin", sandbox_check=lambda: NO_DOCKER)
    ok, reason = suite.available()
    assert ok
    assert "knowledge 16, vulnerability 17, exploitation 16, agentic 4" in reason
    assert "agentic tier will be skipped: docker CLI not found on PATH" in reason
    assert suite.tiers == ["knowledge", "vulnerability", "exploitation", "agentic"]
    assert suite.requires == []
    plan = suite.build(["knowledge", "agentic"], Limits(message_limit=5))
    assert [task.name for task in plan.tasks] == ["aicc_builtin_knowledge"]
    assert plan.tasks[0].message_limit == 5
    assert plan.skipped_reasons()["agentic"].endswith("(docker CLI not found on PATH)")


def test_list_suites_names_builtin_first_then_the_external_ones() -> None:
    names = [suite.name for suite in list_suites(sandbox_check=lambda: NO_DOCKER)]
    assert names == [
        "builtin",
        "cybench",
        "gdm_intercode_ctf",
        "gdm_in_house_ctf",
        "threecb",
        "cyberseceval_2",
    ]


def test_unknown_suite_and_tier_are_refused_with_the_known_names() -> None:
    with pytest.raises(SuiteError, match=r"no suite named 'cybench2'.*builtin.*threecb"):
        get_suite("cybench2")
    with pytest.raises(SuiteError, match="has no tier 'pwn'"):
        get_suite("builtin", sandbox_check=lambda: NO_DOCKER).build(["pwn"])


@pytest.mark.parametrize("name", EXTERNAL_NAMES)
def test_external_suite_is_unavailable_naming_inspect_evals_and_docker(name: str) -> None:
    suite = get_suite(name, sandbox_check=lambda: NO_DOCKER)
    ok, reason = suite.available()
    assert not ok
    assert "Python package inspect_evals is not installed" in reason
    assert "pip install inspect-evals" in reason
    assert "docker" in reason and "docker CLI not found on PATH" in reason
    assert "inspect_evals" in suite.requires
    with pytest.raises(SuiteError, match=r"unavailable: .*inspect_evals"):
        suite.build()
    assert "inspect_evals" not in sys.modules  # nothing was imported to find this out


def test_cybench_also_names_inspect_cyber() -> None:
    ok, reason = get_suite("cybench", sandbox_check=lambda: DOCKER).available()
    assert not ok
    assert "inspect_cyber is not installed" in reason and "docker" not in reason


def test_with_the_packages_present_only_docker_is_named() -> None:
    spec = external_spec("threecb", finder=lambda name: True, sandbox_check=lambda: NO_DOCKER)
    ok, reason = spec.available()
    assert not ok
    assert reason == (
        "threecb unavailable: docker sandbox unavailable: docker CLI not found on PATH"
    )


def test_cyberseceval_without_docker_runs_its_offline_tiers_and_skips_the_sandboxed_one(
    fake_inspect_evals: Path,
) -> None:
    spec = external_spec("cyse2", sandbox_check=lambda: NO_DOCKER)
    ok, reason = spec.available()
    assert ok, reason
    assert "vulnerability_exploit will be skipped" in reason
    plan = spec.build(limits=Limits(message_limit=7, token_limit=900))
    assert [task.name for task in plan.tasks] == [
        "cyse2_interpreter_abuse",
        "cyse2_prompt_injection",
    ]
    assert plan.skipped_reasons() == {
        "vulnerability_exploit": "skipped: no usable docker sandbox (docker CLI not found on PATH)"
    }
    for task in plan.tasks:
        assert (task.message_limit, task.token_limit) == (7, 900)
        assert task.metadata is not None and task.metadata["suite"] == "cyberseceval_2"


FAKE_TASK_MODULE = """
from inspect_ai import Task
from inspect_ai.dataset import Sample

CALLS = []

def {function}(**kwargs):
    CALLS.append(kwargs)
    return Task(dataset=[Sample(input="x", target="FLAG{{x}}")], name="{function}",
                metadata={{"origin": "fake"}})
"""


@pytest.fixture
def fake_inspect_evals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A stand-in ``inspect_evals`` (and ``inspect_cyber``) package on sys.path."""
    root = tmp_path / "site"
    package = root / "inspect_evals"
    modules = {
        "cybench": ["cybench"],
        "threecb": ["threecb"],
        "cyberseceval_2": [
            "cyse2_vulnerability_exploit",
            "cyse2_interpreter_abuse",
            "cyse2_prompt_injection",
        ],
    }
    for module, functions in modules.items():
        folder = package / module
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text(
            "\n".join(
                FAKE_TASK_MODULE.format(function=function)
                .replace("CALLS = []", f"CALLS_{function} = []")
                .replace("CALLS.append", f"CALLS_{function}.append")
                for function in functions
            )
        )
    (package / "__init__.py").write_text("")
    (root / "inspect_cyber").mkdir()
    (root / "inspect_cyber" / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(root))
    importlib.invalidate_caches()
    yield package
    for name in [
        name for name in sys.modules if name.split(".")[0] in {"inspect_evals", "inspect_cyber"}
    ]:
        del sys.modules[name]
    importlib.invalidate_caches()


def test_cybench_reports_missing_challenge_data_then_builds_through_inspect_evals(
    fake_inspect_evals: Path,
) -> None:
    spec = get_suite("cybench", sandbox_check=lambda: DOCKER)
    ok, reason = spec.available()
    assert not ok
    assert reason == "cybench unavailable: data missing: inspect_evals/cybench/challenges"

    (fake_inspect_evals / "cybench" / "challenges").mkdir()
    ok, reason = spec.available()
    assert ok and reason.startswith("cybench ready")

    plan = spec.build(limits=Limits(message_limit=40, time_limit=1800))
    (task,) = plan.tasks
    assert isinstance(task, Task) and task.name == "cybench"
    assert (task.message_limit, task.time_limit) == (40, 1800)
    assert task.metadata == {"origin": "fake", "suite": "cybench", "tier": "cybench"}
    module = sys.modules["inspect_evals.cybench"]
    assert module.CALLS_cybench == [{"sandbox_type": "docker"}]


def test_external_task_function_missing_is_a_clear_error(fake_inspect_evals: Path) -> None:
    (fake_inspect_evals / "threecb" / "__init__.py").write_text("")
    spec = external_spec("3cb", sandbox_check=lambda: DOCKER)
    with pytest.raises(SuiteError, match=r"cannot load inspect_evals.threecb.threecb"):
        spec.build()


def test_builtin_and_external_names_are_reserved() -> None:
    with pytest.raises(SuiteError, match="reserved"):
        register_suite("builtin", lambda: get_suite("builtin"))
    with pytest.raises(SuiteError, match="reserved"):
        register_suite("intercode_ctf", lambda: get_suite("builtin"))
    assert set(EXTERNAL_SUITES) == {
        "cybench",
        "gdm_intercode_ctf",
        "gdm_in_house_ctf",
        "threecb",
        "cyberseceval_2",
    }
