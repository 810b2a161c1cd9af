"""`aicc frontier`: the voluntary pre-release evaluation program for frontier AI models.

Every command acts as someone (``--as ROLE:NAME`` or ``AICC_ACTOR``), is checked against that
role and is written to the program's audit log; a refusal is logged too. Without ``--as`` the
actor is ``admin:<login>``: whoever runs the CLI on the store's URL can read the store
directly, so the CLI cannot confine them; the default makes that explicit and attributes the
audit entries to the login. Partners and developers reach the program through the API, where
the server sets the actor; ``--as`` lets the CLI act for them, or rehearse what they may do.
"""

from __future__ import annotations

# isort: off
# The import order is the order of the commands in `aicc frontier --help`: each module registers
# its top-level commands on `app` when imported; the groups follow, in the order added below.
from aicc.cli.frontier._common import app
from aicc.cli.frontier import program, partners, attachments, audit, evaluate  # noqa: F401

# isort: on

app.add_typer(program.developer_app, name="developer")
app.add_typer(partners.partners_app, name="partners")
app.add_typer(attachments.attachments_app, name="attachments")
app.add_typer(audit.audit_app, name="audit")

__all__ = ["app"]
