"""`aicc serve`: run the center's server (the JSON API) with uvicorn."""

from __future__ import annotations

import os

import typer

from aicc.cli.common import failures, invocation, settings_of, store_of

# uvicorn's import string: the command line starts the server without importing it (the two
# are siblings over the center and the pipeline; tests/test_layers.py keeps them apart).
APP = "aicc.server.app:create_app"


def event_loop_and_parser() -> tuple[str, str]:
    """uvicorn's event loop and HTTP parser: uvloop and httptools (C, the server's dependencies)
    when they can be imported, else asyncio's own loop and the pure-Python h11, which cost about
    a millisecond more of CPU a request (measured: bench/center_load_bench.py)."""
    import importlib

    def importable(name: str) -> bool:
        try:
            importlib.import_module(name)
        except ImportError:  # not installed, or built for another platform
            return False
        return True

    loop = "uvloop" if importable("uvloop") else "asyncio"
    return loop, "httptools" if importable("httptools") else "h11"


def serve_command(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="The address to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="The port to listen on."),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        max=64,
        help="Server processes answering requests (uvicorn workers); the re-check thread "
        "runs once, in the main process.",
    ),
) -> None:
    """Run the center's server: the JSON API under /api/, its OpenAPI document at /openapi.json.

    Organisations upload inventories and get their findings and plan; the center's roles see
    them all. Tokens come from `aicc admin token create`. The store is the one the global
    options name (SQLite in --home by default, or --database-url); uploads are limited by
    AICC_MAX_UPLOAD_MB (default 100). A background thread re-checks the stored inventories
    after feed updates (`aicc center rechecks` lists the runs). With --workers N, N processes
    share the port (everything a request needs is in the store; each keeps its own copy of the
    portfolio views, checked against the store on every request).
    """
    from aicc.core.extras import require_extra

    with failures():
        require_extra("server", "aicc serve")
        settings = settings_of(ctx)
        store_of(ctx).dispose()  # opened and migrated here: a bad store is one error line
    # the app is made by uvicorn from the environment: hand it the settings of the options
    os.environ["AICC_HOME"] = str(settings.home)
    os.environ["AICC_DATABASE_URL"] = settings.database_url
    import uvicorn

    from aicc.center.recheck_runner import BackgroundRechecks
    from aicc.store.db import open_store
    from aicc.workers.runner import runner_for

    # re-checks after feed updates run beside the server, so that no request waits for one
    # (handed to the Celery workers when AICC_BROKER_URL is set)
    engine = open_store(settings.database_url)
    rechecks = BackgroundRechecks(engine, runner=runner_for(engine))
    loop, http = event_loop_and_parser()
    if not invocation(ctx).quiet:
        typer.echo(f"aicc serve: event loop {loop}, HTTP parser {http}", err=True)
    rechecks.start()
    try:
        uvicorn.run(
            APP,
            factory=True,
            host=host,
            port=port,
            workers=workers,
            loop=loop,
            http=http,
            log_level="warning" if invocation(ctx).quiet else "info",
        )
    finally:
        rechecks.stop()
