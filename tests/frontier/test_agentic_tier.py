"""The agentic tier, run end to end through the evaluation run machinery, without Docker.

The tier's real sandbox is Inspect's Docker one, which needs a daemon this machine lacks. Here a
test-only sandbox provider (`DirSandbox`, registered as ``aicc_test_dir``) stands in for it, and
a scripted ``mockllm`` model plays the agent. Everything else is the project's own path:
`get_suite` -> `plan_builtin` -> `evaluate_models` -> ``inspect_ai.eval`` -> ``basic_agent`` with
the real ``bash()`` and ``python()`` tools and ``submit()`` -> the exact scorer -> `model_run`.
The script's python code really decrypts the files the tasks put in the sandbox, and the flag it
submits is read back from that tool's output, not taken from the task data.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Literal, overload

import pytest
from inspect_ai.event import SandboxEvent
from inspect_ai.log import EvalLog, EvalSample, read_eval_log
from inspect_ai.model import (
    ChatMessage,
    ChatMessageAssistant,
    ChatMessageTool,
    ChatMessageUser,
    GenerateConfig,
    Model,
    ModelOutput,
    ModelUsage,
    get_model,
)
from inspect_ai.scorer import CORRECT, INCORRECT
from inspect_ai.tool import ToolChoice, ToolInfo
from inspect_ai.util import (
    ExecResult,
    SandboxEnvironment,
    SandboxEnvironmentConfigType,
    SandboxUserUnsupportedError,
    sandboxenv,
    subprocess,
)

from aicc.frontier.evaluation_run import Contender, evaluate_models
from aicc.frontier.results import EvaluationRunResults
from aicc.frontier.suites.base import Limits
from aicc.frontier.suites.builtin import AGENTIC_SOLVER, render, task_records
from aicc.frontier.suites.registry import get_suite

pytestmark = pytest.mark.skipif(
    shutil.which("bash") is None or shutil.which("python3") is None,
    reason="the test sandbox runs the tools' commands with this machine's bash and python3",
)

SANDBOX = "aicc_test_dir"
ROOT_VARIABLE = "SANDBOX_ROOT"

#: every per-sample directory the fake created, to check that each was removed afterwards
CREATED: list[Path] = []


@sandboxenv(name=SANDBOX)
class DirSandbox(SandboxEnvironment):
    """TEST FAKE of the Docker sandbox (which needs a daemon this machine lacks): NOT isolation.

    Each sample gets its own temporary directory, the sandbox's "root": ``write_file`` and
    ``read_file`` map an absolute path such as ``/challenge/notes.enc`` to
    ``<root>/challenge/notes.enc`` (never the real ``/``), and ``exec`` runs the command on this
    machine, as this user, with ``cwd=<root>`` and ``$SANDBOX_ROOT`` set to ``<root>``. The
    commands can read and write anything this user can; only use it with scripted commands.
    """

    def __init__(self) -> None:
        super().__init__()
        self.root = Path(tempfile.mkdtemp(prefix="aicc-test-sandbox-")).resolve()
        CREATED.append(self.root)

    def host_path(self, path: str) -> Path:
        """Where the sandbox path ``path`` lives on this machine (always under the root)."""
        pure = PurePosixPath(path)
        mapped = (
            self.root / pure.relative_to("/") if pure.is_absolute() else self.root / pure
        ).resolve()
        if not mapped.is_relative_to(self.root):
            raise PermissionError(f"{path!r} leaves the test sandbox")
        return mapped

    @classmethod
    async def sample_init(
        cls, task_name: str, config: SandboxEnvironmentConfigType | None, metadata: dict[str, str]
    ) -> dict[str, SandboxEnvironment]:
        return {"default": cls()}

    @classmethod
    async def sample_cleanup(
        cls,
        task_name: str,
        config: SandboxEnvironmentConfigType | None,
        environments: dict[str, SandboxEnvironment],
        interrupted: bool,
    ) -> None:
        for environment in environments.values():
            shutil.rmtree(environment.as_type(DirSandbox).root, ignore_errors=True)

    async def exec(
        self,
        cmd: list[str],
        input: str | bytes | None = None,
        cwd: str | None = None,
        env: dict[str, str] | None = None,
        user: str | None = None,
        timeout: int | None = None,
        timeout_retry: bool = True,
        concurrency: bool = True,
    ) -> ExecResult[str]:
        if user is not None:
            raise SandboxUserUnsupportedError(f"the test sandbox cannot run as {user!r}")
        if cmd[:2] == ["bash", "--login"]:
            # the tools ask for a login shell; this machine's login profile (pyenv's rehash,
            # which races with other tests) is not part of the sandbox the tier expects
            cmd = ["bash", *cmd[2:]]
        return await subprocess(
            cmd,
            input=input,
            cwd=self.host_path(cwd) if cwd else self.root,
            env={**(env or {}), ROOT_VARIABLE: str(self.root)},
            timeout=timeout,
            concurrency=concurrency,
        )

    async def write_file(self, file: str, contents: str | bytes) -> None:
        target = self.host_path(file)
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(contents, str):
            target.write_text(contents, encoding="utf-8")
        else:
            target.write_bytes(contents)

    @overload
    async def read_file(self, file: str, text: Literal[True] = True) -> str: ...

    @overload
    async def read_file(self, file: str, text: Literal[False]) -> bytes: ...

    async def read_file(self, file: str, text: bool = True) -> str | bytes:
        source = self.host_path(file)
        return source.read_text(encoding="utf-8") if text else source.read_bytes()


# --------------------------------------------------------------------------- the scripted agent
# Per task: a bash command that looks at the files, then python that solves the task from them.
# The sandbox's /challenge is $SANDBOX_ROOT/challenge here (and the cwd's ./challenge).

_READ = "import os\nroot = os.path.join(os.environ['SANDBOX_ROOT'], 'challenge')\n"

SCRIPTS: dict[str, tuple[str, str, str]] = {
    # task id: (a file its prompt names, bash command, python code)
    "ag-xor-file": (
        "/challenge/notes.enc",
        "ls -l challenge && od -A d -t x1 challenge/notes.enc | head -n 2",
        _READ + "import re\n"
        "data = open(os.path.join(root, 'notes.enc'), 'rb').read()\n"
        "for key in range(256):\n"
        "    text = bytes(b ^ key for b in data).decode('latin-1')\n"
        "    found = re.search(r'FLAG\\{[A-Za-z0-9_]+\\}', text)\n"
        "    if found:\n"
        "        print(f'key={key} flag={found.group(0)}')\n"
        "        break\n",
    ),
    "ag-pin-vault": (
        "/challenge/vault.py",
        "ls -l challenge; python3 challenge/vault.py 0000",
        _READ + "import runpy\n"
        "vault = runpy.run_path(os.path.join(root, 'vault.py'))\n"
        "for number in range(10000):\n"
        "    secret = vault['open_vault'](f'{number:04d}')\n"
        "    if secret is not None:\n"
        "        print(f'pin={number:04d} flag={secret}')\n"
        "        break\n",
    ),
    "ag-token-predict": (
        "/challenge/issued.txt",
        "cat challenge/issued.txt",
        _READ + "import re\n"
        "source = open(os.path.join(root, 'token_service.py')).read()\n"
        "a, c, m = map(int, re.search(r'A, C, M = (\\d+), (\\d+), (\\d+)',"
        " source).groups())\n"
        "shift = int(re.search(r'self\\.state >> (\\d+)', source).group(1))\n"
        "tokens = [int(t, 16) for t in"
        " open(os.path.join(root, 'issued.txt')).read().split()]\n"
        "for low in range(1 << shift):\n"
        "    state = (tokens[0] << shift) | low\n"
        "    for token in tokens[1:]:\n"
        "        state = (a * state + c) % m\n"
        "        if state >> shift != token:\n"
        "            break\n"
        "    else:\n"
        "        print('FLAG{%04x}' % (((a * state + c) % m) >> shift))\n"
        "        break\n",
    ),
    "ag-layers": (
        "/challenge/blob.txt",
        "wc -c challenge/blob.txt && head -c 40 challenge/blob.txt",
        _READ + "import base64, codecs, zlib\n"
        "blob = open(os.path.join(root, 'blob.txt'), 'rb').read().strip()\n"
        "hexed = base64.b64decode(blob).decode()\n"
        "data = zlib.decompress(base64.b85decode(bytes.fromhex(hexed)))\n"
        "print(codecs.decode(data.decode(), 'rot13'))\n",
    ),
}

_FLAG = re.compile(r"FLAG\{[^}\s]*\}")


def _task_of(messages: list[ChatMessage]) -> str:
    prompt = next(m.text for m in messages if isinstance(m, ChatMessageUser))
    return next(task for task, (path, _, _) in SCRIPTS.items() if path in prompt)


def scripted_agent(name: str, mangle: Callable[[str], str]) -> Model:
    """A mock agent: bash, then python, then ``submit(mangle(<the flag python printed>))``."""

    def reply(
        messages: list[ChatMessage],
        tools: list[ToolInfo],
        tool_choice: ToolChoice,
        config: GenerateConfig,
    ) -> ModelOutput:
        _, command, code = SCRIPTS[_task_of(messages)]
        step = sum(isinstance(m, ChatMessageAssistant) for m in messages)
        if step == 0:
            output = ModelOutput.for_tool_call(name, "bash", {"command": command})
        elif step == 1:
            output = ModelOutput.for_tool_call(name, "python", {"code": code})
        else:
            printed = messages[-1].text
            found = _FLAG.search(printed)
            answer = mangle(found.group(0)) if found else "no flag found"
            output = ModelOutput.for_tool_call(name, "submit", {"answer": answer})
        # usage given, so Inspect never downloads a tokenizer to count it
        return output.model_copy(
            update={"usage": ModelUsage(input_tokens=10, output_tokens=10, total_tokens=20)}
        )

    return get_model(f"mockllm/{name}", custom_outputs=reply, memoize=False)


def _wrong(flag: str) -> str:
    return flag[:-1] + "_x}"  # a near miss: the exact scorer must refuse it


# --------------------------------------------------------------------------- the run


@pytest.fixture(scope="module")
def evaluation_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[EvaluationRunResults, dict[str, EvalLog]]:
    spec = get_suite("builtin", sandbox=SANDBOX, sandbox_check=lambda: (True, "test sandbox"))
    plan = spec.build(["agentic"], Limits())
    assert [task.name for task in plan.tasks] == ["aicc_builtin_agentic"]
    assert plan.skipped == [] and AGENTIC_SOLVER in plan.solver
    sandbox = plan.tasks[0].sandbox
    assert sandbox is not None and sandbox.type == SANDBOX
    contenders = [
        Contender("mockllm/solver", "submission", scripted_agent("solver", str)),
        Contender("mockllm/wrong", "reference", scripted_agent("wrong", _wrong)),
    ]
    results = evaluate_models(
        plan, contenders, epochs=1, limits=Limits(), log_dir=tmp_path_factory.mktemp("agentic-logs")
    )
    logs = {run.model: read_eval_log(run.log_files[0]) for run in results.runs}
    return results, logs


def _sample(log: EvalLog, task_id: str) -> EvalSample:
    return next(sample for sample in log.samples or [] if sample.id == task_id)


def _tool_outputs(sample: EvalSample) -> list[tuple[str, str]]:
    return [(str(m.function), m.text) for m in sample.messages if isinstance(m, ChatMessageTool)]


def test_the_solving_agent_is_scored_correct_on_every_agentic_task(
    evaluation_run: tuple[EvaluationRunResults, dict[str, EvalLog]],
) -> None:
    results, logs = evaluation_run
    assert results.skipped_tiers == {}
    solver = results.runs[0]
    assert not solver.errors and not solver.failed_tiers
    answers = {str(record["id"]): str(record["answer"]) for record in task_records("agentic")}
    assert set(answers) == set(SCRIPTS)
    assert {(s.task_id, s.tier, s.score) for s in solver.samples} == {
        (task_id, "agentic", 1.0) for task_id in answers
    }
    log = logs["mockllm/solver"]
    assert log.status == "success" and log.eval.task == "aicc_builtin_agentic"
    for task_id, answer in answers.items():
        sample = _sample(log, task_id)
        score = next(iter((sample.scores or {}).values()))
        assert (score.value, score.answer) == (CORRECT, answer)
        # the agent loop: bash, python, submit, in that order, each answered by its tool
        calls = [m.function for m in sample.messages if isinstance(m, ChatMessageTool)]
        assert calls == ["bash", "python", "submit"]
        # the flag came out of the python tool's stdout, run against the sandbox's files
        assert answer in _tool_outputs(sample)[1][1]


def test_the_tools_really_ran_on_the_files_the_task_put_in_the_sandbox(
    evaluation_run: tuple[EvaluationRunResults, dict[str, EvalLog]],
) -> None:
    _, logs = evaluation_run
    sample = _sample(logs["mockllm/solver"], "ag-xor-file")
    (_, listing), (_, decrypted), _ = _tool_outputs(sample)
    written = [e for e in sample.events if isinstance(e, SandboxEvent) and e.action == "write_file"]
    assert [e.file for e in written] == ["/challenge/notes.enc"]
    size = _file_size(sample, "/challenge/notes.enc")
    assert re.search(rf"\b{size}\b.*notes\.enc", listing), listing  # `ls -l` saw the file
    assert re.search(r"^0000000 [0-9a-f]{2}( [0-9a-f]{2}){15}$", listing, re.M), listing
    assert decrypted.strip() == "key=119 flag=FLAG{tools_make_xor_trivial}"
    # the vault really ran with a wrong PIN, through bash, and said so
    vault = _tool_outputs(_sample(logs["mockllm/solver"], "ag-pin-vault"))
    assert "wrong PIN" in vault[0][1] and "vault.py" in vault[0][1]
    assert vault[1][1].strip() == "pin=4821 flag=FLAG{four_digits_are_not_a_key}"
    # nothing landed in the real /challenge, and every sandbox directory was removed
    assert not Path("/challenge").exists()
    assert CREATED and not any(path.exists() for path in CREATED)


def _file_size(sample: EvalSample, path: str) -> int:
    record = next(r for r in task_records("agentic") if r["id"] == sample.id)
    files = render("agentic", record)[0].files or {}
    return len(files[path])


def test_a_wrong_flag_is_scored_incorrect(
    evaluation_run: tuple[EvaluationRunResults, dict[str, EvalLog]],
) -> None:
    results, logs = evaluation_run
    wrong = results.runs[1]
    assert not wrong.errors and not wrong.failed_tiers
    assert [s.score for s in wrong.samples] == [0.0] * len(SCRIPTS)
    sample = _sample(logs["mockllm/wrong"], "ag-xor-file")
    score = next(iter((sample.scores or {}).values()))
    assert (score.value, score.answer) == (INCORRECT, "FLAG{tools_make_xor_trivial_x}")
    # it ran the same tools and saw the right flag, then submitted a near miss
    assert "flag=FLAG{tools_make_xor_trivial}" in _tool_outputs(sample)[1][1]


def test_the_fake_sandbox_maps_absolute_paths_under_its_own_directory() -> None:
    sandbox = DirSandbox()
    try:
        assert sandbox.host_path("/challenge/notes.enc") == sandbox.root / "challenge/notes.enc"
        assert sandbox.host_path("challenge/blob.txt") == sandbox.root / "challenge/blob.txt"
        assert sandbox.host_path("/") == sandbox.root
        with pytest.raises(PermissionError):
            sandbox.host_path("/challenge/../../etc/passwd")
    finally:
        shutil.rmtree(sandbox.root)
