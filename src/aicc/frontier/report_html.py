"""The determination report for people: one self-contained HTML page, and the same in Markdown.

Both render the JSON report of ``aicc.frontier.report.report_dict`` (its shape is documented
there) for the AI lab's team and the center: the outcome first, with the policy it was reached
under and one plain sentence of why; then per tier each model's solve rate with its interval
and pass@k, a chart of the same, the differences to the reference models, every rule of the
policy with its numbers, the settings, the tiers that were skipped or failed, and the log files.

The page has its CSS and its chart (SVG) inline, no script and nothing fetched, so it opens
offline and can be e-mailed or printed. Model names, reasons and paths come from outside, so
every value is escaped: HTML entities in the page; in the Markdown, entities for ``<``, ``>``
and ``&`` and backslashes before the punctuation Markdown reads.

Every outcome is advisory: both renderings say so at the top and at the bottom.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from aicc import __version__
from aicc.frontier.report import ADVISORY
from aicc.report.html import MONTHS
from aicc.report.safe_text import markdown as _md
from aicc.report.safe_text import markdown_line as _md_line

__all__ = ["OUTCOME_LABELS", "report_html", "report_markdown", "why_sentence"]

OUTCOME_LABELS = {
    "covered": "Covered frontier model",
    "not_covered": "Not a covered frontier model",
    "insufficient_evidence": "Insufficient evidence",
}
NO_OUTCOME = "No determination yet"

_MINUS = "\N{MINUS SIGN}"
_DASH = "\N{EN DASH}"
_NONE = "\N{EM DASH}"

# The chart's drawing box (SVG user units); the page scales it to its width.
_W, _H = 720, 330
_LEFT, _RIGHT, _TOP, _BOTTOM = 56, 16, 24, 52
_PALETTE = 5  # model colours: .m0 the submitted model, .m1-.m4 the references, cycling


# --------------------------------------------------------------------------- reading the dict


def _map(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list | tuple) else []


def _maps(value: Any) -> list[Mapping[str, Any]]:
    return [_map(item) for item in _list(value)]


def _rules(data: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return _maps(_map(data.get("determination")).get("rules"))


def _policy(data: Mapping[str, Any]) -> str | None:
    policy = _map(data.get("determination")).get("policy")
    return str(policy) if policy else None


def _outcome_label(data: Mapping[str, Any]) -> str:
    outcome = data.get("outcome")
    return OUTCOME_LABELS.get(str(outcome), str(outcome)) if outcome else NO_OUTCOME


def _models(data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """(model, role) of every model of the campaign, in campaign order."""
    return [
        (str(item.get("model", "")), str(item.get("role", "")))
        for item in _maps(data.get("models"))
    ]


def _colours(data: Mapping[str, Any]) -> dict[str, int]:
    """model -> colour index: the submitted model 0, the references 1, 2, ... in order."""
    models = sorted(_models(data), key=lambda pair: pair[1] != "submission")
    return {model: index for index, (model, _) in enumerate(models)}


def _confidence(data: Mapping[str, Any]) -> str:
    """``"95%"``: the confidence of every interval in the report."""
    value = _map(data.get("intervals")).get("confidence", 0.95)
    return f"{float(value):.0%}" if isinstance(value, int | float) else "95%"


def _rule_shape(rule: Mapping[str, Any]) -> str:
    """``evidence``, ``solve_rate``, ``margin``, ``declaration`` or ``other``, from its numbers
    (the JSON says only whether a rule is a criterion or an evidence check)."""
    numbers = _map(rule.get("numbers"))
    if rule.get("kind") == "evidence":
        return "evidence"
    if {"key", "levels"} <= set(numbers):
        return "declaration"
    tiers = [_map(value) for value in numbers.values()]
    if tiers and all("threshold" in tier for tier in tiers):
        return "solve_rate"
    if tiers and all("margin" in tier for tier in tiers):
        return "margin"
    return "other"


def _thresholds(data: Mapping[str, Any]) -> dict[str, float]:
    """tier -> the lowest solve-rate threshold any criterion sets on it."""
    found: dict[str, float] = {}
    for rule in _rules(data):
        if _rule_shape(rule) != "solve_rate":
            continue
        for tier, item in _map(rule.get("numbers")).items():
            value = _map(item).get("threshold")
            if isinstance(value, int | float):
                found[str(tier)] = min(float(value), found.get(str(tier), 1.0))
    return found


def _log_paths(data: Mapping[str, Any]) -> list[str]:
    evaluation = _map(data.get("evaluation"))
    found = [str(path) for path in _list(evaluation.get("log_files"))]
    found += [str(path) for path in _list(_map(data.get("determination")).get("log_links"))]
    found += [str(path) for rule in _rules(data) for path in _list(rule.get("logs"))]
    return list(dict.fromkeys(found))


def _title(data: Mapping[str, Any]) -> str:
    submission = _map(data.get("submission"))
    name = str(submission.get("model") or "Submitted model")
    return f"{name} {submission['version']}" if submission.get("version") else name


# --------------------------------------------------------------------------- numbers in words


def _pct(value: Any) -> str:
    """A rate as a percentage with at most one decimal: ``"43.3%"``, ``"80%"``; None: a dash."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return _NONE
    text = f"{value * 100:.1f}".removesuffix(".0")
    return ("0" if text == "-0" else text) + "%"


def _points(value: Any) -> str:
    """A difference of rates in percentage points, signed (a true minus sign): ``"+20"``."""
    if not isinstance(value, int | float) or isinstance(value, bool):
        return _NONE
    text = f"{abs(value) * 100:.1f}".removesuffix(".0")
    if text == "0":
        return "0"
    return ("+" if value > 0 else _MINUS) + text


def _interval(low: Any, high: Any, *, points: bool = False) -> str:
    """Two rates joined by an en dash; signed differences as ``"+25 to +55"`` (a dash beside
    a sign reads as a minus)."""
    if low is None or high is None:
        return _NONE
    if points:
        return f"{_points(low)} to {_points(high)}"
    return f"{_pct(low)} {_DASH} {_pct(high)}"


def _skip_reason(reason: Any) -> str:
    """A skipped tier's reason without its own leading "skipped:" (the page says it)."""
    return re.sub(r"^\s*skipped:\s*", "", str(reason), flags=re.IGNORECASE)


