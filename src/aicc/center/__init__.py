"""The coordination center: organisations, their tokens, assets, inventories, findings with
triage and an audit trail, plans, the center's portfolio view, and the people who log in to
its pages.

These are library functions over the store, with no web framework in them: `aicc admin` and the
server (`aicc.server`) are thin layers over the same calls. Each takes the store (an Engine) and,
for what a caller asks, the caller (`Principal`, from `authenticate`); every write is one
transaction holding the center's write lock. The center is a pillar beside the pipeline: it calls
`aicc.pipeline` (scan, plan) and never copies it.
"""

from aicc.center.access import Principal
from aicc.center.errors import (
    CenterError,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    Unauthenticated,
    UploadTooLarge,
)
from aicc.center.findings import change_state, finding_audit, get_finding, list_findings
from aicc.center.inventories import get_inventory, list_assets, upload_inventory
from aicc.center.organisations import create_organisation, list_organisations
from aicc.center.plans import organisation_plan
from aicc.center.portfolio import affected_by, summary
from aicc.center.tokens import authenticate, create_token, revoke_token
from aicc.center.users import create_user, log_in, log_out, same_secret, session_user

__all__ = [
    "CenterError",
    "Conflict",
    "Forbidden",
    "InvalidInput",
    "NotFound",
    "Principal",
    "Unauthenticated",
    "UploadTooLarge",
    "affected_by",
    "authenticate",
    "change_state",
    "create_organisation",
    "create_token",
    "create_user",
    "finding_audit",
    "get_finding",
    "get_inventory",
    "list_assets",
    "list_findings",
    "list_organisations",
    "log_in",
    "log_out",
    "organisation_plan",
    "revoke_token",
    "same_secret",
    "session_user",
    "summary",
    "upload_inventory",
]
