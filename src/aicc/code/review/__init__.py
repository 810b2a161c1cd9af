"""The AI review of static code findings: a model judges each finding (true or false positive,
severity, a fix as a unified diff) and may hunt in functions for flaws rules cannot express."""

from aicc.code.review.answers import (
    AnswerError,
    HuntAnswer,
    HuntCandidate,
    ReviewAnswer,
    is_unified_diff,
    parse_hunt,
    parse_review,
)
from aicc.code.review.cost import CallFailure, ReviewCost
from aicc.code.review.errors import CodeReviewError
from aicc.code.review.prompts import HUNT_PROMPT, REVIEW_PROMPT, load_prompt
from aicc.code.review.reviewer import DEFAULT_CONFIG, hunt_functions, review_scan
from aicc.code.review.verdicts import Candidate, CodeReview, Verdict

__all__ = [
    "DEFAULT_CONFIG",
    "HUNT_PROMPT",
    "REVIEW_PROMPT",
    "AnswerError",
    "CallFailure",
    "Candidate",
    "CodeReview",
    "CodeReviewError",
    "HuntAnswer",
    "HuntCandidate",
    "ReviewAnswer",
    "ReviewCost",
    "Verdict",
    "hunt_functions",
    "is_unified_diff",
    "load_prompt",
    "parse_hunt",
    "parse_review",
    "review_scan",
]
