"""The SARIF 2.1.0 schema every SARIF log of AICC names (package scans and code scans), apart
from the writers, so that the code scanner need not load the package-scan pipeline."""

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