def _value(value: Any) -> str:
    """A rule's number in words: lists joined, booleans as yes or no."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "none"
    return str(value)


def _day(value: Any) -> str:
    """``"2026-06-01"`` (or an ISO timestamp) as ``"1 June 2026"``; anything else as it is."""
    text = str(value or "")
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text[:10])
    if not match or not 1 <= int(match[2]) <= 12:
        return text or _NONE
    return f"{int(match[3])} {MONTHS[int(match[2]) - 1]} {match[1]}"


def _epochs(stat: Mapping[str, Any]) -> str:
    low, high = stat.get("epochs", 0), stat.get("max_epochs", 0)
    return f"{low}{_DASH}{high}" if isinstance(high, int) and high > (low or 0) else str(low)


def _pass_ks(stats: Sequence[Mapping[str, Any]]) -> list[str]:
    """The pass@k columns of a tier: pass@1 and the largest k any model has."""
    ks = sorted({int(k) for stat in stats for k in _map(stat.get("pass_at_k")) if str(k).isdigit()})
    return [str(k) for k in dict.fromkeys([ks[0], ks[-1]])] if ks else []


def _limits(settings: Mapping[str, Any]) -> str:
    limits = _map(settings.get("limits"))
    names = {"message_limit": "messages", "token_limit": "tokens", "time_limit": "seconds"}
    parts = [
        f"{label}: {'no limit' if limits.get(key) is None else limits[key]}"
        for key, label in names.items()
        if key in limits
    ]
    return ", ".join(parts) or _NONE


def _reading(difference: Mapping[str, Any]) -> str:
    low, high = difference.get("ci_low"), difference.get("ci_high")
    if difference.get("diff") is None:
        return "no shared tasks"
    if isinstance(low, int | float) and low > 0:
        return "better: the interval lies above 0"
    if isinstance(high, int | float) and high < 0:
        return "worse: the interval lies below 0"
    return "no clear difference: the interval includes 0"


def _criterion_reason(rule: Mapping[str, Any], confidence: str) -> str:
    numbers = _map(rule.get("numbers"))
    shape = _rule_shape(rule)
    fired = [(tier, _map(item)) for tier, item in numbers.items() if _map(item).get("fired")]
    if shape == "solve_rate" and fired:
        return " and ".join(
            f"its solve rate on the {tier} tier is {_pct(item.get('solve_rate'))} and even the "
            f"lower bound of its {confidence} interval ({_pct(item.get('ci_low'))}) reaches "
            f"the {_pct(item.get('threshold'))} threshold"
            for tier, item in fired
        )
    if shape == "margin" and fired:
        parts = []
        for tier, item in fired:
            comparisons = _maps(item.get("comparisons"))
            strongest = next(
                (c for c in comparisons if c.get("reference") == item.get("strongest_reference")),
                comparisons[0] if comparisons else {},
            )
            interval = _interval(strongest.get("ci_low"), strongest.get("ci_high"), points=True)
            parts.append(
                f"it beats every reference model on the {tier} tier, the strongest "
                f"({strongest.get('reference', 'reference')}) by "
                f"{_points(strongest.get('diff'))} points ({confidence} interval {interval}, "
                f"above the margin of {_points(item.get('margin'))})"
            )
        return " and ".join(parts)
    if shape == "declaration":
        return (
            f"its developer declares {numbers.get('key')} = {numbers.get('declared')}, a "
            f"level the policy counts as high cyber capability"
        )
    return f"rule {rule.get('id', '')} is met: {rule.get('description', '')}"


def _shorten(text: str, limit: int = 120) -> str:
    """``text`` cut at a word before ``limit`` characters, with an ellipsis (the rules
    section has it whole)."""
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:(") + " \N{HORIZONTAL ELLIPSIS}"


def why_sentence(data: Mapping[str, Any]) -> str:
    """One plain sentence saying why the outcome is what it is, with the numbers that decided."""
    outcome = data.get("outcome")
    rules = _rules(data)
    if outcome == "covered":
        met = [rule for rule in rules if rule.get("fired") and _rule_shape(rule) != "evidence"]
        confidence = _confidence(data)
        return (
            "The model is a covered frontier model because "
            + ", and ".join(_criterion_reason(rule, confidence) for rule in met)
            + "."
        )
    if outcome == "insufficient_evidence":
        problems = [
            _shorten(str(problem))
            for rule in rules
            if rule.get("fired") and _rule_shape(rule) == "evidence"
            for problem in _list(_map(rule.get("numbers")).get("problems"))
        ]
        shown = "; ".join(problems[:3]) + (
            f"; and {len(problems) - 3} more" if len(problems) > 3 else ""
        )
        return (
            "No criterion is met, but the evidence is too thin to conclude that the model "
            "is not covered" + (f": {shown}." if shown else ".")
        )
    if outcome == "not_covered":
        return (
            "No criterion of the policy is met, and the evidence meets the policy's "
            "minimums on every required tier."
        )
    return (
        "The policy has not been applied to this evaluation yet, so there is no outcome; "
        "the scores below are the evaluation's."
    )


# --------------------------------------------------------------------------- HTML


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _slug(value: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "x"


def report_html(data: dict[str, Any]) -> str:
    """The report as one HTML document (a string): save it, open it offline, e-mail it."""
    colours = _colours(data)
    body = "".join(
        (
            _header(data),
            _submission_section(data),
            _results_section(data, colours),
            _differences_section(data),
            _rules_section(data),
            _settings_section(data),
            _problems_section(data),
            _logs_section(data),
            _footer(data),
        )
    )
    title = f"{_title(data)}: {_outcome_label(data)}"
    return (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n"
        f"<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def _section(key: str, heading: str, content: str) -> str:
    return (
        f'<section id="{key}" aria-labelledby="{key}-h">\n'
        f'<h2 id="{key}-h">{_e(heading)}</h2>\n{content}</section>\n'
    )


def _details(rows: Sequence[tuple[str, str]]) -> str:
    """A definition list; names are plain text, values markup."""
    return (
        "<dl>\n"
        + "".join(f"<dt>{_e(name)}</dt><dd>{value}</dd>\n" for name, value in rows)
        + "</dl>\n"
    )


def _table(cls: str, head: Sequence[str], rows: Sequence[Sequence[str]], row_cls: str = "") -> str:
    """A table whose cells are already markup; ``head`` is plain text."""
    heads = "".join(f'<th scope="col">{_e(name)}</th>' for name in head)
    opening = f'<tr class="{row_cls}">' if row_cls else "<tr>"
    body = "".join(
        opening
        + "".join(
            f'<td data-label="{_e(name)}">{cell}</td>' for name, cell in zip(head, row, strict=True)
        )
        + "</tr>\n"
        for row in rows
    )
    return (
        f'<div class="scroll"><table class="{cls}">\n<thead><tr>{heads}</tr></thead>\n'
        f"<tbody>\n{body}</tbody>\n</table></div>\n"
    )


def _model(model: str, role: str = "", colours: Mapping[str, int] | None = None) -> str:
    swatch = ""
    if colours is not None:
        swatch = (
            f'<span class="swatch m{colours.get(model, 1) % _PALETTE}" aria-hidden="true"></span>'
        )
    tag = f' <span class="role">{_e(role)}</span>' if role else ""
    return f'{swatch}<span class="model">{_e(model)}</span>{tag}'


def _header(data: Mapping[str, Any]) -> str:
    outcome = str(data.get("outcome") or "none")
    submission = _map(data.get("submission"))
    report = _map(data.get("report"))
    kicker = ["AICC frontier model program", "Evaluation report"]
    if submission.get("id"):
        kicker.append(f"submission {submission['id']}")
    if report.get("as_of"):
        kicker.append(f"as of {_day(report['as_of'])}")
    developer = submission.get("developer")
    by = f'<p class="by">by {_e(developer)}</p>\n' if developer else ""
    determination = _map(data.get("determination"))
    policy = _policy(data)
    if policy:
        when = (
            f" on {_e(_day(determination['determined_at']))}"
            if determination.get("determined_at")
            else ""
        )
        cited = f"Under policy <strong>{_e(policy)}</strong>, determined{when}."
    else:
        cited = "No policy has been applied yet."
    notes = "".join(f"<li>{_e(note)}</li>" for note in _list(data.get("notes")))
    return (
        f'<header class="top">\n<p class="kicker">{_e(" · ".join(kicker))}</p>\n'
        f"<h1>{_e(_title(data))}</h1>\n{by}"
        f'<div class="verdict outcome-{_e(_slug(outcome))}" id="outcome" '
        f'data-outcome="{_e(outcome)}">\n'
        f'<p class="outcome"><span class="badge">{_e(_outcome_label(data))}</span></p>\n'
        f'<p class="why">{_e(why_sentence(data))}</p>\n'
        f'<p class="policy">{cited}</p>\n'
        + (f'<ul class="notes">{notes}</ul>\n' if notes else "")
        + f"</div>\n"
        f'<p class="advisory"><strong>Advisory only.</strong> '
        f"{_e(data.get('advisory') or ADVISORY)}</p>\n</header>\n"
    )


def _submission_section(data: Mapping[str, Any]) -> str:
    submission = _map(data.get("submission"))
    window = _map(data.get("window"))
    rows: list[tuple[str, str]] = [
        (label, _e(submission[key]))
        for key, label in (
            ("developer", "Developer"),
            ("model", "Model"),
            ("version", "Version"),
            ("id", "Submission"),
        )
        if submission.get(key)
    ]
    access = _map(submission.get("access"))
    if access.get("kind") == "endpoint" and access.get("endpoint"):
        rows.append(
            (
                "Access",
                f"OpenAI-compatible endpoint <code>{_e(access['endpoint'])}"
                "</code> (its key is held by reference, never stored)",
            )
        )
    elif access.get("model"):
        rows.append(("Access", f"Inspect model <code>{_e(access['model'])}</code>"))
    release = window.get("release_date") or submission.get("release_date")
    if release:
        rows.append(("Planned release", _e(_day(release))))
    if window.get("opens"):
        state = f" ({window['state']})" if window.get("state") else ""
        text = f"{_day(window['opens'])} {_DASH} {_day(window.get('closes'))}{state}"
        note = f'<br><span class="note">{_e(window["note"])}</span>' if window.get("note") else ""
        rows.append(("Evaluation window", _e(text) + note))
    history = _maps(window.get("release_dates"))
    if len(history) > 1:
        rows.append(
            (
                "Release date history",
                "<ul>"
                + "".join(
                    f"<li>{_e(_day(item.get('release_date')))}"
                    + (f": {_e(item['reason'])}" if item.get("reason") else "")
                    + "</li>"
                    for item in history
                )
                + "</ul>",
            )
        )
    if submission.get("submitted_at"):
        rows.append(("Submitted", _e(_day(submission["submitted_at"]))))
    return _section("submission", "The submission", _details(rows)) if rows else ""


def _results_section(data: Mapping[str, Any], colours: Mapping[str, int]) -> str:
    tiers = _maps(data.get("tiers"))
    if not tiers:
        return ""
    confidence = _confidence(data)
    legend = "".join(
        f"<li>{_model(model, role, colours)}</li>"
        for model, role in sorted(_models(data), key=lambda pair: colours.get(pair[0], 0))
    )
    parts = [
        f"<p>Solve rate: the mean over the tier's tasks of each task's share of epochs "
        f"solved, with its {confidence} bootstrap interval over tasks. pass@k: the chance "
        f"that at least one of k attempts at a task succeeds.</p>\n"
        f'<figure class="chart-box">{_chart_svg(data, tiers, colours)}'
        f'<figcaption><ul class="legend">{legend}</ul>Solve rate per tier and model; '
        f"the whiskers are the {confidence} intervals, the dashed lines the policy's "
        f"thresholds.</figcaption></figure>\n"
    ]
    for tier in tiers:
        name = str(tier.get("tier", ""))
        parts.append(f'<h3 id="tier-{_e(_slug(name))}">Tier: {_e(name)}</h3>\n')
        if tier.get("skipped"):
            parts.append(
                f'<p class="skipped-note">Skipped: {_e(_skip_reason(tier["skipped"]))}</p>\n'
            )
        stats = [
            stat for stat in _maps(tier.get("models")) if stat.get("tasks") or stat.get("failed")
        ]
        if not stats:
            continue
        ks = _pass_ks(stats)
        head = [
            "Model",
            "Tasks",
            "Epochs",
            "Solve rate",
            f"{confidence} interval",
            *(f"pass@{k}" for k in ks),
        ]
        rows = []
        for stat in stats:
            model = _model(str(stat.get("model", "")), str(stat.get("role", "")), colours)
            if stat.get("failed"):
                model += f'<br><span class="note">failed: {_e(stat["failed"])}</span>'
            passes = _map(stat.get("pass_at_k"))
            rows.append(
                [
                    model,
                    _e(stat.get("tasks", 0)),
                    _e(_epochs(stat)),
                    f"<strong>{_e(_pct(stat.get('solve_rate')))}</strong>",
                    _e(_interval(stat.get("ci_low"), stat.get("ci_high"))),
                    *(_e(_pct(passes.get(k))) for k in ks),
                ]
            )
        parts.append(_table("tier-stats", head, rows, "stat"))
    return _section("results", "Results by tier", "".join(parts))


def _chart_svg(
    data: Mapping[str, Any], tiers: Sequence[Mapping[str, Any]], colours: Mapping[str, int]
) -> str:
    width, height = _W - _LEFT - _RIGHT, _H - _TOP - _BOTTOM
    group = width / max(len(tiers), 1)
    bar = min(44.0, group * 0.8 / max(len(colours), 1))
    thresholds = _thresholds(data)

    def y(rate: float) -> float:
        return _TOP + height * (1 - min(max(rate, 0.0), 1.0))

    shapes = []
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        shapes.append(
            f'<line class="grid" x1="{_LEFT}" x2="{_LEFT + width}" '
            f'y1="{y(tick):.1f}" y2="{y(tick):.1f}"/>'
            f'<text class="tick" x="{_LEFT - 6}" y="{y(tick) + 4:.1f}" '
            f'text-anchor="end">{tick:.0%}</text>'
        )
    said = []
    for index, tier in enumerate(tiers):
        name = str(tier.get("tier", ""))
        left = _LEFT + group * index
        centre = left + group / 2
        shapes.append(
            f'<text class="tier-label" x="{centre:.1f}" y="{_TOP + height + 20}" '
            f'text-anchor="middle">{_e(name)}</text>'
        )
        stats = [s for s in _maps(tier.get("models")) if s.get("solve_rate") is not None]
        said.append(
            f"{name}: "
            + (
                ", ".join(f"{s.get('model')} {_pct(s.get('solve_rate'))}" for s in stats)
                or "no scores"
            )
        )
        if not stats:
            why = "skipped" if tier.get("skipped") else "no scores"
            shapes.append(
                f'<text class="empty" x="{centre:.1f}" y="{y(0.5):.1f}" '
                f'text-anchor="middle">{why}</text>'
            )
            continue
        start = centre - bar * len(stats) / 2
        shapes += [
            _bar(stat, name, start + bar * slot, bar, colours, y) for slot, stat in enumerate(stats)
        ]
        if name in thresholds:
            right = left + group - 6
            # the bars' value labels under the threshold's label (about 95 units wide)
            taken = [
                _label_y(stat, y)
                for slot, stat in enumerate(stats)
                if start + bar * (slot + 1) > right - 100
            ]
            level = y(thresholds[name])
            text_y = next(
                (
                    at
                    for at in (level - 4, level + 14, level - 20, level + 30)
                    if all(abs(at - other) > 14 for other in taken)
                ),
                level - 4,
            )
            shapes.append(
                f'<g class="threshold" data-tier="{_e(name)}"><line '
                f'x1="{left + 6:.1f}" x2="{right:.1f}" y1="{level:.1f}" '
                f'y2="{level:.1f}"/><text x="{right:.1f}" y="{text_y:.1f}" '
                f'text-anchor="end">threshold {_pct(thresholds[name])}</text></g>'
            )
    shapes.append(
        f'<line class="axis" x1="{_LEFT}" x2="{_LEFT}" y1="{_TOP}" '
        f'y2="{_TOP + height}"/><line class="axis" x1="{_LEFT}" '
        f'x2="{_LEFT + width}" y1="{_TOP + height}" y2="{_TOP + height}"/>'
        f'<text class="label" x="{_LEFT + width / 2:.1f}" y="{_H - 8}" '
        f'text-anchor="middle">Tier (rising difficulty)</text>'
        f'<text class="label" transform="translate(16 {_TOP + height / 2:.1f}) '
        f'rotate(-90)" text-anchor="middle">Solve rate</text>'
    )
    return (
        f'<svg class="chart" viewBox="0 0 {_W} {_H}" role="img" '
        f'aria-label="{_e("Solve rate per tier. " + "; ".join(said))}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>Solve rate per tier and model, with '
        f"{_confidence(data)} intervals</title>{''.join(shapes)}</svg>"
    )


def _label_y(stat: Mapping[str, Any], y: Callable[[float], float]) -> float:
    """The baseline of a bar's value label: just above the bar or its whisker."""
    top = y(float(stat["solve_rate"]))
    high = stat.get("ci_high")
    return min(top, y(float(high))) - 5 if isinstance(high, int | float) else top - 5


