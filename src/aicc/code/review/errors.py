"""The error of the review stage."""

from __future__ import annotations

from aicc.core.errors import AiccError


class CodeReviewError(AiccError):
    """The review cannot run: no such model or provider, a missing key, a model that cannot be
    reached, a broken prompt file. Answers that cannot be used are verdicts, not errors."""
