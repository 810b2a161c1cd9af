"""The developer-facing record of an evaluation, as one JSON-ready dict.

`report_dict` builds it; ``aicc frontier report --format json`` prints it, and the markdown
and HTML reports are rendered from this dict alone. It holds no secret: no API key, no key
variable or key file, no endpoint credentials. Its shape (every key is always present; ``null``
where noted)::

    {
      "report": {"kind": "aicc-frontier-report", "version": 1,
                 "generated_at": "2026-05-10T12:00:00Z", "as_of": "2026-05-10"},
      "advisory": ADVISORY,                      # the program never licenses, approves or
                                                 # blocks a release; say so on every rendering
      "submission": {"id", "developer", "model", "version", "release_date", "submitted_at",
                     "access": {"kind": "inspect" | "endpoint",
                                "model": str | null,          # the Inspect model string
                                "endpoint": str | null} | null},   # null for partners
      "window": {"state": "scheduled" | "open" | "closed", "opens", "closes", "release_date",
                 "days_left", "released": bool, "note": str,
                 "release_dates": [{"release_date", "changed_at", "changed_by", "reason"}]},
      "evaluation": {"id", "suite", "state", "started_at", "finished_at", "log_dir",
                     "log_files": [str]},
      "settings": {"suite", "solver", "limits": {"message_limit", "token_limit",
                   "time_limit"}, "epochs", "tiers": [str] | null (null: all),
                   "references": [str], "submission_model": str},
      "models": [{"model": str, "role": "submission" | "reference"}],
      "intervals": {"method": str, "confidence": 0.95, "resamples": 2000, "seed": int},
      "tiers": [                                 # in ladder order: knowledge first
        {"tier": str, "skipped": str | null,     # the reason the tier did not run
         "models": [{"model", "role", "tasks", "epochs", "max_epochs",
                     "solve_rate": float | null, "ci_low": float | null,
                     "ci_high": float | null, "pass_at_k": {"1": float, ...},
                     "failed": str | null}],     # why this model's eval of the tier failed
         "differences": [{"reference", "tasks", "diff": float | null, "ci_low", "ci_high",
                          "excluded_tasks": [str], "note": str}]}],   # submission - reference
      "skipped_tiers": [{"tier", "reason"}],
      "failed_tiers": [{"tier", "model", "reason"}],
      "errors": [{"model", "count", "messages": [str]}],   # at most MAX_ERRORS messages each
      "outcome": "covered" | "not_covered" | "insufficient_evidence" | null,
      "determination": {"id", "policy", "outcome", "summary", "determined_at", "evaluation",
                        "log_links": [str],
                        "rules": [{"id", "kind": "criterion" | "evidence", "fired": bool,
                                   "description", "numbers": {...}, "logs": [str]}]} | null,
      "notes": [str]
    }

Rates are fractions in 0..1 (not percentages). A rule of kind ``criterion`` fired means the
model meets it; one of kind ``evidence`` fired means the evidence falls short in that respect.
The intervals are recomputed from the stored results with the determination's bootstrap
settings, so they match the numbers in its rules.
"""

from __future__ import annotations

from typing import Any

from aicc.core.times import iso, utcnow
from aicc.frontier.evaluations import DeterminationRecord, EvaluationRecord
from aicc.frontier.records import AccessKind, SubmissionStatus
from aicc.frontier.results import EvaluationRunResults, tier_order
from aicc.frontier.stats import CONFIDENCE, RESAMPLES, SEED, evaluation_run_stats, index_stats

REPORT_KIND = "aicc-frontier-report"
REPORT_VERSION = 1
MAX_ERRORS = 20
ADVISORY = (
    "This record is advisory. The AICC frontier model program is voluntary: it "
    "records what the evaluation showed and how the policy reads it, and it never "
    "licenses, approves or blocks a release."
)
INTERVAL_METHOD = (
    "percentile bootstrap over tasks (a task's epochs stay together); "
    "differences paired over the tasks both models have"
)


def _submission(status: SubmissionStatus) -> dict[str, Any]:
    sub = status.submission
    access = None
    if status.full:
        inspect = sub.access.kind is AccessKind.inspect
        access = {
            "kind": sub.access.kind.value,
            "model": sub.access.inspect_model if inspect else None,
            "endpoint": None if inspect else sub.access.endpoint_url,
        }
    return {
        "id": sub.id,
        "developer": sub.developer,
        "model": sub.model_name,
        "version": sub.model_version,
        "release_date": sub.release_date.isoformat(),
        "submitted_at": iso(sub.submitted_at),
        "access": access,
    }


