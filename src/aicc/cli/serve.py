"""`aicc serve`: run the center's server (the JSON API) with uvicorn."""

from __future__ import annotations

import os

import typer

from aicc.cli.common import failures, invocation, settings_of, store_of

# uvicorn's import string: the command line starts the server without importing it (the two
# are siblings over the center and the pipeline; tests/test_layers.py keeps them apart).
APP = "aicc.server.app:create_app"


def serve_command(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="The address to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="The port to listen on."),
) -> None:
    """Run the center's server: the JSON API under /api/, its OpenAPI document at /openapi.json.

    Organisations upload inventories and get their findings and plan; the center's roles see
    them all. Tokens come from `aicc admin token create`. The store is the one the global
    options name (SQLite in --home by default, or --database-url); uploads are limited by
    AICC_MAX_UPLOAD_MB (default 100).
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

    uvicorn.run(
        APP,
        factory=True,
        host=host,
        port=port,
        log_level="warning" if invocation(ctx).quiet else "info",
    )
