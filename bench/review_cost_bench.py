"""What the AI review of `aicc code bench --model` would send on each labelled suite, with no
model: the static findings (one model call each), the characters of each review prompt and the
tokens they come to at an estimated 3.5 characters a token (no tokenizer is at hand here).

Prints one JSON object per suite, then one for all of them. The suites are the project's own
(tests/code/corpus and suites A to D); other folders with an expected.csv can be named.

    python bench/review_cost_bench.py [FOLDER ...]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from aicc.code import scan_paths
from aicc.code.review.sizing import PromptSizes, prompt_sizes
from aicc.code.rules import load_rules
from aicc.code.scorecard import read_expected

ROOT = Path(__file__).resolve().parent.parent
SUITES = [ROOT / "tests" / "code" / name for name in ("corpus", "suite_a", "suite_b", "suite_c")]
SUITES.append(ROOT / "tests" / "code" / "suite_d")


def measure(folder: Path) -> tuple[dict[str, object], PromptSizes]:
    """One suite: its tests, files, findings and the sizes of their review prompts."""
    scan = scan_paths([folder], load_rules([]))
    sizes = prompt_sizes(scan)
    tests = len(read_expected(folder / "expected.csv"))
    return {"suite": folder.name, "tests": tests, "files": scan.files, **sizes.to_json()}, sizes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folders", nargs="*", type=Path, default=SUITES)
    args = parser.parse_args()
    every: list[int] = []
    tests = 0
    for folder in args.folders:
        row, sizes = measure(folder)
        every += sizes.characters
        tests += int(str(row["tests"]))
        print(json.dumps(row))
    total = PromptSizes(sizes.prompt_version, tuple(every)).to_json()
    print(json.dumps({"suite": "all", "tests": tests, **total}))


if __name__ == "__main__":
    main()