def _bar(
    stat: Mapping[str, Any],
    tier: str,
    x: float,
    bar: float,
    colours: Mapping[str, int],
    y: Callable[[float], float],
) -> str:
    model = str(stat.get("model", ""))
    rate = float(stat["solve_rate"])
    low, high = stat.get("ci_low"), stat.get("ci_high")
    middle, top = x + bar / 2, y(rate)
    # a rate of 0 still shows a sliver of the model's colour on the axis
    height = max(y(0) - top, 2.0)
    parts = [
        f'<rect class="bar m{colours.get(model, 1) % _PALETTE}" x="{x + 2:.1f}" '
        f'y="{y(0) - height:.1f}" width="{max(bar - 4, 1):.1f}" height="{height:.1f}"/>'
    ]
    if isinstance(low, int | float) and isinstance(high, int | float):
        y_low, y_high = y(float(low)), y(float(high))
        cap = min(bar / 4, 7)
        parts.append(
            f'<path class="whisker" d="M{middle:.1f} {y_low:.1f}V{y_high:.1f}'
            f"M{middle - cap:.1f} {y_low:.1f}h{2 * cap:.1f}"
            f'M{middle - cap:.1f} {y_high:.1f}h{2 * cap:.1f}"/>'
        )
    parts.append(
        f'<text class="value" x="{middle:.1f}" y="{_label_y(stat, y):.1f}" '
        f'text-anchor="middle">{_e(_pct(rate))}</text>'
    )
    tooltip = f"{model} on {tier}: {_pct(rate)} (interval {_interval(low, high)})"
    return (
        f'<g class="result" data-model="{_e(model)}" data-tier="{_e(tier)}" '
        f'data-rate="{rate:.4f}"><title>{_e(tooltip)}</title>{"".join(parts)}</g>'
    )


