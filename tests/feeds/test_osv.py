"""OSV loading: real records, the fields the store keeps, and named bad inputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aicc.core.errors import FeedError
from aicc.core.problems import Problem
from aicc.feeds import osv
from aicc.feeds.records import Record, Unchanged
from aicc.feeds.sample import SAMPLE


def _items(path: Path, known: frozenset[str] = frozenset()) -> list[object]:
    return list(osv.load(path, known).items)


def test_go_record_keeps_symbols_ranges_and_aliases() -> None:
    [record] = _items(SAMPLE / "osv" / "GO-2022-0969.json")
    assert isinstance(record, Record)
    assert record.key == "GO-2022-0969"
    assert {a["alias"] for a in record.children["advisory_aliases"]} == {
        "CVE-2022-27664",
        "GHSA-69cg-p879-7622",
    }
    stdlib, xnet = record.children["affected_packages"]
    assert (stdlib["ecosystem"], stdlib["name"], stdlib["purl"]) == (
        "Go",
        "stdlib",
        "pkg:golang/stdlib",
    )
    assert xnet["purl"] == "pkg:golang/golang.org/x/net"
    assert stdlib["ranges"][0]["events"] == [
        {"introduced": "0"},
        {"fixed": "1.18.6"},
        {"introduced": "1.19.0-0"},
        {"fixed": "1.19.1"},
    ]
    assert "Server.ServeTLS" in stdlib["ecosystem_specific"]["imports"][0]["symbols"]
    assert record.row["database_specific"]["review_status"] == "REVIEWED"
    assert record.row["raw"]["id"] == "GO-2022-0969"


def test_pypi_names_are_normalised_per_pep_503(tmp_path: Path) -> None:
    data = json.loads((SAMPLE / "osv" / "PYSEC-2023-74.json").read_text())
    data["affected"][0]["package"]["name"] = "Foo.Bar_baz"
    data["affected"][0]["package"].pop("purl", None)
    (tmp_path / "r.json").write_text(json.dumps(data))
    [record] = _items(tmp_path / "r.json")
    assert isinstance(record, Record)
    package = record.children["affected_packages"][0]
    assert package["normalized_name"] == "foo-bar-baz"
    assert package["purl"] == "pkg:pypi/foo-bar-baz"


def test_yaml_records_and_withdrawn(tmp_path: Path) -> None:
    (tmp_path / "adv.yaml").write_text(
        "id: GHSA-xxxx-yyyy-zzzz\nmodified: 2024-01-02T03:04:05Z\n"
        "withdrawn: 2024-02-01T00:00:00Z\naliases: [CVE-2024-0001]\naffected:\n"
        "  - package: {ecosystem: 'Debian:12', name: openssl}\n"
        "    ranges: [{type: ECOSYSTEM, events: [{introduced: '0'}, {fixed: 3.0.11-1}]}]\n"
    )
    [record] = _items(tmp_path)
    assert isinstance(record, Record)
    assert record.row["withdrawn"].isoformat() == "2024-02-01T00:00:00"
    package = record.children["affected_packages"][0]
    assert (package["ecosystem"], package["ecosystem_base"]) == ("Debian:12", "Debian")
    assert package["purl"] == "pkg:deb/debian/openssl"


@pytest.mark.parametrize(
    ("name", "location", "problem"),
    [
        ("osv.missing-modified.json", "osv.missing-modified.json", "modified: required field"),
        ("osv.bad-event.json", "osv.bad-event.json", "affected[0].ranges[0].events[1]: an event"),
        ("osv.not-json.json", "osv.not-json.json", "not valid JSON"),
    ],
)
def test_bad_records_are_skipped_with_their_json_path(
    fixtures: Path, name: str, location: str, problem: str
) -> None:
    [item] = _items(fixtures / name)
    assert isinstance(item, Problem)
    assert item.location == location
    assert item.reason.startswith(problem), item.reason


def test_a_bad_member_does_not_hide_the_rest(fixtures: Path, tmp_path: Path) -> None:
    for name in ("PYSEC-2023-74.json", "GO-2022-0969.json"):
        (tmp_path / name).write_bytes((SAMPLE / "osv" / name).read_bytes())
    (tmp_path / "broken.json").write_bytes((fixtures / "osv.bad-event.json").read_bytes())
    items = _items(tmp_path)
    assert sorted(i.key for i in items if isinstance(i, Record)) == [
        "GO-2022-0969",
        "PYSEC-2023-74",
    ]
    assert [i.location for i in items if isinstance(i, Problem)] == ["broken.json"]


def test_zip_members_and_known_digests_are_not_parsed(fixtures: Path) -> None:
    first = _items(fixtures / "osv.all.zip")
    assert len(first) == 3 and all(isinstance(i, Record) for i in first)
    known = frozenset(i.digest for i in first if isinstance(i, Record))
    assert all(isinstance(i, Unchanged) for i in _items(fixtures / "osv.all.zip", known))


def test_truncated_zip_is_a_clear_error(fixtures: Path) -> None:
    with pytest.raises(FeedError, match="not a valid zip archive") as caught:
        _items(fixtures / "osv.truncated.zip")
    assert caught.value.path is not None and caught.value.path.endswith("osv.truncated.zip")
