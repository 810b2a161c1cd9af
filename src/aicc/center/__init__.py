"""The coordination center: organisations, their tokens, assets, inventories, findings with
triage and an audit trail, plans, the center's portfolio view, remediation campaigns, and the
people who log in to its pages.

These are library functions over the store, with no web framework in them: `aicc admin` and the
server (`aicc.server`) are thin layers over the same calls. Each takes the store (an Engine) and,
for what a caller asks, the caller (`Principal`, from `authenticate`); every write is one
transaction holding the center's write lock. The center is a pillar beside the pipeline: it calls
`aicc.pipeline` (scan, plan) and never copies it.
"""

from aicc.center.access import Principal
from aicc.center.campaign_board import campaign_progress
from aicc.center.campaigns import (
    campaign_audit,
    campaign_deadlines,
    create_campaign,
    decide_claim,
    list_campaigns,
    show_campaign,
    update_entry,
)
from aicc.center.comments import add_comment, list_comments
from aicc.center.diffs import asset_versions, inventory_diff
from aicc.center.errors import (
    CenterError,
    Conflict,
    Forbidden,
    InvalidInput,
    NotFound,
    Unauthenticated,
    UploadTooLarge,
)
from aicc.center.findings import (
    change_state,
    finding_audit,
    get_finding,
    list_findings,
    list_findings_json,
)
from aicc.center.inventories import get_inventory, list_assets, upload_inventory
from aicc.center.organisations import create_organisation, list_organisations
from aicc.center.plans import organisation_plan
from aicc.center.portfolio import affected_by, summary
from aicc.center.suppressions import lift_suppression, suppress_finding
from aicc.center.tokens import authenticate, change_token, create_token, revoke_token
from aicc.center.users import create_user, log_in, log_out, same_secret, session_user
from aicc.center.vex_export import organisation_vex

__all__ = [
    "CenterError",
    "Conflict",
    "Forbidden",
    "InvalidInput",
    "NotFound",
    "Principal",
    "Unauthenticated",
    "UploadTooLarge",
    "add_comment",
    "affected_by",
    "asset_versions",
    "authenticate",
    "campaign_audit",
    "campaign_deadlines",
    "campaign_progress",
    "change_state",
    "change_token",
    "create_campaign",
    "create_organisation",
    "create_token",
    "create_user",
    "decide_claim",
    "finding_audit",
    "get_finding",
    "get_inventory",
    "inventory_diff",
    "lift_suppression",
    "list_assets",
    "list_campaigns",
    "list_comments",
    "list_findings",
    "list_findings_json",
    "list_organisations",
    "log_in",
    "log_out",
    "organisation_plan",
    "organisation_vex",
    "revoke_token",
    "same_secret",
    "session_user",
    "show_campaign",
    "summary",
    "suppress_finding",
    "update_entry",
    "upload_inventory",
]
