"""`aicc.pipeline.redecide`: findings matched before, rebuilt from their JSON
(`aicc.report.model.finding_from_dict`), are decided as the scan decided them, with the KEV
entries and EPSS scores the knowledge base has now, without matching again (the center re-decides
with it the findings a KEV or EPSS change names).

The knowledge base is the shipped sample with the EPSS fixture; the inventories are the appliance
CSV of the fixtures (appliance findings: identified products, vendor advisories) and a real
requirements file (package findings).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine

from aicc.pipeline import redecide, scan
from aicc.prioritize import load_profile
from aicc.report.model import finding_dict, finding_from_dict, record_dict
from aicc.store.importer import import_path

DAY = date(2026, 12, 1)


@pytest.fixture
def store_url(sample_store_url: str) -> str:
    return sample_store_url


def test_a_rebuilt_finding_is_decided_as_the_scan_decided_it(
    engine: Engine, fixtures: Path, tmp_path: Path
) -> None:
    import_path(engine, fixtures / "epss.sample.csv")
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("flask==2.2.2\njinja2==2.11.2\nrequests==2.25.0\n")
    paths = [fixtures / "inventory" / "appliances" / "appliances.csv", requirements]
    profile = load_profile("hospital")
    scanned = scan(engine, paths, profile=profile, as_of=DAY)
    findings = [r.finding for r in scanned.records]
    assert any(f.component.ecosystem for f in findings) and any(f.identified for f in findings)
    assert any(f.kev for f in findings) and any(f.epss for f in findings)

    rebuilt = [finding_from_dict(finding_dict(f), f.component) for f in findings]
    for finding in rebuilt:  # as a stored record may hold them: what the knowledge base had
        finding.kev, finding.epss = None, None
    stale = next(f for f in rebuilt if not f.component.ecosystem and f.cve_ids)
    stale.kev = {"cve_id": stale.cve_ids[0], "date_added": "2026-11-01"}  # a listing since gone
    again = redecide(engine, rebuilt, profile=profile, as_of=DAY)

    assert [record_dict(r) for r in again] == [record_dict(r) for r in scanned.records]
    assert [r.risk for r in again] == [r.risk for r in scanned.records]
