"""The upload page over HTTP, as a browser speaks to it, against a real server on SQLite and
PostgreSQL: the asset's settings (kind, exposure, class, safety-critical) are kept and decide the
findings as the API's do; a broken file or a bad setting is named and stores nothing; the home
page lists the rows no product was found for."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from tests.server.conftest import Center, upload
from tests.server.test_api import APPLIANCES, TRUNCATED_SBOM, _all_findings
from tests.server.test_pages import SBOM, csrf_of, log_in, user

# the API's spelling of the settings the page's test chooses
SAFETY = {"kind": "host", "exposure": "open", "asset_class": "clinical", "safety_critical": "true"}


def _upload(
    client: httpx.Client, *, path: Path = SBOM, asset: str = "patient-portal", **form: str
) -> httpx.Response:
    """POST /upload (the page's form) with the file at ``path`` and the form's fields."""
    csrf = csrf_of(client.get("/upload").text)
    files = {"file": (path.name, path.read_bytes(), "application/octet-stream")}
    return client.post("/upload", data={"asset": asset, "csrf": csrf, **form}, files=files)


def _decided(token: str, center: Center) -> dict[str, tuple[str | None, str | None]]:
    """Each finding's vulnerability → (decision, due date), read through the API."""
    with center.client(token) as api:
        return {f["vulnerability"]: (f["decision"], f["due"]) for f in _all_findings(api)}


def _assets(token: str, center: Center) -> list[dict[str, Any]]:
    with center.client(token) as api:
        listed = api.get("/api/assets")
    assert listed.status_code == 200, listed.text
    return list(listed.json())


def test_the_page_offers_the_settings_and_the_profiles_classes(center: Center) -> None:
    _, name, _ = center.organisation("hospital")
    with log_in(center, user(center, "--org", name, role="member")) as client:
        form = client.get("/upload").text
    for field in ("asset", "kind", "exposure", "asset_class", "safety_critical", "file"):
        assert f'<label for="{field}">' in form and f'id="{field}"' in form, field
    assert '<option value="application">' in form and '<option value="appliance">' in form
    # the hospital profile's classes, offered beside the free text
    assert 'list="asset-classes"' in form
    assert '<option value="medical device">' in form and '<option value="ehr">' in form
    assert '<option value="default">' not in form


def test_a_safety_critical_asset_from_the_page_is_kept_and_decided_as_through_the_api(
    center: Center,
) -> None:
    _, page_org, page_token = center.organisation("hospital")
    _, _, api_token = center.organisation("hospital")
    _, _, plain_token = center.organisation("hospital")
    with log_in(center, user(center, "--org", page_org, role="member")) as client:
        made = _upload(
            client, kind="host", exposure="open", asset_class="clinical", safety_critical="yes"
        )
        assert made.status_code == 201, made.text
        assert "patient-portal: version 1 scanned" in made.text
    with center.client(api_token) as api:
        assert upload(api, SBOM, asset="patient-portal", **SAFETY).status_code == 201
    with center.client(plain_token) as api:
        assert upload(api, SBOM, asset="patient-portal").status_code == 201

    [asset] = _assets(page_token, center)
    settings = {k: asset[k] for k in ("kind", "exposure", "asset_class", "safety_critical")}
    assert settings == {
        "kind": "host",
        "exposure": "open",
        "asset_class": "clinical",
        "safety_critical": True,
    }
    critical, plain = _decided(page_token, center), _decided(plain_token, center)
    assert critical == _decided(api_token, center)  # the page decides as the API does
    assert critical.keys() == plain.keys() and len(critical) == 13
    changed = {v for v in critical if critical[v] != plain[v]}
    assert "CVE-2023-49083" in changed, (critical, plain)
    # top human and mission impact: a PoC in cryptography is no longer left for the schedule
    (decision, due), (plain_decision, plain_due) = (
        critical["CVE-2023-49083"],
        plain["CVE-2023-49083"],
    )
    assert (decision, plain_decision) == ("Out-of-Cycle", "Scheduled")
    assert due is not None and plain_due is not None and due < plain_due

    # a later upload through the page that leaves the settings as they are keeps them
    with log_in(center, user(center, "--org", page_org, role="member")) as client:
        again = _upload(client)
        assert again.status_code == 201, again.text
        assert "patient-portal: version 2 scanned" in again.text
    [kept] = _assets(page_token, center)
    assert kept["safety_critical"] is True and kept["asset_class"] == "clinical"
    assert _decided(page_token, center) == critical


def test_a_bad_setting_on_the_page_is_named_and_nothing_is_stored(center: Center) -> None:
    _, name, token = center.organisation()
    with log_in(center, user(center, "--org", name, role="member")) as client:
        kind = _upload(client, kind="spaceship", asset_class="clinical")
        assert kind.status_code == 422
        assert "kind: &#39;spaceship&#39; is not one of application, host, appliance" in kind.text
        assert 'value="clinical"' in kind.text  # the form keeps what was typed
        unsure = _upload(client, safety_critical="maybe")
        assert unsure.status_code == 422
        assert "safety_critical: &#39;maybe&#39; is not yes, no or empty" in unsure.text
        assert "Nothing was stored." in unsure.text
    assert _assets(token, center) == []


def test_a_broken_file_on_the_page_is_named_with_its_place_and_nothing_is_stored(
    center: Center,
) -> None:
    _, name, token = center.organisation()
    with log_in(center, user(center, "--org", name, role="member")) as client:
        refused = _upload(client, path=TRUNCATED_SBOM, asset="portal", exposure="open")
        assert refused.status_code == 422
        text = refused.text
        assert 'role="alert" id="upload-error"' in text
        where = "portal/cyclonedx.truncated.json: line 50, column 7"
        assert f"{where}: not valid JSON: unexpected end of data" in text
        assert "Nothing was stored." in text
        assert 'id="asset" name="asset" type="text" required value="portal"' in text
        assert '<option value="open" selected>' in text
        assert "scanned" not in text
    assert _assets(token, center) == []
    with center.client(token) as api:
        assert _all_findings(api, present="any") == []


def test_the_home_page_lists_the_rows_to_fix(center: Center) -> None:
    _, name, _ = center.organisation("utility")
    _, clean, _ = center.organisation("utility")
    with log_in(center, user(center, "--org", name, role="member")) as client:
        made = _upload(client, path=APPLIANCES, asset="network devices")
        assert made.status_code == 201, made.text
        assert "1 entry could not be identified" in made.text
        home = client.get("/").text
    assert '<a href="#unmatched">1 entry could not be identified</a>' in home
    section = home[home.index('<section id="unmatched"') :]
    section = section[: section.index("</section>")]
    assert "Entries to fix in your inventories" in section
    assert "<strong>Orthanc 1.12.1</strong>" in section
    assert "(network devices/appliances.csv: line 7)" in section
    assert section.count("<li>") == 1  # the identified appliances are not listed
    with log_in(center, user(center, "--org", clean, role="member")) as client:
        assert _upload(client).status_code == 201
        other = client.get("/").text
    assert 'id="unmatched"' not in other and "could not be identified" not in other
    assert "Orthanc" not in other