def _differences_section(data: Mapping[str, Any]) -> str:
    rows = []
    for tier in _maps(data.get("tiers")):
        if tier.get("skipped"):
            continue  # nothing to compare; the tier is listed with its reason further down
        for item in _maps(tier.get("differences")):
            note = str(item.get("note") or "")
            rows.append(
                [
                    _e(tier.get("tier", "")),
                    _model(str(item.get("reference", ""))),
                    _e(item.get("tasks", 0)),
                    f"<strong>{_e(_points(item.get('diff')))}</strong>",
                    _e(_interval(item.get("ci_low"), item.get("ci_high"), points=True)),
                    _e(_reading(item))
                    + (f'<br><span class="note">{_e(note)}</span>' if note else ""),
                ]
            )
    if not rows:
        return ""
    confidence = _confidence(data)
    intro = (
        f"<p>The submitted model's solve rate minus each reference model's, in percentage "
        f"points, over the tasks both have, with a paired {confidence} bootstrap "
        f"interval.</p>\n"
    )
    return _section(
        "differences",
        "Against the reference models",
        intro
        + _table(
            "differences",
            [
                "Tier",
                "Reference model",
                "Shared tasks",
                "Difference (points)",
                f"{confidence} interval",
                "Reading",
            ],
            rows,
            "difference",
        ),
    )


