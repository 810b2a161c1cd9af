"""Tables of the knowledge base (SQLAlchemy Core).

Every feed record is one parent row plus child rows; ``digest`` is a hash of the record's bytes as
published, so re-importing unchanged data costs a hash and a set lookup. Times are naive UTC.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import JSONB

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

Json = JSON().with_variant(JSONB(), "postgresql")


def one_of(column: str, values: tuple[str, ...], name: str) -> CheckConstraint:
    """A check that ``column`` holds one of ``values`` (the center's states and roles)."""
    listed = ", ".join(f"'{v}'" for v in values)
    return CheckConstraint(f"{column} IN ({listed})", name=name)


advisories = Table(
    "advisories",
    metadata,
    Column("id", Text, primary_key=True),
    Column("schema_version", Text),
    Column("summary", Text),
    Column("details", Text),
    Column("published", DateTime),
    Column("modified", DateTime, index=True),  # MAX() for the freshness check of every scan
    Column("withdrawn", DateTime),
    Column("severity", Json),  # [{"type": "CVSS_V3", "score": vector}]
    Column("references", Json),  # [{"type": "FIX", "url": ...}]
    Column("credits", Json),
    Column("database_specific", Json),
    Column("digest", String(32), nullable=False),
    Column("raw", Json, nullable=False),
)

advisory_aliases = Table(
    "advisory_aliases",
    metadata,
    Column("advisory_id", Text, ForeignKey("advisories.id", ondelete="CASCADE"), primary_key=True),
    Column("alias", Text, primary_key=True),
    Column("relation", String(16), primary_key=True),  # alias | upstream | related
    Index(None, "alias"),
)

affected_packages = Table(
    "affected_packages",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "advisory_id",
        Text,
        ForeignKey("advisories.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("ecosystem", Text, nullable=False),  # as published, e.g. "Debian:12"
    Column("ecosystem_base", Text, nullable=False),  # "Debian"
    Column("name", Text, nullable=False),
    Column("normalized_name", Text, nullable=False),
    Column("purl", Text),
    Column("ranges", Json),  # [{"type": "ECOSYSTEM", "repo": ..., "events": [...]}]
    Column("versions", Json),
    Column("ecosystem_specific", Json),  # Go: {"imports": [{"path", "symbols"}]}
    Column("database_specific", Json),
    Index(None, "ecosystem_base", "normalized_name"),
)

cve_records = Table(
    "cve_records",
    metadata,
    Column("cve_id", Text, primary_key=True),
    Column("state", Text, nullable=False),
    Column("assigner", Text),
    Column("date_reserved", DateTime),
    Column("date_published", DateTime),
    Column("date_updated", DateTime, index=True),  # MAX() likewise
    Column("title", Text),
    Column("description", Text),  # English description from the CNA
    Column("descriptions", Json),
    Column("cwes", Json),  # ["CWE-79", ...] from CNA and ADP problem types
    Column("references", Json),
    Column("ssvc_exploitation", String(16)),  # CISA ADP: none | poc | active
    Column("ssvc_automatable", String(8)),  # yes | no
    Column("ssvc_technical_impact", String(16)),  # partial | total
    Column("ssvc_version", Text),
    Column("ssvc_timestamp", DateTime),
    Column("adp_kev_date_added", Text),
    Column("workarounds", Json),  # ["English text", ...] from the CNA, for the patch plan
    Column("solutions", Json),  # ["English text", ...]: the CNA's fix advice
    Column("digest", String(32), nullable=False),
)

cve_metrics = Table(
    "cve_metrics",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "cve_id",
        Text,
        ForeignKey("cve_records.cve_id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("provider", Text, nullable=False),  # "cna" or the ADP's short name
    Column("cvss_version", String(8), nullable=False),  # 2.0 | 3.0 | 3.1 | 4.0
    Column("vector", Text, nullable=False),
    Column("base_score", Float),
    Column("base_severity", String(16)),
    Column("parse_error", Text),  # set when the `cvss` library rejected the vector
)

cve_affected = Table(
    "cve_affected",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "cve_id",
        Text,
        ForeignKey("cve_records.cve_id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("provider", Text, nullable=False),
    Column("vendor", Text),
    Column("product", Text),
    Column("vendor_key", Text),  # core.packages.product_key of vendor, for matching
    Column("product_key", Text),
    Column("package_name", Text),
    Column("collection_url", Text),
    Column("cpes", Json),
    Column("versions", Json),  # [{"version", "lessThan", "lessThanOrEqual", "status", ...}]
    Column("default_status", Text),
    Column("platforms", Json),  # ["Windows"]: the product is affected only there
    Index(None, "vendor_key", "product_key"),
)

# The containers a stored CVE record is merged from (aicc.feeds.cve5.plan_merge): the CNA's
# ("cna") and each ADP's (by short name), with the date, origin and content hash that decide
# which copy wins, and what each says that the record row combines (CWEs, SSVC, KEV date).
cve_containers = Table(
    "cve_containers",
    metadata,
    Column(
        "cve_id",
        Text,
        ForeignKey("cve_records.cve_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("provider", Text, primary_key=True),
    Column("date_updated", DateTime),  # providerMetadata.dateUpdated
    Column("origin", String(16), nullable=False),  # cvelistV5 | vulnrichment | file
    Column("digest", String(32), nullable=False),  # of the container's canonical JSON
    Column("cwes", Json),
    Column("ssvc", Json),  # {"exploitation", "automatable", "technical_impact", ...}
)

# The last file of each origin merged into a CVE record: its digest makes a re-import of
# unchanged files, from either source, cost a hash and a set lookup.
cve_sources = Table(
    "cve_sources",
    metadata,
    Column(
        "cve_id",
        Text,
        ForeignKey("cve_records.cve_id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("origin", String(16), primary_key=True),
    Column("digest", String(32), nullable=False),
)

# Every vendor/product spelling of the CVE records, NVD and KEV, and which spellings name the
# same product (one ``family``): built by aicc.store.catalogue after each import.
catalogue_products = Table(
    "catalogue_products",
    metadata,
    Column("vendor_key", Text, primary_key=True),  # core.packages.product_key of the spelling
    Column("product_key", Text, primary_key=True),
    Column("vendor", Text, nullable=False),  # the most used spelling, for people
    Column("product", Text, nullable=False),
    Column("family", Integer, nullable=False, index=True),
    Column("cve_count", Integer, nullable=False),
    Column("sources", Json, nullable=False),  # ["cna", "CISA-ADP", "nvd", "kev"]
)

kev_entries = Table(
    "kev_entries",
    metadata,
    Column("cve_id", Text, primary_key=True),
    Column("vendor_project", Text),
    Column("product", Text),
    Column("vulnerability_name", Text),
    Column("date_added", String(10), nullable=False),
    Column("short_description", Text),
    Column("required_action", Text),
    Column("due_date", String(10)),
    Column("known_ransomware_campaign_use", Text),
    Column("notes", Text),
    Column("cwes", Json),
    Column("forensic_triage", Text),  # BOD 26-04 catalogues may carry it; kept as published
    Column("extra", Json),  # any field the schema added later, kept rather than lost
    Column("digest", String(32), nullable=False),
)

epss_scores = Table(
    "epss_scores",
    metadata,
    Column("cve_id", Text, primary_key=True),
    Column("epss", Float, nullable=False),
    Column("percentile", Float, nullable=False),
    Column("model_version", Text),
    Column("score_date", DateTime),
    Column("digest", String(32), nullable=False),
)

nvd_cves = Table(
    "nvd_cves",
    metadata,
    Column("cve_id", Text, primary_key=True),
    Column("source_identifier", Text),
    Column("vuln_status", Text),
    Column("published", DateTime),
    Column("last_modified", DateTime),
    Column("description", Text),
    Column("metrics", Json),
    Column("weaknesses", Json),
    Column("configurations", Json),
    Column("references", Json),
    Column("cisa_exploit_add", Text),
    Column("digest", String(32), nullable=False),
)

nvd_cpe_matches = Table(
    "nvd_cpe_matches",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "cve_id",
        Text,
        ForeignKey("nvd_cves.cve_id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("criteria", Text, nullable=False),
    Column("vendor", Text, nullable=False),
    Column("product", Text, nullable=False),
    Column("vendor_key", Text, nullable=False),  # core.packages.product_key, for matching
    Column("product_key", Text, nullable=False),
    Column("version", Text),  # the CPE's own version attribute when it is not * or -
    Column("vulnerable", Boolean, nullable=False),
    Column("version_start_including", Text),
    Column("version_start_excluding", Text),
    Column("version_end_including", Text),
    Column("version_end_excluding", Text),
    Index(None, "vendor_key", "product_key"),
)

# Vendors' CSAF 2.0 advisories (aicc.feeds.csaf): one row per document, keyed by the publisher's
# namespace and the document's tracking id; ``current_release_date`` decides which copy is newer.
csaf_documents = Table(
    "csaf_documents",
    metadata,
    Column("id", Text, primary_key=True),  # "<publisher namespace>/<tracking id>"
    Column("tracking_id", Text, nullable=False, index=True),
    Column("publisher", Text, nullable=False),
    Column("publisher_namespace", Text, nullable=False),
    Column("category", Text),  # csaf_security_advisory | csaf_vex | ...
    Column("title", Text),
    Column("current_release_date", DateTime, index=True),
    Column("status", Text),  # draft | interim | final
    Column("digest", String(32), nullable=False),
    Column("raw", Json, nullable=False),
)

# Per document, vulnerability and product (by vendor and product name): the product statuses as
# CVE JSON 5 ``versions`` entries, read by the appliance matcher like ``cve_affected``. A row of
# its own table because the CVE a CSAF document names need not be in ``cve_records``, and a
# vulnerability without one is known by the document's tracking id (``vuln_id``).
csaf_affected = Table(
    "csaf_affected",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "document_id",
        Text,
        ForeignKey("csaf_documents.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("vuln_id", Text, nullable=False),  # the CVE, else the document's tracking id
    Column("cve_id", Text),
    Column("provider", Text, nullable=False),  # "csaf:<publisher namespace>"
    Column("vendor", Text, nullable=False),
    Column("product", Text, nullable=False),
    Column("vendor_key", Text, nullable=False),  # core.packages.product_key, for matching
    Column("product_key", Text, nullable=False),
    Column("cpes", Json),
    Column("purls", Json),
    Column("versions", Json),  # [{"version", "lessThan", "lessThanOrEqual", "status", ...}]
    Column("default_status", Text),
    Column("fixed", Json),  # versions product_status lists as fixed / first_fixed
    Column("advisory_urls", Json),  # vendor_fix remediation URLs, then the document's own
    Column("remediations", Json),  # [{category, details}] of every remediation, as written
    Column("title", Text),
    Index(None, "vendor_key", "product_key"),
)

sync_state = Table(
    "sync_state",
    metadata,
    Column("source", String(32), primary_key=True),  # osv | kev | epss | cve | nvd
    Column("last_import_at", DateTime),
    Column("last_sync_at", DateTime),
    Column("location", Text),  # file or URL of the last import
    Column("cursor", Text),  # source-specific resume point (NVD lastModStartDate)
    Column("counts", Json),  # the last import's summary
    Column("details", Json),  # catalogue version, EPSS model and score date, ...
)

fetch_state = Table(
    "fetch_state",
    metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("fetched_at", DateTime),
)
