"""The findings-work pages over HTTP, as a browser speaks to them, against a real server on
SQLite and PostgreSQL: comment and suppress from the finding's page (CSRF, refusals beside the
form, nothing changed), the suppressed findings' page, an asset's page with what changed, and
another organisation's user refused as for nothing."""

from __future__ import annotations

import html
import json
import re
from datetime import timedelta
from pathlib import Path

from aicc.core.times import utcnow
from tests.server.conftest import Center
from tests.server.test_finding_work import _second_upload
from tests.server.test_pages import csrf_of, finding_url, log_in, upload_page, user

CRYPTO = "CVE-2023-49083"


def _later(days: int) -> str:
    return (utcnow().date() + timedelta(days=days)).isoformat()


def test_comment_and_suppress_from_the_finding_page(center: Center) -> None:
    _, name, _ = center.organisation("hospital")
    email = user(center, "--org", name)
    with log_in(center, email) as client:
        assert upload_page(client).status_code == 201
        url = finding_url(client, CRYPTO)
        page = client.get(url)
        assert 'id="comments-h"' in page.text and "No comment yet." in page.text
        assert "Suppress until that day" in page.text and "Not suppressed." in page.text

        said = client.post(
            f"{url}/comments",
            data={"csrf": csrf_of(page.text), "body": "Vendor says <41.0.6> is out Friday."},
        )
        assert said.status_code == 303 and said.headers["location"].endswith("#comments")
        page = client.get(url)
        assert "Vendor says &lt;41.0.6&gt; is out Friday." in page.text  # escaped, shown
        assert f"{name} admin {email}" in page.text

        until = _later(14)
        done = client.post(
            f"{url}/suppress",
            data={"csrf": csrf_of(page.text), "reason": "behind the WAF", "expires_on": until},
        )
        assert done.status_code == 303, done.text
        page = client.get(url)
        assert "Suppressed until" in page.text and "Lift the suppression" in page.text
        assert f"suppressed until {until} (back that day): behind the WAF" in html.unescape(
            page.text
        )

        home = client.get("/")
        assert f'href="{url}"' not in home.text
        assert "1 suppressed finding</a> not listed" in home.text
        listed = client.get("/suppressed")
        assert listed.status_code == 200 and f'href="{url}"' in listed.text
        assert "behind the WAF" in listed.text

        lifted = client.post(
            f"{url}/lift", data={"csrf": csrf_of(client.get(url).text), "reason": "patched"}
        )
        assert lifted.status_code == 303
        assert "the last suppression was lifted" in client.get(url).text
        assert f'href="{url}"' in client.get("/").text


def test_refused_values_are_shown_beside_the_form_and_change_nothing(center: Center) -> None:
    _, name, _ = center.organisation("bank")
    email = user(center, "--org", name)
    with log_in(center, email) as client:
        upload_page(client)
        url = finding_url(client, CRYPTO)
        csrf = csrf_of(client.get(url).text)
        past = client.post(
            f"{url}/suppress",
            data={"csrf": csrf, "reason": "later", "expires_on": "2020-01-01"},
        )
        assert past.status_code == 422
        assert 'id="suppression-error"' in past.text and "expires_on: 2020-01-01" in past.text
        assert "later</textarea>" in past.text  # what was typed is kept
        empty = client.post(f"{url}/comments", data={"csrf": csrf, "body": "  "})
        assert empty.status_code == 422 and 'id="comment-error"' in empty.text
        forged = client.post(f"{url}/comments", data={"csrf": "forged", "body": "hello"})
        assert forged.status_code == 403
        page = client.get(url).text
        assert "No comment yet." in page and "Not suppressed." in page


def test_a_member_comments_but_does_not_suppress(center: Center) -> None:
    _, name, _ = center.organisation("utility")
    admin, member = user(center, "--org", name), user(center, "--org", name, role="member")
    with log_in(center, admin) as client:
        upload_page(client)
    with log_in(center, member) as client:
        url = finding_url(client, CRYPTO)
        page = client.get(url).text
        assert "Suppress until that day" not in page and "Add the comment" in page
        refused = client.post(
            f"{url}/suppress",
            data={"csrf": csrf_of(page), "reason": "mine", "expires_on": _later(3)},
        )
        assert refused.status_code == 403
        assert "Not suppressed." in client.get(url).text


def test_the_asset_page_shows_what_changed(center: Center, tmp_path: Path) -> None:
    _, name, _ = center.organisation("hospital")
    with log_in(center, user(center, "--org", name)) as client:
        upload_page(client, asset="portal")
        url = finding_url(client, CRYPTO)
        asset = re.search(r'href="(/assets/ast_[0-9a-f]+)"', client.get(url).text)
        assert asset, "the finding page links its asset"
        first = client.get(asset.group(1))
        assert first.status_code == 200 and "<h1>portal</h1>" in first.text
        assert 'id="diff-h"' not in first.text  # one upload: nothing to compare
        files = {"file": ("sbom.cdx.json", _second_upload(tmp_path).read_bytes(), "text/json")}
        csrf = csrf_of(client.get("/upload").text)
        assert client.post("/upload", data={"asset": "portal", "csrf": csrf}, files=files)
        page = client.get(asset.group(1)).text
        assert "What changed from version 1 to version 2" in page
        assert 'cryptography <span class="muted">(PyPI)</span>: 41.0.1 → <strong>42.0.4' in page
        assert "CVE-2022-24302" in page and CRYPTO in page
        back = client.get(asset.group(1), params={"from": 2, "to": 1})
        assert "What changed from version 2 to version 1" in back.text
        bad = client.get(asset.group(1), params={"from": 1, "to": 1})
        assert bad.status_code == 422 and "from, to: both are version 1" in bad.text


def test_another_organisations_pages_are_not_found(center: Center) -> None:
    organisation_id, theirs, _ = center.organisation("bank")
    _, mine, _ = center.organisation("hospital")
    with log_in(center, user(center, "--org", theirs)) as client:
        upload_page(client)
        url = finding_url(client, CRYPTO)
        asset = re.search(r'href="(/assets/ast_[0-9a-f]+)"', client.get(url).text)
        assert asset
    with log_in(center, user(center, "--org", mine)) as client:
        csrf = csrf_of(client.get("/upload").text)
        for path, data in (
            (f"{url}/comments", {"body": "mine"}),
            (f"{url}/suppress", {"reason": "mine", "expires_on": _later(3)}),
            (f"{url}/lift", {"reason": "mine"}),
        ):
            answer = client.post(path, data={"csrf": csrf, **data})
            assert answer.status_code == 404, (path, answer.text)
        for path in (asset.group(1), f"/suppressed?organization={organisation_id}"):
            assert client.get(path).status_code == 404, path
        nothing = client.get("/assets/ast_00000000000000000000")
        assert nothing.status_code == 404
    with center.client(center.center_token("read-only")) as reader:
        finding = url.rsplit("/", 1)[1]
        assert reader.get(f"/api/findings/{finding}/comments").json()["comments"] == []
        assert json.loads(reader.get(f"/api/findings/{finding}").text)["suppression"] is None
