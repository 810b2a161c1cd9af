"""`aicc frontier`: the voluntary pre-release evaluation program for frontier AI models.

Every command acts as someone (``--as ROLE:NAME``, ``AICC_ACTOR``, or ``ROLE:NAME`` in
``AICC_HOME/frontier-actor``), is checked against that role and is written to the program's
audit log; a refusal is logged too. There is no default actor: a developer following the README
acts as its developer and the log says so, and nobody acts as the administrator without saying
it. (Whoever runs the CLI on the store's URL can read the store directly, so the CLI cannot
confine them; the actor is who they say they act for.) On the server the actor comes from the
logged-in user or token (`aicc.server.frontier`).
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
