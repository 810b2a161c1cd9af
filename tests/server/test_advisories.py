"""The center's own CSAF advisories over a real server, on SQLite and PostgreSQL: analysts write,
publish and revise them; they reach the organisations whose inventories list an affected
product, and only those (TLP honoured); the public ones are served as a CSAF provider that
AICC's own CSAF reader reads back."""

from __future__ import annotations

import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from aicc.center.advisories.checks import mandatory_tests
from aicc.center.advisories.schema import schema_errors
from aicc.cli.main import app as cli_app
from aicc.feeds.csaf import load
from tests.server.conftest import Center, upload

CSV_HEADER = "name,vendor,product,version,exposure\n"


def _devices(tmp_path: Path, vendor: str, version: str) -> Path:
    """An appliance list with one infusion-pump hub of ``vendor`` at ``version``."""
    path = tmp_path / f"devices-{uuid.uuid4().hex[:6]}.csv"
    path.write_text(CSV_HEADER + f"Ward pumps,{vendor},InfusionHub,{version},small\n")
    return path


def _organisation_with(center: Center, tmp_path: Path, vendor: str, version: str) -> str:
    """A new hospital whose devices list the hub at ``version``; its token."""
    _, _, token = center.organisation("hospital")
    with center.client(token) as client:
        made = upload(client, _devices(tmp_path, vendor, version), asset="ward", name="devices.csv")
        assert made.status_code == 201, made.text
    return token


def _form(
    vendor: str, *, tlp: str = "AMBER", affected: str = "<3.5.0", **extra: Any
) -> dict[str, Any]:
    return {
        "title": f"{vendor} InfusionHub: authentication bypass",
        "tlp": tlp,
        "cves": ["CVE-2026-10001"],
        "products": [
            {"vendor": vendor, "product": "InfusionHub", "affected": affected, "fixed": "3.5.0"}
        ],
        "summary": "An unauthenticated user on the network can change pump settings.",
        "mitigation": "Keep the hub on an isolated clinical network.",
        "cvss_v3": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
        **extra,
    }


def _valid(document: dict[str, Any]) -> None:
    assert schema_errors(document) == []
    assert mandatory_tests(document) == []


def test_an_analyst_writes_publishes_and_revises_an_advisory(
    center: Center, tmp_path: Path
) -> None:
    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    affected = _organisation_with(center, tmp_path, vendor, "3.2.1")
    later = _organisation_with(center, tmp_path, vendor, "4.0.2")  # fixed... until revision 2
    with center.client(center.center_token("analyst")) as analyst:
        made = analyst.post("/api/advisories", json=_form(vendor))
        assert made.status_code == 201, made.text
        advisory = made.json()
        assert advisory["status"] == "draft" and advisory["version"] == 1
        draft = analyst.get(f"/api/advisories/{advisory['id']}/csaf").json()
        _valid(draft)
        assert draft["document"]["tracking"]["status"] == "draft"
        assert draft["document"]["distribution"]["tlp"]["label"] == "AMBER"
        with center.client(affected) as hospital:  # a draft reaches nobody
            assert hospital.get(f"/api/advisories/{advisory['id']}").status_code == 404
            assert advisory["id"] not in {a["id"] for a in hospital.get("/api/advisories").json()}

        published = analyst.post(f"/api/advisories/{advisory['id']}/publish")
        assert published.status_code == 200, published.text
        assert published.json()["audience"]["organizations"] == 1
        assert published.json()["undecided"] == []
        again = analyst.post(f"/api/advisories/{advisory['id']}/publish")
        assert again.status_code == 422 and "published already" in again.json()["detail"]

        with center.client(affected) as hospital:
            listed = hospital.get("/api/advisories", params={"concerning": True}).json()
            mine = next(a for a in listed if a["id"] == advisory["id"])
            assert mine["concerns_you"] is True
            assert mine["matched"][0]["asset"] == "ward"
            assert mine["matched"][0]["version"] == "3.2.1"
            document = hospital.get(f"/api/advisories/{advisory['id']}/csaf").json()
            _valid(document)
            assert document["document"]["tracking"]["status"] == "final"
        with center.client(later) as other:  # TLP:AMBER, not in the audience: nothing
            assert other.get(f"/api/advisories/{advisory['id']}").status_code == 404
            assert vendor not in other.get("/api/advisories").text

        unsaid = analyst.put(
            f"/api/advisories/{advisory['id']}", json=_form(vendor, affected="<4.1.0")
        )
        assert unsaid.status_code == 422 and "revision_summary" in unsaid.json()["detail"]
        revised = analyst.put(
            f"/api/advisories/{advisory['id']}",
            json=_form(vendor, affected="<4.1.0", revision_summary="The 4.0 line is affected too."),
        )
        assert revised.status_code == 200, revised.text
        assert revised.json()["version"] == 2
        assert revised.json()["audience"] == {
            "organizations": 2,
            "new": 1,
            "components_checked": revised.json()["audience"]["components_checked"],
        }
        document = analyst.get(f"/api/advisories/{advisory['id']}/csaf").json()
        _valid(document)
        tracking = document["document"]["tracking"]
        assert tracking["version"] == "2"
        assert [r["number"] for r in tracking["revision_history"]] == ["1", "2"]
        assert tracking["revision_history"][1]["summary"] == "The 4.0 line is affected too."
        with center.client(later) as other:
            assert other.get(f"/api/advisories/{advisory['id']}").json()["concerns_you"] is True

        audit = analyst.get(f"/api/advisories/{advisory['id']}/audit").json()["events"]
        assert [(e["action"], e["version"], e["audience"]) for e in audit] == [
            ("created", 1, None),
            ("published", 1, 1),
            ("revised", 2, 2),
        ]
        assert all(e["actor"].startswith("CISA analyst (token tok_") for e in audit)
        served = analyst.get(f"/api/advisories/{advisory['id']}/csaf").content
        assert audit[-1]["sha256"] == hashlib.sha256(served).hexdigest()
        detail = analyst.get(f"/api/advisories/{advisory['id']}").json()
        assert len(detail["audience"]) == 2