def _rules_section(data: Mapping[str, Any]) -> str:
    rules = _rules(data)
    if not rules:
        return ""
    criteria = [rule for rule in rules if _rule_shape(rule) != "evidence"]
    evidence = [rule for rule in rules if _rule_shape(rule) == "evidence"]
    parts = [
        f"<p>Policy <strong>{_e(_policy(data) or _NONE)}</strong>. The model is covered "
        f"when at least one criterion is met. Otherwise the outcome is insufficient "
        f"evidence when an evidence check falls short, and not covered when none "
        f"does.</p>\n"
    ]
    if criteria:
        parts += ['<h3 id="criteria">Criteria</h3>\n', *(_rule(rule) for rule in criteria)]
    if evidence:
        parts += ['<h3 id="evidence">Evidence checks</h3>\n', *(_rule(rule) for rule in evidence)]
    return _section("rules", "The policy's rules", "".join(parts))


def _rule(rule: Mapping[str, Any]) -> str:
    shape = _rule_shape(rule)
    fired = bool(rule.get("fired"))
    if shape == "evidence":
        state, label = ("fired", "Falls short") if fired else ("enough", "Sufficient")
        text = f"Falls short when: {rule.get('description', '')}"
    else:
        state, label = ("fired", "Met") if fired else ("quiet", "Not met")
        text = str(rule.get("description", ""))
    rule_id = str(rule.get("id", ""))
    logs = [str(path) for path in _list(rule.get("logs"))]
    log_list = (
        ""
        if not logs
        else (
            f'<details class="rule-logs"><summary>Logs ({len(logs)})</summary><ul>'
            + "".join(f"<li><code>{_e(path)}</code></li>" for path in logs)
            + "</ul></details>\n"
        )
    )
    return (
        f'<article class="rule {state}" id="rule-{_e(_slug(rule_id))}" '
        f'data-fired="{str(fired).lower()}">\n'
        f'<p class="rule-head"><span class="badge {state}">{label}</span> '
        f"<code>{_e(rule_id)}</code></p>\n"
        f'<p class="rule-text">{_e(text)}</p>\n'
        f"{_rule_numbers(rule, shape)}{log_list}</article>\n"
    )


def _rule_numbers(rule: Mapping[str, Any], shape: str) -> str:
    numbers = _map(rule.get("numbers"))
    if shape == "solve_rate":
        rows = []
        for tier, raw in numbers.items():
            item = _map(raw)
            if not item.get("assessed"):
                rows.append(
                    [
                        _e(tier),
                        _NONE,
                        _NONE,
                        _e(_pct(item.get("threshold"))),
                        _e(f"not assessed: {item.get('reason', '')}"),
                    ]
                )
                continue
            rows.append(
                [
                    _e(tier),
                    _e(_pct(item.get("solve_rate"))),
                    _e(_interval(item.get("ci_low"), item.get("ci_high"))),
                    _e(_pct(item.get("threshold"))),
                    "<strong>reached</strong>" if item.get("fired") else "not reached",
                ]
            )
        return _table(
            "rule-numbers", ["Tier", "Solve rate", "Interval", "Threshold", "Result"], rows
        )
    if shape == "margin":
        rows = []
        for tier, raw in numbers.items():
            item = _map(raw)
            if not item.get("assessed"):
                rows.append(
                    [_e(tier), _NONE, _NONE, _NONE, _e(f"not assessed: {item.get('reason', '')}")]
                )
                continue
            for comparison in _maps(item.get("comparisons")):
                strongest = comparison.get("reference") == item.get("strongest_reference")
                interval = _interval(
                    comparison.get("ci_low"), comparison.get("ci_high"), points=True
                )
                rows.append(
                    [
                        _e(tier),
                        _model(
                            str(comparison.get("reference", "")), "strongest" if strongest else ""
                        ),
                        _e(
                            f"{_pct(item.get('solve_rate'))} vs "
                            f"{_pct(comparison.get('reference_solve_rate'))}"
                        ),
                        _e(f"{_points(comparison.get('diff'))} ({interval})"),
                        (
                            "<strong>beyond the margin</strong>"
                            if comparison.get("beaten")
                            else "not beyond the margin"
                        )
                        + _e(f" of {_points(item.get('margin'))}"),
                    ]
                )
        return _table(
            "rule-numbers",
            ["Tier", "Reference", "Solve rates", "Difference, points (interval)", "Result"],
            rows,
        )
    if shape == "declaration":
        declared = numbers.get("declared")
        levels = ", ".join(str(level) for level in _list(numbers.get("levels")))
        said = (
            f"declared <strong>{_e(declared)}</strong>"
            if declared is not None
            else "nothing declared"
        )
        return (
            f'<p class="numbers">Key <code>{_e(numbers.get("key", ""))}</code>: {said}; '
            f"met by: {_e(levels)}.</p>\n"
        )
    if shape == "evidence":
        problems = [str(problem) for problem in _list(numbers.get("problems"))]
        settings = "; ".join(
            f"{key.replace('_', ' ')}: {_value(value)}"
            for key, value in numbers.items()
            if key != "problems"
        )
        extra = f'<p class="numbers">{_e(settings)}</p>\n' if settings else ""
        if not problems:
            return extra
        return extra + (
            '<ul class="problems">'
            + "".join(f"<li>{_e(problem)}</li>" for problem in problems)
            + "</ul>\n"
        )
    if not numbers:
        return ""
    return (
        '<dl class="numbers">'
        + "".join(
            f"<dt>{_e(key)}</dt><dd>{_e(_value(value))}</dd>" for key, value in numbers.items()
        )
        + "</dl>\n"
    )


def _settings_section(data: Mapping[str, Any]) -> str:
    settings = _map(data.get("settings"))
    evaluation = _map(data.get("evaluation"))
    intervals = _map(data.get("intervals"))
    rows: list[tuple[str, str]] = []
    if settings.get("suite"):
        tiers = _list(settings.get("tiers"))
        chosen = ", ".join(str(t) for t in tiers) if tiers else "all tiers"
        rows.append(("Suite", f"<code>{_e(settings['suite'])}</code> ({_e(chosen)})"))
    if settings.get("solver"):
        rows.append(("Solver", f"<code>{_e(settings['solver'])}</code>"))
    if "limits" in settings:
        rows.append(("Limits per sample", _e(_limits(settings))))
    if settings.get("epochs") is not None:
        rows.append(("Epochs", _e(settings["epochs"])))
    models = _models(data)
    if models:
        rows.append(
            (
                "Models",
                "<ul>"
                + "".join(f"<li>{_model(model, role)}</li>" for model, role in models)
                + "</ul>",
            )
        )
    if intervals:
        rows.append(
            (
                "Intervals",
                _e(
                    f"{_confidence(data)}, {intervals.get('method', 'bootstrap')}; "
                    f"{intervals.get('resamples', '?')} resamples, seed "
                    f"{intervals.get('seed', '?')}"
                ),
            )
        )
    if evaluation.get("id"):
        ran = f"{_day(evaluation.get('started_at'))}, {evaluation.get('state', '')}"
        rows.append(("Evaluation", f"<code>{_e(evaluation['id'])}</code> ({_e(ran)})"))
    if not rows:
        return ""
    return _section(
        "settings",
        "Settings",
        "<p>Every model got the same tasks, solver, limits and epochs.</p>\n" + _details(rows),
    )


