"""What a review of a scan will send, before any model is asked: one call per finding, and the
size of each prompt, so that the cost of a review can be told from the scan alone.

Token counts depend on the model's tokenizer, which is not at hand here; they are estimated
from characters at `CHARS_PER_TOKEN` (BPE tokenizers of the Llama 3, Qwen 2.5 and GPT-4o
families read Python and English prose at about 3 to 4 characters a token). The answer adds
what the model writes: a verdict and reason, and a fix as a unified diff when it proposes one.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from aicc.code.review.context import SourceCache
from aicc.code.review.prompts import REVIEW_PROMPT, load_prompt, review_prompt
from aicc.core.code_findings import CodeScan

CHARS_PER_TOKEN = 3.5


@dataclass(frozen=True)
class PromptSizes:
    """The characters of each review prompt of a scan (one per finding, in finding order)."""

    prompt_version: str
    characters: tuple[int, ...]

    @property
    def calls(self) -> int:
        """Model calls the review makes when every answer is usable (a retry adds one)."""
        return len(self.characters)

    def tokens(self, characters: float) -> int:
        """Estimated tokens for so many characters."""
        return round(characters / CHARS_PER_TOKEN)

    def to_json(self) -> dict[str, Any]:
        """Calls, and per prompt and in all its characters and estimated tokens."""
        chars = self.characters
        mean = statistics.fmean(chars) if chars else 0.0
        return {
            "prompt_version": self.prompt_version,
            "calls": self.calls,
            "characters": {
                "total": sum(chars),
                "mean": round(mean),
                "median": round(statistics.median(chars)) if chars else 0,
                "max": max(chars, default=0),
            },
            "estimated_prompt_tokens": {
                "total": self.tokens(sum(chars)),
                "per_finding": self.tokens(mean),
                "max": self.tokens(max(chars, default=0)),
                "chars_per_token": CHARS_PER_TOKEN,
            },
        }


def prompt_sizes(scan: CodeScan) -> PromptSizes:
    """The sizes of the prompts `review_scan` would send about ``scan``'s findings."""
    version, template = load_prompt(REVIEW_PROMPT)
    cache = SourceCache()
    return PromptSizes(
        version, tuple(len(review_prompt(cache, f, template)) for f in scan.findings)
    )