def test_only_the_centers_analysts_and_admins_write(center: Center, tmp_path: Path) -> None:
    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    _, _, organisation = center.organisation()
    for token in (center.center_token("read-only"), organisation):
        with center.client(token) as client:
            refused = client.post("/api/advisories", json=_form(vendor))
            assert refused.status_code == 403, refused.text
    with center.client(center.center_token("admin", agency="NSA")) as admin:
        assert admin.post("/api/advisories", json=_form(vendor)).status_code == 201


def test_bad_input_names_the_field_and_stores_nothing(center: Center) -> None:
    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    with center.client(center.center_token("analyst")) as analyst:
        before = len(analyst.get("/api/advisories").json())
        cases: list[tuple[dict[str, Any], str]] = [
            ({"cves": ["CVE-26-1"]}, "cves.0"),
            ({"tlp": "WHITE"}, "tlp"),
            ({"products": []}, "products"),
            ({"products": [{"vendor": vendor, "affected": "1.0"}]}, "products.0"),
            ({"products": [{"vendor": vendor, "product": "Hub", "affected": ">4.2"}]}, "affected"),
            ({"products": [{"cpe": "not a cpe", "affected": "1.0"}]}, "cpe"),
            ({"cvss_v3": "AV:N/AC:L"}, "cvss_v3"),
            ({"fix_url": "javascript:alert(1)", "products": _form(vendor)["products"]}, "fix_url"),
        ]
        for change, place in cases:
            answer = analyst.post("/api/advisories", json={**_form(vendor), **change})
            assert answer.status_code == 422, (change, answer.text)
            assert place in answer.text, (change, answer.text)
        assert len(analyst.get("/api/advisories").json()) == before


def _fetch(url: str) -> httpx.Response:
    answer = httpx.get(url, timeout=30)  # no token: the provider is public
    assert answer.status_code == 200, (url, answer.text)
    return answer