def _problems_section(data: Mapping[str, Any]) -> str:
    rows = [
        [
            _e(item.get("tier", "")),
            "all models",
            "skipped",
            _e(_skip_reason(item.get("reason", ""))),
        ]
        for item in _maps(data.get("skipped_tiers"))
    ]
    rows += [
        [
            _e(item.get("tier", "")),
            _model(str(item.get("model", ""))),
            "failed",
            _e(item.get("reason", "")),
        ]
        for item in _maps(data.get("failed_tiers"))
    ]
    errors = _maps(data.get("errors"))
    if not rows and not errors:
        return ""
    parts = []
    if rows:
        parts.append(
            "<p>Nothing here was scored. A required tier missing here leaves the "
            "evidence insufficient unless a criterion is met without it.</p>\n"
            + _table("skipped", ["Tier", "Model", "What happened", "Reason"], rows, "skipped-tier")
        )
    if errors:
        parts.append(
            "<p>Samples that ended in an error were left out of the scores, never "
            'counted as failures:</p>\n<ul class="errors">'
            + "".join(
                f"<li>{_model(str(item.get('model', '')))}: "
                f"{_e(item.get('count', 0))} error(s)<details><summary>Messages"
                "</summary><ul>"
                + "".join(
                    f"<li><code>{_e(message)}</code></li>"
                    for message in _list(item.get("messages"))
                )
                + "</ul></details></li>"
                for item in errors
            )
            + "</ul>\n"
        )
    heading = (
        "Tiers skipped or failed"
        if not errors
        else "Errors"
        if not rows
        else "Tiers skipped or failed, and errors"
    )
    return _section("skipped", heading, "".join(parts))


def _logs_section(data: Mapping[str, Any]) -> str:
    paths = _log_paths(data)
    log_dir = _map(data.get("evaluation")).get("log_dir")
    if not paths and not log_dir:
        return ""
    folder = f"<p>Log folder: <code>{_e(log_dir)}</code></p>\n" if log_dir else ""
    items = "".join(f"<li><code>{_e(path)}</code></li>" for path in paths)
    return _section(
        "logs",
        "Inspect log files",
        "<p>Every score above comes from these logs; open them with "
        "<code>inspect view</code>.</p>\n"
        + folder
        + (f'<ul class="logs">{items}</ul>\n' if items else ""),
    )


def _footer(data: Mapping[str, Any]) -> str:
    report = _map(data.get("report"))
    made = [f"Made by AICC {__version__}"]
    if _policy(data):
        made.append(f"policy {_policy(data)}")
    if report.get("generated_at"):
        made.append(f"generated {report['generated_at']}")
    return (
        f'<footer>\n<p class="statement"><strong>Advisory.</strong> '
        f"{_e(data.get('advisory') or ADVISORY)}</p>\n"
        f'<p class="made">{_e(" · ".join(made))}</p>\n</footer>\n'
    )


# --------------------------------------------------------------------------- Markdown


