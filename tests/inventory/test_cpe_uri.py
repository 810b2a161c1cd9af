"""CPE 2.2 URIs, as Nmap writes them, in the CPE 2.3 formatted-string form (NISTIR 7695)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aicc.core.cpe import split_cpe
from aicc.inventory.cpe_uri import uri_to_formatted
from tests.inventory.helpers import fuzz


@pytest.mark.parametrize(
    ("uri", "formatted"),
    [
        # what Nmap's service probes write
        (
            "cpe:/a:openbsd:openssh:8.9p1",
            "cpe:2.3:a:openbsd:openssh:8.9p1:*:*:*:*:*:*:*",
        ),
        (
            "cpe:/a:apache:http_server:2.4.52",
            "cpe:2.3:a:apache:http_server:2.4.52:*:*:*:*:*:*:*",
        ),
        (
            "cpe:/a:microsoft:internet_information_services:10.0",
            "cpe:2.3:a:microsoft:internet_information_services:10.0:*:*:*:*:*:*:*",
        ),
        ("cpe:/o:cisco:ios", "cpe:2.3:o:cisco:ios:*:*:*:*:*:*:*:*"),
        ("cpe:/h:fortinet:fortigate", "cpe:2.3:h:fortinet:fortigate:*:*:*:*:*:*:*:*"),
        ("cpe:/o:linux:linux_kernel:4", "cpe:2.3:o:linux:linux_kernel:4:*:*:*:*:*:*:*"),
        # case-insensitive; the result is lower-case
        (
            "CPE:/A:Apache:HTTP_Server:2.4.58",
            "cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*",
        ),
        # update, edition and language in place; "-" is NA
        (
            "cpe:/o:microsoft:windows_xp::sp3:pro",
            "cpe:2.3:o:microsoft:windows_xp:*:sp3:pro:*:*:*:*:*",
        ),
        ("cpe:/a:foo:bar:1.0:-", "cpe:2.3:a:foo:bar:1.0:-:*:*:*:*:*:*"),
        # NISTIR 7695 6.1.3.2 example 2: a packed edition
        (
            "cpe:/a:hp:insight_diagnostics:7.4.0.1570::~~online~win2003~x64~",
            "cpe:2.3:a:hp:insight_diagnostics:7.4.0.1570:*:*:*:online:win2003:x64:*",
        ),
        # percent-escapes decode, and are quoted in the formatted string where they must be
        (
            "cpe:/a:hp:insight%21diagnostics:7.4",
            "cpe:2.3:a:hp:insight\\!diagnostics:7.4:*:*:*:*:*:*:*",
        ),
        ("cpe:/a:vendor:c%2b%2b:1.0", "cpe:2.3:a:vendor:c\\+\\+:1.0:*:*:*:*:*:*:*"),
        # ".", "-" and "_" need no quoting
        (
            "cpe:/a:ivanti:connect_secure:22.3-r1",
            "cpe:2.3:a:ivanti:connect_secure:22.3-r1:*:*:*:*:*:*:*",
        ),
    ],
)
def test_uris_in_the_formatted_form(uri: str, formatted: str) -> None:
    assert uri_to_formatted(uri) == formatted
    assert len(split_cpe(formatted)) == 11


@pytest.mark.parametrize(
    ("uri", "reason"),
    [
        ("cpe:2.3:a:openbsd:openssh:8.9p1:*:*:*:*:*:*:*", "not a CPE URI"),
        ("openssh 8.9p1", "not a CPE URI"),
        ("cpe:/x:hp:laserjet:1.0", "a CPE's part is a, o or h, not 'x'"),
        ("cpe:/a:a:b:c:d:e:f:g", "a CPE URI has at most 7 components, got 8"),
        ("cpe:/a:hp:insight:7.4:%01", "a CPE URI may not encode '%01' here"),
        ("cpe:/a:hp:insight:7.4:%zz", "a CPE URI has a broken %-escape"),
        ("cpe:/a:hp:insight diagnostics", "a CPE URI holds characters no CPE name may hold"),
        ("cpe:/a:hp:insight:7.4::~online~win", "a packed CPE edition has five fields"),
        ("cpe:/a:hp:insight:7.4::pro~win", "a CPE edition holds '~' only to pack five fields"),
    ],
)
def test_what_is_no_cpe_uri_raises(uri: str, reason: str) -> None:
    with pytest.raises(ValueError, match="^" + reason.replace("(", r"\(")):
        uri_to_formatted(uri)


@fuzz(200)
@given(uri=st.text(max_size=60).map(lambda t: "cpe:/" + t) | st.text(max_size=30))
def test_any_text_gives_a_cpe_23_string_or_value_error(uri: str) -> None:
    try:
        formatted = uri_to_formatted(uri)
    except ValueError:
        return
    attributes = split_cpe(formatted)
    assert attributes["part"] in {"a", "o", "h"}
    assert formatted == formatted.lower()