def test_the_center_is_a_csaf_provider_of_its_tlp_clear_advisories(
    center: Center, tmp_path: Path
) -> None:
    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    outsider = _organisation_with(center, tmp_path, "Nobody Else", "1.0")
    ids = {}
    with center.client(center.center_token("analyst")) as analyst:
        for tlp in ("CLEAR", "AMBER", "GREEN"):
            made = analyst.post("/api/advisories", json=_form(vendor, tlp=tlp)).json()
            assert analyst.post(f"/api/advisories/{made['id']}/publish").status_code == 200
            ids[tlp] = made
        draft = analyst.post("/api/advisories", json=_form(vendor, tlp="CLEAR")).json()

    metadata = _fetch(f"{center.url}/.well-known/csaf/provider-metadata.json").json()
    assert metadata["role"] == "csaf_provider" and metadata["metadata_version"] == "2.0"
    assert metadata["canonical_url"] == f"{center.url}/.well-known/csaf/provider-metadata.json"
    (feed_ref,) = metadata["distributions"][0]["rolie"]["feeds"]
    assert feed_ref["tlp_label"] == "WHITE"
    feed = _fetch(feed_ref["url"]).json()["feed"]
    entries = {e["id"]: e for e in feed["entry"]}
    assert ids["CLEAR"]["tracking_id"] in entries
    for hidden in (ids["AMBER"], ids["GREEN"], draft):
        assert hidden["tracking_id"] not in entries
    entry = entries[ids["CLEAR"]["tracking_id"]]
    url = entry["content"]["src"]
    assert url.endswith(f"/white/{url.split('/')[-2]}/{ids['CLEAR']['tracking_id'].lower()}.json")
    content = _fetch(url).content
    hashed = next(link["href"] for link in entry["link"] if link["rel"] == "hash")
    digest, name = _fetch(hashed).text.split()
    assert digest == hashlib.sha256(content).hexdigest() and name == url.rsplit("/", 1)[1]
    # the others' URLs, made the same way, are not served
    amber = url.replace(ids["CLEAR"]["tracking_id"].lower(), ids["AMBER"]["tracking_id"].lower())
    assert httpx.get(amber).status_code == 404
    assert vendor not in httpx.get(amber).text

    # TLP:CLEAR is public: an organisation it does not concern reads it; AMBER it does not
    with center.client(outsider) as other:
        listed = {a["id"]: a for a in other.get("/api/advisories").json()}
        assert listed[ids["CLEAR"]["id"]]["concerns_you"] is False
        assert ids["AMBER"]["id"] not in listed and ids["GREEN"]["id"] not in listed
        assert other.get(f"/api/advisories/{ids['CLEAR']['id']}/csaf").status_code == 200

    # AICC's own CSAF reader reads the published documents back, into a store of its own
    folder = tmp_path / "mirror"
    folder.mkdir()
    (folder / name).write_bytes(content)
    loaded = load(folder)
    records = list(loaded.items)
    assert [r.key for r in records] == [  # type: ignore[union-attr]
        f"{metadata['publisher']['namespace']}/{ids['CLEAR']['tracking_id']}"
    ]
    home = tmp_path / "kb"
    env = {"AICC_HOME": str(home), "AICC_DATABASE_URL": f"sqlite:///{home / 'aicc.db'}"}
    imported = CliRunner().invoke(cli_app, ["db", "import", str(folder)], env=env)
    assert imported.exit_code == 0, imported.stderr
    # and a scan against that knowledge base finds the advisory's vulnerability in a device
    devices = _devices(tmp_path, vendor, "3.2.1")
    scanned = CliRunner().invoke(cli_app, ["scan", str(devices), "-f", "json"], env=env)
    assert scanned.exit_code == 0, scanned.stderr
    found = json.loads(scanned.stdout)["findings"]
    assert [(f["id"], f["component"]["version"]) for f in found] == [("CVE-2026-10001", "3.2.1")]