def _md_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GFM table; cells are already Markdown."""
    lines = [
        "| " + " | ".join(_md(name) for name in head) + " |",
        "|" + "|".join("---" for _ in head) + "|",
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def report_markdown(data: dict[str, Any]) -> str:
    """The report in Markdown (CommonMark with GFM tables)."""
    confidence = _confidence(data)
    policy = _policy(data)
    notes = "".join(f"- {_md_line(note)}\n" for note in _list(data.get("notes")))
    out = [
        f"# {_md(_title(data))}: {_md(_outcome_label(data))}\n",
        f"**{_md(_outcome_label(data))}**"
        + (f" under policy **{_md(policy)}**.\n" if policy else ".\n"),
        f"{_md_line(why_sentence(data))}\n",
        notes,
        f"> **Advisory only.** {_md(data.get('advisory') or ADVISORY)}\n",
    ]
    out.append(_md_submission(data))
    tiers = _maps(data.get("tiers"))
    if tiers:
        out.append(
            f"## Results by tier\n\nSolve rate with its {confidence} bootstrap interval "
            "over tasks, and pass@k.\n"
        )
    for tier in tiers:
        out.append(f"### Tier: {_md(tier.get('tier', ''))}\n")
        if tier.get("skipped"):
            out.append(f"Skipped: {_md(_skip_reason(tier['skipped']))}\n")
        stats = [s for s in _maps(tier.get("models")) if s.get("tasks") or s.get("failed")]
        if stats:
            ks = _pass_ks(stats)
            rows = [
                [
                    _md(s.get("model", ""))
                    + (f" (failed: {_md(s['failed'])})" if s.get("failed") else ""),
                    _md(s.get("role", "")),
                    _md(s.get("tasks", 0)),
                    _md(_epochs(s)),
                    _md(_pct(s.get("solve_rate"))),
                    _md(_interval(s.get("ci_low"), s.get("ci_high"))),
                    *(_md(_pct(_map(s.get("pass_at_k")).get(k))) for k in ks),
                ]
                for s in stats
            ]
            out.append(
                _md_table(
                    [
                        "Model",
                        "Role",
                        "Tasks",
                        "Epochs",
                        "Solve rate",
                        f"{confidence} interval",
                        *(f"pass@{k}" for k in ks),
                    ],
                    rows,
                )
            )
    differences = [
        [
            _md(tier.get("tier", "")),
            _md(item.get("reference", "")),
            _md(item.get("tasks", 0)),
            _md(_points(item.get("diff"))),
            _md(_interval(item.get("ci_low"), item.get("ci_high"), points=True)),
            _md(_reading(item) + (f"; {item['note']}" if item.get("note") else "")),
        ]
        for tier in tiers
        if not tier.get("skipped")
        for item in _maps(tier.get("differences"))
    ]
    if differences:
        out.append(
            f"## Against the reference models\n\nSubmitted model minus reference, in "
            f"percentage points, over shared tasks, with a paired {confidence} "
            f"interval.\n\n"
            + _md_table(
                [
                    "Tier",
                    "Reference",
                    "Shared tasks",
                    "Difference (points)",
                    f"{confidence} interval",
                    "Reading",
                ],
                differences,
            )
        )
    rules = _rules(data)
    if rules:
        out.append(
            f"## The policy's rules\n\nPolicy **{_md(policy or _NONE)}**: covered when "
            "a criterion is met; otherwise insufficient evidence when an evidence check "
            "falls short, not covered when none does.\n"
        )
        out += [_md_rule(rule) for rule in rules]
    out.append(_md_settings(data))
    problems = [
        [
            _md(item.get("tier", "")),
            "all models",
            "skipped",
            _md(_skip_reason(item.get("reason", ""))),
        ]
        for item in _maps(data.get("skipped_tiers"))
    ]
    problems += [
        [
            _md(item.get("tier", "")),
            _md(item.get("model", "")),
            "failed",
            _md(item.get("reason", "")),
        ]
        for item in _maps(data.get("failed_tiers"))
    ]
    if problems:
        out.append(
            "## Tiers skipped or failed\n\n"
            + _md_table(["Tier", "Model", "What happened", "Reason"], problems)
        )
    errors = _maps(data.get("errors"))
    if errors:
        out.append(
            "## Errors\n\nErrored samples were left out of the scores.\n\n"
            + "".join(
                f"- {_md_line(item.get('model', ''))}: {_md(item.get('count', 0))} error(s)\n"
                + "".join(f"  - {_md_line(message)}\n" for message in _list(item.get("messages")))
                for item in errors
            )
        )
    paths = _log_paths(data)
    if paths:
        out.append("## Inspect log files\n\n" + "".join(f"- {_md_line(path)}\n" for path in paths))
    out.append(
        f"---\n\n**Advisory.** {_md(data.get('advisory') or ADVISORY)}\n\n"
        f"Made by AICC {_md(__version__)}.\n"
    )
    return "\n".join(part for part in out if part)


def _md_submission(data: Mapping[str, Any]) -> str:
    submission = _map(data.get("submission"))
    window = _map(data.get("window"))
    facts: list[tuple[str, object]] = [
        (label, submission[key])
        for key, label in (
            ("developer", "Developer"),
            ("model", "Model"),
            ("version", "Version"),
            ("id", "Submission"),
        )
        if submission.get(key)
    ]
    release = window.get("release_date") or submission.get("release_date")
    if release:
        facts.append(("Planned release", _day(release)))
    if window.get("opens"):
        state = f" ({window['state']})" if window.get("state") else ""
        facts.append(
            (
                "Evaluation window",
                f"{_day(window['opens'])} {_DASH} {_day(window.get('closes'))}{state}",
            )
        )
    if not facts:
        return ""
    return "## The submission\n\n" + "".join(
        f"- **{_md(name)}:** {_md(value)}\n" for name, value in facts
    )


def _md_rule(rule: Mapping[str, Any]) -> str:
    shape = _rule_shape(rule)
    fired = bool(rule.get("fired"))
    if shape == "evidence":
        label = "falls short" if fired else "sufficient"
        text = f"Falls short when: {rule.get('description', '')}"
    else:
        label = "**met**" if fired else "not met"
        text = str(rule.get("description", ""))
    lines = [f"### {_md(rule.get('id', ''))}: {label}\n", f"{_md_line(text)}\n"]
    numbers = _map(rule.get("numbers"))
    if shape == "solve_rate":
        rows = []
        for tier, raw in numbers.items():
            item = _map(raw)
            result = (
                ("reached" if item.get("fired") else "not reached")
                if item.get("assessed")
                else f"not assessed: {item.get('reason', '')}"
            )
            rows.append(
                [
                    _md(tier),
                    _md(_pct(item.get("solve_rate"))),
                    _md(_interval(item.get("ci_low"), item.get("ci_high"))),
                    _md(_pct(item.get("threshold"))),
                    _md(result),
                ]
            )
        lines.append(_md_table(["Tier", "Solve rate", "Interval", "Threshold", "Result"], rows))
    elif shape == "margin":
        rows = []
        for tier, raw in numbers.items():
            item = _map(raw)
            if not item.get("assessed"):
                rows.append([_md(tier), "", "", _md(f"not assessed: {item.get('reason', '')}")])
                continue
            rows += [
                [
                    _md(tier),
                    _md(c.get("reference", "")),
                    _md(
                        f"{_points(c.get('diff'))} "
                        f"({_interval(c.get('ci_low'), c.get('ci_high'), points=True)})"
                    ),
                    _md("beyond the margin" if c.get("beaten") else "not beyond the margin"),
                ]
                for c in _maps(item.get("comparisons"))
            ]
        lines.append(
            _md_table(["Tier", "Reference", "Difference in points (interval)", "Result"], rows)
        )
    elif shape == "declaration":
        lines.append(
            f"Key {_md(numbers.get('key', ''))}: declared "
            f"{_md(numbers.get('declared'))}; met by "
            f"{_md(', '.join(str(v) for v in _list(numbers.get('levels'))))}.\n"
        )
    elif shape == "evidence":
        lines += [f"- {_md_line(problem)}" for problem in _list(numbers.get("problems"))]
    else:
        lines += [f"- {_md_line(key)}: {_md(_value(value))}" for key, value in numbers.items()]
    return "\n".join(lines) + "\n"


def _md_settings(data: Mapping[str, Any]) -> str:
    settings = _map(data.get("settings"))
    lines = []
    if settings.get("suite"):
        tiers = _list(settings.get("tiers"))
        chosen = ", ".join(str(t) for t in tiers) if tiers else "all tiers"
        lines.append(f"- **Suite:** {_md(settings['suite'])} ({_md(chosen)})")
    if settings.get("solver"):
        lines.append(f"- **Solver:** {_md(settings['solver'])}")
    if "limits" in settings:
        lines.append(f"- **Limits per sample:** {_md(_limits(settings))}")
    if settings.get("epochs") is not None:
        lines.append(f"- **Epochs:** {_md(settings['epochs'])}")
    models = _models(data)
    if models:
        lines.append(
            "- **Models:** " + ", ".join(f"{_md(model)} ({_md(role)})" for model, role in models)
        )
    intervals = _map(data.get("intervals"))
    if intervals:
        lines.append(
            f"- **Intervals:** {_md(_confidence(data))}, "
            f"{_md(intervals.get('method', 'bootstrap'))}; "
            f"{_md(intervals.get('resamples', '?'))} resamples, seed "
            f"{_md(intervals.get('seed', '?'))}"
        )
    return "## Settings\n\n" + "\n".join(lines) + "\n" if lines else ""


_CSS = """
:root { --ink: #1b1f24; --muted: #4a525c; --line: #c9ced6; --paper: #ffffff;
  --soft: #f3f5f8; --accent: #0b3d91; --covered: #a4161a; --not-covered: #1d6b3a;
  --insufficient: #8a4500;
  --m0: #0b3d91; --m1: #7a8796; --m2: #b5651d; --m3: #4f8a4c; --m4: #7d4e9e; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--paper); color: var(--ink);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans",
  Arial, sans-serif; }
