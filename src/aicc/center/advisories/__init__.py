"""The center's own CSAF 2.0 advisories: written by its analysts (`authoring`), made into CSAF
documents (`document`) that pass the OASIS schema (`schema`) and the mandatory tests
(`checks`), shown to the organisations they concern (`audience`, `views`), and the public ones
served as a CSAF provider (`provider`)."""

from aicc.center.advisories.authoring import (
    create_advisory,
    publish_advisory,
    refresh_audience,
    update_advisory,
)
from aicc.center.advisories.document import Publisher
from aicc.center.advisories.form import AdvisoryForm, ProductForm
from aicc.center.advisories.views import (
    advisory_audit,
    advisory_document,
    get_advisory,
    list_advisories,
    organisation_advisories,
)

__all__ = [
    "AdvisoryForm",
    "ProductForm",
    "Publisher",
    "advisory_audit",
    "advisory_document",
    "create_advisory",
    "get_advisory",
    "list_advisories",
    "organisation_advisories",
    "publish_advisory",
    "refresh_audience",
    "update_advisory",
]