def _routes(advisory_id: str, body: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    """Every advisory route, pointed at one advisory: (method, path, request)."""
    one = f"/api/advisories/{advisory_id}"
    return [
        ("GET", one, {}),
        ("GET", f"{one}/csaf", {}),
        ("GET", f"{one}/audit", {}),
        ("PUT", one, {"json": body}),
        ("POST", f"{one}/publish", {}),
        ("POST", f"{one}/audience", {}),
    ]


NOTHING = "adv_00000000000000000000"


@pytest.mark.parametrize("tlp", ["GREEN", "AMBER", "RED"])
def test_an_organisation_outside_the_audience_learns_nothing(
    center: Center, tmp_path: Path, tlp: str
) -> None:
    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    insider = _organisation_with(center, tmp_path, vendor, "3.0")
    outsider = _organisation_with(center, tmp_path, "Acme Other", "3.0")
    form = _form(vendor, tlp=tlp, revision_summary="again")
    with center.client(center.center_token("analyst")) as analyst:
        made = analyst.post("/api/advisories", json=form).json()
        assert analyst.post(f"/api/advisories/{made['id']}/publish").status_code == 200
    with center.client(insider) as client:  # its audience reads it
        assert client.get(f"/api/advisories/{made['id']}").status_code == 200
    with center.client(outsider) as client:
        for (method, path, request), (_, void, _) in zip(
            _routes(made["id"], form), _routes(NOTHING, form), strict=True
        ):
            answer = client.request(method, path, **request)
            nothing = client.request(method, void, **request)
            assert answer.status_code in (403, 404), (method, path, answer.text)
            assert answer.status_code == nothing.status_code, (method, path)
            assert answer.json()["detail"].replace(made["id"], "ID") == nothing.json()[
                "detail"
            ].replace(NOTHING, "ID")
            assert vendor not in answer.text and made["tracking_id"] not in answer.text
        listed = client.get("/api/advisories").text
        assert made["id"] not in listed and vendor not in listed
        assert (
            made["tracking_id"]
            not in httpx.get(f"{center.url}/.well-known/csaf/feed-tlp-white.json").text
        )


def test_no_token_or_a_bad_one_gets_nothing_but_the_provider_is_public(center: Center) -> None:
    routes = [
        *_routes(NOTHING, _form("Acme")),
        ("GET", "/api/advisories", {}),
        ("POST", "/api/advisories", {"json": _form("Acme")}),
    ]
    for headers in ({}, {"Authorization": "Bearer aicc_not-a-token"}):
        with httpx.Client(base_url=center.url, headers=headers) as client:
            for method, path, request in routes:
                answer = client.request(method, path, **request)
                assert answer.status_code == 401, (headers, method, path, answer.text)
            for path in ("provider-metadata.json", "feed-tlp-white.json"):
                assert client.get(f"/.well-known/csaf/{path}").status_code == 200


def test_a_center_caller_limited_to_a_sector_sees_only_its_organisations_reached(
    center: Center, tmp_path: Path
) -> None:
    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    _organisation_with(center, tmp_path, vendor, "3.0")  # a hospital
    _, bank, bank_token = center.organisation("bank")
    with center.client(bank_token) as client:
        made = upload(client, _devices(tmp_path, vendor, "3.1"), asset="branch", name="d.csv")
        assert made.status_code == 201, made.text
    limited = center.admin_json(
        "token", "create", "--center", "CISA", "--role", "analyst", "--sector", "hospital"
    )["token"]
    with center.client(limited) as analyst:
        made = analyst.post("/api/advisories", json=_form(vendor)).json()
        published = analyst.post(f"/api/advisories/{made['id']}/publish").json()
        assert published["audience"]["organizations"] == 1  # of its own sector
        detail = analyst.get(f"/api/advisories/{made['id']}").json()
        assert [o["name"] for o in detail["audience"]] != [] and bank not in str(detail)
        listed = analyst.get("/api/advisories").json()
        assert next(a for a in listed if a["id"] == made["id"])["audience"] == 1
    with center.client(center.center_token("analyst")) as everyone:
        detail = everyone.get(f"/api/advisories/{made['id']}").json()
        assert bank in {o["name"] for o in detail["audience"]} and len(detail["audience"]) == 2
        audit = everyone.get(f"/api/advisories/{made['id']}/audit").json()["events"]
        assert audit[-1]["audience"] == 2


def test_aicc_syncs_the_centers_own_provider_feed(center: Center, tmp_path: Path) -> None:
    """`aicc db sync csaf` of the center's provider: metadata, ROLIE feed, documents and their
    hashes, as another AICC (or any CSAF tool) reads them."""
    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    with center.client(center.center_token("analyst")) as analyst:
        made = analyst.post("/api/advisories", json=_form(vendor, tlp="CLEAR")).json()
        assert analyst.post(f"/api/advisories/{made['id']}/publish").status_code == 200
        hidden = analyst.post("/api/advisories", json=_form(vendor, tlp="AMBER")).json()
        assert analyst.post(f"/api/advisories/{hidden['id']}/publish").status_code == 200
    home = tmp_path / "mirror"
    env = {
        "AICC_HOME": str(home),
        "AICC_DATABASE_URL": f"sqlite:///{home / 'aicc.db'}",
        "AICC_CSAF_PROVIDERS": f"{center.url}/.well-known/csaf/provider-metadata.json",
    }
    synced = CliRunner().invoke(cli_app, ["db", "sync", "csaf", "-f", "json"], env=env)
    assert synced.exit_code == 0, synced.stderr
    (result,) = json.loads(synced.stdout)["syncs"]
    assert result["import"]["skipped_records"] == []  # every hash checked and matched
    scanned = CliRunner().invoke(
        cli_app, ["scan", str(_devices(tmp_path, vendor, "3.2.1")), "-f", "json"], env=env
    )
    assert scanned.exit_code == 0, scanned.stderr
    assert [f["id"] for f in json.loads(scanned.stdout)["findings"]] == ["CVE-2026-10001"]
    fetched = [path.name for path in (home / "cache").rglob("*.json")]
    assert f"{made['tracking_id'].lower()}.json" in fetched
    assert f"{hidden['tracking_id'].lower()}.json" not in fetched  # TLP:AMBER never served


def test_publishing_and_revising_notify_the_organisations_reached(
    center: Center, tmp_path: Path
) -> None:
    from sqlalchemy import create_engine, select

    from aicc.store.notification_tables import notification_events

    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    _organisation_with(center, tmp_path, vendor, "3.0")
    _organisation_with(center, tmp_path, vendor, "4.0")  # reached by the revision only
    with center.client(center.center_token("analyst")) as analyst:
        made = analyst.post("/api/advisories", json=_form(vendor)).json()
        analyst.post(f"/api/advisories/{made['id']}/publish")
        revised = _form(vendor, affected="<4.1.0", revision_summary="4.0 too")
        assert analyst.put(f"/api/advisories/{made['id']}", json=revised).status_code == 200
    store = create_engine(center.env["AICC_DATABASE_URL"])
    try:
        with store.connect() as conn:
            rows = conn.execute(
                select(notification_events.c.payload).where(
                    notification_events.c.kind == "advisory_published"
                )
            ).scalars()
            titles = [p["title"] for p in rows if p["advisory_id"] == made["id"]]
    finally:
        store.dispose()
    title = _form(vendor)["title"]
    assert sorted(titles) == sorted([title, f"{title} (v2)", f"{title} (v2)"])


def test_a_public_advisory_joins_the_knowledge_base_and_an_amber_one_does_not(
    center: Center, tmp_path: Path
) -> None:
    suffix = uuid.uuid4().hex[:8]
    products = {"CLEAR": f"Infusion{suffix}", "AMBER": f"Dialysis{suffix}"}  # unlike names
    with center.client(center.center_token("analyst")) as analyst:
        for tlp, product in products.items():
            form = _form(f"Acme {suffix}", tlp=tlp)
            form["products"][0]["product"] = product
            made = analyst.post("/api/advisories", json=form).json()
            done = analyst.post(f"/api/advisories/{made['id']}/publish").json()
            if tlp == "CLEAR":
                assert done["knowledge_base"]["imported"] is True
                assert done["knowledge_base"]["added"] == 1
            else:
                assert done.get("knowledge_base") is None
    _, _, token = center.organisation("hospital")
    devices = tmp_path / "devices.csv"
    devices.write_text(
        CSV_HEADER + "".join(f"{p},Acme {suffix},{p},3.2.1,small\n" for p in products.values())
    )
    with center.client(token) as client:  # uploaded after: its scan finds the public one only
        made = upload(client, devices, asset="ward", name="devices.csv")
        assert made.status_code == 201, made.text
        found = client.get("/api/findings", params={"limit": 500}).json()["items"]
    assert [(f["vulnerability"], f["component"]["name"]) for f in found] == [
        ("CVE-2026-10001", products["CLEAR"])
    ]


def test_packages_are_matched_by_purl_and_an_unplaceable_version_is_named(
    center: Center, tmp_path: Path
) -> None:
    package = f"pump-driver-{uuid.uuid4().hex[:8]}"
    _, _, lab = center.organisation("hospital")
    _, _, other = center.organisation("hospital")
    with center.client(lab) as client:
        lock = tmp_path / "requirements.txt"
        lock.write_text(f"{package.replace('-', '_')}==1.5.0\nrequests==2.31.0\n")
        assert upload(client, lock, asset="lab").status_code == 201
    with center.client(other) as client:
        lock = tmp_path / "requirements.txt"
        lock.write_text(f"{package}==2.1.0\n")  # fixed: not reached
        assert upload(client, lock, asset="lab").status_code == 201
    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    _organisation_with(center, tmp_path, vendor, "build-seven")
    form = _form(vendor)
    form["products"] = [
        {"purl": f"pkg:pypi/{package}", "affected": "vers:pypi/>=1.0|<2.0", "fixed": "2.0"},
        {"vendor": vendor, "product": "InfusionHub", "affected": "<3.5.0"},
    ]
    with center.client(center.center_token("analyst")) as analyst:
        made = analyst.post("/api/advisories", json=form)
        assert made.status_code == 201, made.text
        done = analyst.post(f"/api/advisories/{made.json()['id']}/publish").json()
        assert done["audience"]["organizations"] == 1
        (undecided,) = done["undecided"]
        assert undecided["version"] == "build-seven" and undecided["asset"] == "ward"
        assert undecided["reason"]
    with center.client(lab) as client:
        mine = client.get(f"/api/advisories/{made.json()['id']}").json()
        assert [m["version"] for m in mine["matched"]] == ["1.5.0"]


def test_the_openapi_document_describes_the_advisory_routes(center: Center) -> None:
    document = httpx.get(f"{center.url}/openapi.json").json()
    assert set(document["paths"]) >= {
        "/api/advisories",
        "/api/advisories/{advisory_id}",
        "/api/advisories/{advisory_id}/publish",
        "/api/advisories/{advisory_id}/csaf",
        "/api/advisories/{advisory_id}/audit",
        "/.well-known/csaf/provider-metadata.json",
        "/.well-known/csaf/feed-tlp-white.json",
    }
    form = document["components"]["schemas"]["AdvisoryForm"]
    assert {"title", "tlp", "cves", "products", "summary"} <= set(form["required"])


def test_an_upload_since_is_reached_at_once_and_matching_again_adds_nobody(
    center: Center, tmp_path: Path
) -> None:
    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    _organisation_with(center, tmp_path, vendor, "3.0")
    with center.client(center.center_token("analyst")) as analyst:
        made = analyst.post("/api/advisories", json=_form(vendor)).json()
        early = analyst.post(f"/api/advisories/{made['id']}/audience")
        assert early.status_code == 422 and "draft" in early.json()["detail"]
        analyst.post(f"/api/advisories/{made['id']}/publish")
        late = _organisation_with(center, tmp_path, vendor, "3.4")  # uploads after: reached
        with center.client(late) as client:
            assert client.get(f"/api/advisories/{made['id']}").status_code == 200
        again = analyst.post(f"/api/advisories/{made['id']}/audience")
        assert again.status_code == 200, again.text
        assert again.json()["audience"] == {
            "organizations": 2,
            "new": 0,
            "components_checked": again.json()["audience"]["components_checked"],
        }
        assert again.json()["version"] == 1  # the document did not change
        audit = analyst.get(f"/api/advisories/{made['id']}/audit").json()["events"]
        assert [e["action"] for e in audit] == ["created", "published", "reached", "rematched"]
        assert audit[-1]["sha256"] == audit[-2]["sha256"] == audit[-3]["sha256"]
    with center.client(late) as client:
        assert client.get(f"/api/advisories/{made['id']}").json()["concerns_you"] is True
    with center.client(_organisation_with(center, tmp_path, vendor, "3.1")) as client:
        assert client.post(f"/api/advisories/{made['id']}/audience").status_code == 403
    # the upload's answer names the advisories it reached, and only those
    for version, reached in (("3.3", [made["id"]]), ("4.0", [])):
        _, _, token = center.organisation("hospital")
        with center.client(token) as client:
            done = upload(client, _devices(tmp_path, vendor, version), asset="icu")
            assert done.status_code == 201, done.text
            assert [a["advisory"] for a in done.json()["advisories"]] == reached
            assert done.json()["advisories_undecided"] == []