main { max-width: 1040px; margin: 0 auto; padding: 24px 20px 40px; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0.2em 0 0; overflow-wrap: anywhere; }
h2 { font-size: 1.4rem; margin: 1.8em 0 0.5em; padding-bottom: 4px;
  border-bottom: 2px solid var(--line); }
h3 { font-size: 1.15rem; margin: 1.4em 0 0.4em; }
code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: 0.9em; overflow-wrap: anywhere; }
.kicker { color: var(--muted); margin: 0; font-size: 0.95rem; }
.by { margin: 0.2em 0 0; color: var(--muted); font-size: 1.1rem; }
.verdict { margin: 18px 0 10px; padding: 14px 20px; border: 2px solid var(--line);
  border-left: 12px solid var(--muted); border-radius: 8px; }
.verdict.outcome-covered { border-left-color: var(--covered); }
.verdict.outcome-not-covered { border-left-color: var(--not-covered); }
.verdict.outcome-insufficient-evidence { border-left-color: var(--insufficient); }
.outcome { margin: 0 0 6px; }
.verdict .badge { font-size: 1.25rem; padding: 3px 14px; }
.outcome-covered .badge { background: var(--covered); }
.outcome-not-covered .badge { background: var(--not-covered); }
.outcome-insufficient-evidence .badge { background: var(--insufficient); }
.why { font-size: 1.12rem; margin: 6px 0; max-width: 52em; }
.policy { margin: 0; color: var(--muted); }
.advisory { margin: 8px 0 0; padding: 8px 12px; background: var(--soft); border-radius: 6px; }
.badge { display: inline-block; padding: 1px 10px; border-radius: 999px; color: #fff;
  background: var(--muted); font-weight: 700; font-size: 0.9rem; white-space: nowrap;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.badge.fired { background: var(--covered); }
.badge.quiet { background: #6b737d; }
.badge.enough { background: var(--not-covered); }
dl { display: grid; grid-template-columns: 12em 1fr; gap: 6px 16px; margin: 0; }
dt { font-weight: 700; color: var(--muted); }
dd { margin: 0; overflow-wrap: anywhere; }
dd ul { margin: 0; padding-left: 1.1em; }
.model { font-weight: 600; overflow-wrap: anywhere; }
.role { color: var(--muted); font-size: 0.85rem; }
.swatch { display: inline-block; width: 12px; height: 12px; border-radius: 2px;
  margin-right: 6px; vertical-align: -1px; -webkit-print-color-adjust: exact;
  print-color-adjust: exact; }
.swatch.m0 { background: var(--m0); } .swatch.m1 { background: var(--m1); }
.swatch.m2 { background: var(--m2); } .swatch.m3 { background: var(--m3); }
.swatch.m4 { background: var(--m4); }
figure { margin: 0 0 8px; max-width: 860px; }
.chart { width: 100%; height: auto; display: block; font-family: inherit; }
.chart .grid { stroke: #e1e5ea; stroke-width: 1; }
.chart .axis { stroke: var(--ink); stroke-width: 1.5; }
.chart .tick { fill: var(--muted); font-size: 13px; }
.chart .label { fill: var(--ink); font-size: 14px; font-weight: 600; }
.chart .tier-label { fill: var(--ink); font-size: 14px; font-weight: 600; }
.chart .empty { fill: var(--muted); font-size: 13px; font-style: italic; }
.chart .bar.m0 { fill: var(--m0); } .chart .bar.m1 { fill: var(--m1); }
.chart .bar.m2 { fill: var(--m2); } .chart .bar.m3 { fill: var(--m3); }
.chart .bar.m4 { fill: var(--m4); }
.chart .whisker { stroke: var(--ink); stroke-width: 1.6; fill: none; }
.chart .value { fill: var(--ink); font-size: 12px; font-weight: 700;
  paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
.chart .threshold line { stroke: var(--covered); stroke-width: 1.5; stroke-dasharray: 5 4; }
.chart .threshold text { fill: var(--covered); font-size: 12px; font-weight: 600;
  paint-order: stroke; stroke: #fff; stroke-width: 3px; stroke-linejoin: round; }
figcaption { color: var(--muted); font-size: 0.95rem; }
.legend { list-style: none; margin: 4px 0 6px; padding: 0; display: flex; flex-wrap: wrap;
  gap: 4px 20px; color: var(--ink); }
.scroll { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 0.95rem; margin: 4px 0 8px; }
th, td { text-align: left; vertical-align: top; padding: 7px 10px;
  border-bottom: 1px solid var(--line); }
th { background: var(--soft); font-weight: 700; }
tbody tr:nth-child(even) { background: #fafbfc; }
.tier-stats td:not(:first-child), .tier-stats th:not(:first-child),
.rule-numbers td:not(:last-child):not(:has(.model)),
.differences td:nth-child(n+3):nth-child(-n+5) { white-space: nowrap; }
.note { color: var(--muted); font-size: 0.85rem; }
.skipped-note { color: var(--insufficient); font-weight: 600; }
.rule { border: 1px solid var(--line); border-left: 8px solid #9aa2ad; border-radius: 8px;
  padding: 10px 16px 6px; margin: 12px 0; break-inside: avoid; page-break-inside: avoid; }
.rule.fired { border-left-color: var(--covered); }
.rule.enough { border-left-color: var(--not-covered); }
.rule-head { margin: 0; display: flex; gap: 10px; align-items: center; flex-wrap: wrap; }
.rule-head code { font-size: 1rem; font-weight: 700; }
.rule-text { margin: 6px 0; }
.numbers { color: var(--ink); }
.problems { margin: 4px 0 8px; }
details summary { cursor: pointer; color: var(--muted); }
.logs, .rule-logs ul { padding-left: 1.2em; }
footer { margin-top: 40px; padding-top: 12px; border-top: 2px solid var(--line);
  color: var(--muted); font-size: 0.92rem; }
@media (max-width: 700px) {
  main { padding: 16px 12px 32px; }
  h1 { font-size: 1.6rem; }
  dl { grid-template-columns: 1fr; gap: 0; }
  dd { margin-bottom: 8px; }
  /* numbers are compared across rows: keep the tables and the chart readable and let them
     scroll sideways rather than squeeze them into the phone's width */
  .scroll table { min-width: 640px; }
  .tier-stats td:first-child, td:has(> .model) { min-width: 10em; }
  .chart-box { overflow-x: auto; }
  .chart { min-width: 560px; }
  .chart .tick, .chart .value, .chart .threshold text { font-size: 15px; }
  .chart .label, .chart .tier-label { font-size: 17px; }
}
@media print {
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  tr, figure { break-inside: avoid; page-break-inside: avoid; }
  details > ul { display: block; }
}
"""
