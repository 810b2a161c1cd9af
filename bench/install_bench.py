"""Benchmark a plain install: what `pip install .` without extras brings, and that it works.

Builds a fresh virtual environment, installs the project without extras (and with the
lock file's versions), and prints one JSON line: the packages installed, whether any of the
optional extras' packages came along (target: none of inspect-ai, openai, psycopg), and
whether the demo's plan runs and the AI review names the extra it needs.

    python bench/install_bench.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPTIONAL = {"inspect-ai", "inspect_ai", "openai", "psycopg", "psycopg-binary"}


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        venv = Path(folder) / "venv"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python, aicc = venv / "bin" / "python", venv / "bin" / "aicc"
        started = time.perf_counter()
        subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "--quiet",
                "-c",
                str(ROOT / "requirements.lock"),
                str(ROOT),
            ],
            check=True,
            capture_output=True,
        )
        install_s = time.perf_counter() - started
        frozen = subprocess.run(
            [str(python), "-m", "pip", "freeze"], check=True, capture_output=True, text=True
        ).stdout.split()
        names = sorted(line.split("==")[0].lower() for line in frozen if "==" in line)
        env = {"AICC_HOME": str(Path(folder) / "home"), "PATH": str(venv / "bin")}
        demo = ROOT / "src" / "aicc" / "data" / "demo" / "rural-hospital"
        subprocess.run(
            [str(aicc), "db", "import", "--sample"], env=env, check=True, capture_output=True
        )
        plan = subprocess.run(
            [str(aicc), "plan", "--sector", "hospital", str(demo), "-f", "json"],
            env=env,
            capture_output=True,
            text=True,
        )
        (Path(folder) / "app.py").write_text("import os\nos.system(input())\n")
        review = subprocess.run(
            [str(aicc), "code", "scan", folder, "--model", "openai/x"],
            env=env,
            capture_output=True,
            text=True,
        )
    print(
        json.dumps(
            {
                "bench": "install",
                "install_s": round(install_s, 1),
                "packages": len(names),
                "optional_installed": sorted(OPTIONAL & set(names)),
                "plan_exit": plan.returncode,
                "plan_actions": len(json.loads(plan.stdout)["actions"])
                if plan.returncode == 0
                else None,
                "review_exit": review.returncode,
                "review_names_extra": "aicc[ai]" in review.stderr,
            }
        )
    )


if __name__ == "__main__":
    main()
