"""Optional dependencies: which extra a feature needs, and a clear error when it is missing.

`pip install aicc` scans and plans; the AI features (the code review, the frontier program's
evaluations) need `aicc[ai]` (Inspect, OpenAI's client), a PostgreSQL store needs
`aicc[postgres]` (psycopg), and the center's server (`aicc serve`) needs `aicc[server]`
(FastAPI, uvicorn, python-multipart for uploads).
"""

from __future__ import annotations

import importlib

from aicc.core.errors import ConfigError

EXTRAS: dict[str, tuple[str, ...]] = {
    "ai": ("inspect_ai", "openai"),
    "postgres": ("psycopg",),
    "server": ("fastapi", "uvicorn", "python_multipart"),
    "worker": ("celery", "redis"),
}


class MissingExtra(ConfigError):
    """A feature needs an optional dependency that is not installed."""


def extra_for(module: str | None) -> str | None:
    """The extra that installs ``module`` (a top-level or dotted name), if any."""
    top = (module or "").split(".")[0]
    return next((extra for extra, modules in EXTRAS.items() if top in modules), None)


def missing_extra_message(extra: str, purpose: str) -> str:
    return (
        f"{purpose} needs the optional '{extra}' dependencies, which are not installed: "
        f"pip install 'aicc[{extra}]'"
    )


def require_extra(extra: str, purpose: str) -> None:
    """Raise `MissingExtra` naming the extra to install when one of its modules is missing."""
    for module in EXTRAS[extra]:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            raise MissingExtra(missing_extra_message(extra, purpose)) from exc