def _window(status: SubmissionStatus) -> dict[str, Any]:
    return {
        **status.window.as_dict(),
        "released": status.window.released,
        "note": status.note,
        "release_dates": [change.as_dict() for change in status.release_dates],
    }


def _settings(evaluation: EvaluationRecord, results: EvaluationRunResults) -> dict[str, Any]:
    stored = evaluation.settings
    return {
        "suite": results.suite,
        "solver": results.settings.get("solver"),
        "limits": results.settings.get("limits"),
        "epochs": results.settings.get("epochs"),
        "tiers": stored.get("tiers"),
        "references": [run.model for run in results.references],
        "submission_model": results.submission.model,
    }


def _intervals(determination: DeterminationRecord | None) -> dict[str, Any]:
    chosen = determination.intervals if determination is not None else {}
    return {
        "method": INTERVAL_METHOD,
        "confidence": float(chosen.get("confidence", CONFIDENCE)),
        "resamples": int(chosen.get("resamples", RESAMPLES)),
        "seed": int(chosen.get("seed", SEED)),
    }


def _tiers(results: EvaluationRunResults, intervals: dict[str, Any]) -> list[dict[str, Any]]:
    tiers = tier_order(
        [*results.tiers(), *(tier for run in results.runs for tier in run.failed_tiers)]
    )
    stats, differences = evaluation_run_stats(
        results,
        tiers=tiers,
        confidence=intervals["confidence"],
        resamples=intervals["resamples"],
        seed=intervals["seed"],
    )
    by_model = index_stats(stats)
    found = []
    for tier in tiers:
        models = []
        for run in results.runs:
            item = by_model[(run.model, tier)].to_dict()
            del item["tier"]
            models.append({**item, "role": run.role, "failed": run.failed_tiers.get(tier)})
        found.append(
            {
                "tier": tier,
                "skipped": results.skipped_tiers.get(tier),
                "models": models,
                "differences": [
                    {
                        key: value
                        for key, value in item.to_dict().items()
                        if key not in {"tier", "model"}
                    }
                    for item in differences
                    if item.tier == tier
                ],
            }
        )
    return found


def _determination(record: DeterminationRecord | None) -> dict[str, Any] | None:
    if record is None:
        return None
    return {
        "id": record.id,
        "policy": record.policy_id,
        "outcome": record.outcome,
        "summary": record.summary,
        "determined_at": iso(record.determined_at),
        "evaluation": record.evaluation_id,
        "log_links": list(record.log_links),
        "rules": [dict(rule) for rule in record.rules],
    }


def report_dict(
    status: SubmissionStatus,
    evaluation: EvaluationRecord,
    results: EvaluationRunResults,
    determination: DeterminationRecord | None,
    *,
    notes: list[str] | None = None,
) -> dict[str, Any]:
    """The developer-facing record (shape in the module docstring).

    ``status`` is the submission as the reader may see it (a partner's view has no access
    details); ``determination`` is the one resting on ``evaluation``, or None.
    """
    intervals = _intervals(determination)
    return {
        "report": {
            "kind": REPORT_KIND,
            "version": REPORT_VERSION,
            "generated_at": iso(utcnow()),
            "as_of": status.window.as_of.isoformat(),
        },
        "advisory": ADVISORY,
        "submission": _submission(status),
        "window": _window(status),
        "evaluation": {
            "id": evaluation.id,
            "suite": evaluation.suite,
            "state": evaluation.state.value,
            "started_at": iso(evaluation.started_at),
            "finished_at": iso(evaluation.finished_at),
            "log_dir": evaluation.log_dir,
            "log_files": [log for run in results.runs for log in run.log_files],
        },
        "settings": _settings(evaluation, results),
        "models": [{"model": run.model, "role": run.role} for run in results.runs],
        "intervals": intervals,
        "tiers": _tiers(results, intervals),
        "skipped_tiers": [
            {"tier": tier, "reason": reason} for tier, reason in results.skipped_tiers.items()
        ],
        "failed_tiers": [
            {"tier": tier, "model": run.model, "reason": reason}
            for run in results.runs
            for tier, reason in run.failed_tiers.items()
        ],
        "errors": [
            {"model": run.model, "count": len(run.errors), "messages": run.errors[:MAX_ERRORS]}
            for run in results.runs
            if run.errors
        ],
        "outcome": determination.outcome if determination is not None else None,
        "determination": _determination(determination),
        "notes": list(notes or []),
    }
