"""The application: `create_app` builds it over one store; uvicorn calls it as a factory.

``aicc serve`` runs ``uvicorn aicc.server.app:create_app --factory``: the settings come from
the environment (``AICC_HOME``, ``AICC_DATABASE_URL``, ``AICC_STORE_TIMEOUT``,
``AICC_MAX_UPLOAD_MB``, ``AICC_SECURE_COOKIES``). The store is opened (and migrated) once, when
the app is made. The JSON API is under ``/api/`` (`aicc.server.api`), the web pages at ``/``
(`aicc.server.pages`).
No page loads anything from outside: the interactive documentation pages (which fetch their
scripts from a CDN) are off; the OpenAPI document is at ``/openapi.json``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy.exc import SQLAlchemyError

from aicc import __version__
from aicc.center import (
    CenterError,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    Unauthenticated,
    UploadTooLarge,
)
from aicc.center.delivery import DeliverySettings
from aicc.center.inventories import max_upload_bytes
from aicc.center.login_limits import LoginLimits
from aicc.center.oidc import OidcConfig
from aicc.core.errors import StoreError
from aicc.core.settings import Settings
from aicc.server import (
    account,
    frontier,
    notification_pages,
    notifications,
    pages,
    portfolio_trends,
    profiles,
)
from aicc.server.advisories import provider as csaf_provider
from aicc.server.advisories import publisher_settings
from aicc.server.advisories import router as advisories_router
from aicc.server.advisory_pages import router as advisory_pages
from aicc.server.api import CenterState, router
from aicc.server.campaign_pages import router as campaign_pages
from aicc.server.campaigns import router as campaigns_router
from aicc.server.collector import with_frozen_heap
from aicc.server.finding_work import router as finding_work_router
from aicc.server.finding_work_pages import router as finding_work_pages
from aicc.server.limits import BodyLimit
from aicc.server.oidc_pages import router as oidc_pages
from aicc.server.outbox_worker import outbox_lifespan
from aicc.server.recheck_pages import router as recheck_pages
from aicc.server.rechecks import router as rechecks_router
from aicc.server.resets import api as reset_api
from aicc.server.resets import router as reset_pages
from aicc.server.threads import server_threads, with_threads
from aicc.store.db import open_store, store_reason

STATUS: dict[type[CenterError], int] = {
    InvalidInput: 422,
    NotFound: 404,
    Unauthenticated: 401,
    Forbidden: 403,
    Conflict: 409,
    UploadTooLarge: 413,
}
FORM_ALLOWANCE = 1024 * 1024  # the multipart framing and the form's other fields


def _center_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, CenterError)
    status = next((code for kind, code in STATUS.items() if isinstance(exc, kind)), 400)
    if not request.url.path.startswith("/api/"):
        return pages.page_error(request, exc, status)
    body: dict[str, Any] = {"detail": exc.message}
    if exc.problems:
        body["problems"] = exc.problems
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body, status_code=status, headers=headers)


def _invalid_request(_request: Request, exc: Exception) -> JSONResponse:
    """FastAPI's validation errors, with one sentence naming each place (``body.state``)."""
    assert isinstance(exc, RequestValidationError)
    errors = jsonable_encoder(exc.errors())
    text = "; ".join(
        f"{'.'.join(str(part) for part in e.get('loc', ()))}: {e.get('msg', 'invalid')}"
        for e in errors
    )
    return JSONResponse({"detail": text, "errors": errors}, status_code=422)


def _store_error(_request: Request, exc: Exception) -> JSONResponse:
    reason = store_reason(exc)  # the database's own message on one line
    return JSONResponse(
        {"detail": f"the store refused the request: {reason}; nothing was written"},
        status_code=503,
    )


def create_app(settings: Settings | None = None, env: Mapping[str, str] | None = None) -> FastAPI:
    """The center's application over the store the settings name (from ``env`` or the
    process environment by default)."""
    settings = settings or Settings.from_env(env)
    limit = max_upload_bytes(env)
    engine = open_store(settings.database_url, busy_timeout=settings.store_timeout)
    app = FastAPI(
        title="AICC coordination center",
        version=__version__,
        description="Organisations upload inventories and get their findings and plan; the "
        "center's analysts triage and see who is affected. Authenticate with "
        "`Authorization: Bearer <token>` (`aicc admin token create`).",
        docs_url=None,
        redoc_url=None,
        # the thread that sends notifications (aicc serve); requests run AICC_SERVER_THREADS at once
        lifespan=with_frozen_heap(with_threads(server_threads(env), outbox_lifespan)),
    )
    environ = os.environ if env is None else env
    secure = environ.get("AICC_SECURE_COOKIES", "").strip().lower() in ("1", "true", "yes")
    app.state.center = CenterState(engine, settings.store_timeout, limit, secure)
    app.state.login_limits = LoginLimits.from_env(env)
    # the JSON API first: a request is matched against the routes in order, and its hot routes
    # (a findings page, the portfolio views) share no path with the routers below
    app.include_router(router)
    app.include_router(reset_api)
    app.include_router(account.api)
    app.include_router(account.router)
    app.include_router(profiles.router)
    app.include_router(portfolio_trends.router)
    app.include_router(reset_pages)
    app.state.oidc = OidcConfig.from_env(env)
    app.include_router(oidc_pages)
    app.include_router(campaigns_router)
    app.include_router(campaign_pages)
    app.include_router(pages.router)
    app.state.csaf_publisher = publisher_settings(environ)
    app.include_router(advisories_router)
    app.include_router(csaf_provider)
    app.include_router(advisory_pages)
    app.include_router(rechecks_router)
    app.include_router(recheck_pages)
    app.include_router(finding_work_router)
    app.include_router(finding_work_pages)
    app.state.delivery = DeliverySettings.from_env(env)
    app.include_router(notifications.router)
    app.include_router(notification_pages.router)
    frontier.install(app, settings, environ)  # the frontier program's routes, with its key
    app.add_exception_handler(pages.LoginRequired, pages.login_redirect)
    app.add_exception_handler(pages.CsrfRefused, pages.csrf_refused)
    app.add_exception_handler(CenterError, _center_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(SQLAlchemyError, _store_error)
    app.add_middleware(BodyLimit, max_bytes=limit + FORM_ALLOWANCE)
    return app
