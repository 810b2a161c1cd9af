"""KEV catalogue, EPSS daily CSV and NVD CVE API 2.0 pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from aicc.core.errors import FeedError
from aicc.core.problems import Problem
from aicc.feeds import epss, kev, nvd
from aicc.feeds.records import Record
from aicc.feeds.sample import SAMPLE

KEV = SAMPLE / "known_exploited_vulnerabilities.json"


def test_kev_keeps_every_schema_field() -> None:
    loaded = kev.load(KEV)
    records = {r.key: r for r in loaded.items if isinstance(r, Record)}
    row = records["CVE-2024-3400"].row
    assert row["vendor_project"] == "Palo Alto Networks"
    assert row["date_added"] == "2024-04-12" and row["due_date"] == "2024-04-19"
    assert row["known_ransomware_campaign_use"] in {"Known", "Unknown"}
    assert row["cwes"] == ["CWE-20", "CWE-77"]
    assert loaded.details["catalog_version"] == "2025.08.25"
    assert loaded.snapshot


def test_kev_forensic_triage_and_unknown_fields_are_kept(tmp_path: Path) -> None:
    text = KEV.read_text().replace(
        '"cveID": "CVE-2024-3400",',
        '"cveID": "CVE-2024-3400", "forensicTriage": "Yes", "newField": 7,',
        1,
    )
    (tmp_path / "kev.json").write_text(text)
    records = {r.key: r for r in kev.load(tmp_path / "kev.json").items if isinstance(r, Record)}
    assert records["CVE-2024-3400"].row["forensic_triage"] == "Yes"
    assert records["CVE-2024-3400"].row["extra"] == {"newField": 7}


def test_kev_bad_entry_is_skipped_and_named(fixtures: Path) -> None:
    items = list(kev.load(fixtures / "kev.bad-entry.json").items)
    assert [type(i).__name__ for i in items] == ["Record", "Problem", "Record"]
    skipped = items[1]
    assert isinstance(skipped, Problem)
    assert skipped.location == "vulnerabilities[1]"
    assert "dueDate: required field is missing" in skipped.reason


def test_kev_without_vulnerabilities_is_a_file_error(fixtures: Path) -> None:
    with pytest.raises(FeedError, match="vulnerabilities: required field is missing"):
        kev.load(fixtures / "kev.missing-vulnerabilities.json")


@pytest.mark.parametrize("name", ["epss.sample.csv", "epss.sample.csv.gz"])
def test_epss_plain_and_gzip(fixtures: Path, name: str) -> None:
    loaded = epss.load(fixtures / name)
    rows = {r.key: r.row for r in loaded.items if isinstance(r, Record)}
    assert rows["CVE-2024-3400"]["epss"] == pytest.approx(0.94335)
    assert rows["CVE-2024-3400"]["percentile"] == pytest.approx(0.99963)
    assert loaded.details == {"model_version": "v2025.03.14", "score_date": "2025-08-25T12:55:00Z"}


def test_epss_bad_rows_are_skipped_with_line_numbers(fixtures: Path) -> None:
    items = list(epss.load(fixtures / "epss.bad-row.csv").items)
    skipped = [i for i in items if isinstance(i, Problem)]
    assert [s.location for s in skipped] == ["line 6", "line 7"]
    assert sum(isinstance(i, Record) for i in items) == 3


def test_epss_without_header_is_a_file_error(fixtures: Path) -> None:
    with pytest.raises(FeedError, match="expected the header 'cve,epss,percentile'") as caught:
        epss.load(fixtures / "epss.no-header.csv")
    assert caught.value.location == "line 2"


def test_nvd_page_cpe_matches(fixtures: Path) -> None:
    records = {
        r.key: r for r in nvd.load(fixtures / "nvd.page.json").items if isinstance(r, Record)
    }
    log4j = records["CVE-2021-44228"]
    assert log4j.row["cisa_exploit_add"] == "2021-12-10"
    matches = log4j.children["nvd_cpe_matches"]
    assert [
        (m["vendor"], m["product"], m["version_start_including"], m["version_end_excluding"])
        for m in matches
    ] == [("apache", "log4j", "2.0.1", "2.3.1"), ("apache", "log4j", "2.13.0", "2.15.0")]
    assert records["CVE-2024-3400"].row["last_modified"].isoformat() == (
        "2024-12-20T16:43:50.607000"
    )


def test_nvd_bad_cpe_is_skipped_others_kept(fixtures: Path) -> None:
    items = list(nvd.load(fixtures / "nvd.bad-cpe.json").items)
    assert isinstance(items[0], Record)
    assert isinstance(items[1], Problem)
    assert items[1].location == "vulnerabilities[1]"
    assert "configurations[0].nodes[0].cpeMatch[0].criteria" in items[1].reason


def test_nvd_exact_versions_keep_the_update_field(fixtures: Path) -> None:
    records = {
        r.key: r for r in nvd.load(fixtures / "nvd.page.json").items if isinstance(r, Record)
    }
    matches = records["CVE-2024-3400"].children["nvd_cpe_matches"]
    assert [(m["product_key"], m["version"]) for m in matches] == [
        ("panos", None),
        ("panos", "11.1.2-h1"),
    ]
