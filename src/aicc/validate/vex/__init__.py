"""VEX in: OpenVEX, CycloneDX VEX (JSON and XML) and CSAF 2.0 VEX read into VexStatements,
and each finding matched to the statement that speaks for it.

Every format is read into OpenVEX's vocabulary (`aicc.core.vex`); the tables in `vocabulary` say
how CycloneDX and CSAF words map onto it. Each format's shape is declared as pydantic models
(keys AICC reads typed and checked, others ignored); a document that cannot be read raises
VexError naming the file, the place (a JSON path such as ``statements[3].status``, or an XML
path) and the problem.

Products are kept as the document names them: a purl, a CPE 2.3 (or 2.2) name, or a bom-ref.
OpenVEX ``subcomponents`` become products of their statement too: a scanner sees the component
that carries the vulnerability (``pkg:pypi/flask@2.2.2``), rarely the product that ships it.

`read` tells the format and hands the document to `openvex`, `cyclonedx`, `cyclonedx_xml` or
`csaf`, importing that reader (and pydantic) only then; `match` matches statements to components
and findings; `_common` holds what they share, `_models` what the formats' models share.
"""

from aicc.validate.vex.match import applies_to, match_vex
from aicc.validate.vex.read import read_vex, read_vex_files
from aicc.validate.vex.vocabulary import (
    CSAF_STATUSES,
    CYCLONEDX_JUSTIFICATIONS,
    CYCLONEDX_STATES,
)

__all__ = [
    "CSAF_STATUSES",
    "CYCLONEDX_JUSTIFICATIONS",
    "CYCLONEDX_STATES",
    "applies_to",
    "match_vex",
    "read_vex",
    "read_vex_files",
]
