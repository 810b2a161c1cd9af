"""Where webhooks may go (`aicc.center.targets`): http(s) only, and never into a denied network
unless the center says so."""

from __future__ import annotations

import pytest

from aicc.center.errors import InvalidInput
from aicc.center.targets import (
    DeniedTarget,
    check_destination,
    denied_networks,
    email_address,
    webhook_url,
)

DEFAULT = denied_networks(None)


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "file:///etc/passwd",
            "url: the scheme file: is not allowed; a webhook is an http:// or https:// URL",
        ),
        (
            "gopher://hooks.example/",
            "url: the scheme gopher: is not allowed; a webhook is an http:// or https:// URL",
        ),
        (
            "hooks.example/aicc",
            "url: the scheme (none) is not allowed; a webhook is an http:// or https:// URL",
        ),
        ("https:///aicc", "url: 'https:///aicc' names no host"),
        (
            "https://hooks.example:99999/",
            "url: 'https://hooks.example:99999/' is not a URL: Port out of range 0-65535",
        ),
        (
            "https://hooks.example/\r\nX-Injected: 1",
            "url: not a usable URL (too long, or control characters)",
        ),
        ("  ", "url: must not be empty"),
    ],
)
def test_a_webhook_url_must_be_http_or_https_with_a_host(url: str, message: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        webhook_url(url)
    assert raised.value.message == message


@pytest.mark.parametrize(
    "host",
    [
        "127.0.0.1",
        "10.0.0.5",
        "172.16.9.9",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "[::1]",
        "[fd00::1]",
        "[fe80::1]",
        "[::ffff:127.0.0.1]",
    ],
)
def test_private_loopback_and_link_local_addresses_are_denied_by_default(host: str) -> None:
    with pytest.raises(DeniedTarget, match="is in the denied network"):
        check_destination(f"http://{host}:8080/hook", DEFAULT)


def test_a_public_address_passes_and_the_list_can_be_turned_off() -> None:
    assert check_destination("https://93.184.215.14/hook", DEFAULT) == ["93.184.215.14"]
    assert check_destination("http://127.0.0.1:8080/hook", denied_networks("none")) == ["127.0.0.1"]
    own = denied_networks("203.0.113.0/24")
    assert check_destination("http://127.0.0.1/hook", own) == ["127.0.0.1"]
    with pytest.raises(
        DeniedTarget, match=r"203\.0\.113\.7 is in the denied network 203\.0\.113\.0/24"
    ):
        check_destination("http://203.0.113.7/hook", own)


def test_a_name_is_judged_by_every_address_it_resolves_to() -> None:
    def resolver(host: str, port: int) -> list[str]:
        assert (host, port) == ("hooks.mercy.example", 443)
        return ["93.184.215.14", "192.168.0.10"]

    with pytest.raises(DeniedTarget, match=r"\(hooks.mercy.example resolves to 192.168.0.10\)"):
        check_destination("https://hooks.mercy.example/aicc", DEFAULT, resolver)


@pytest.mark.parametrize(
    "value", ["soc", "soc@", "SOC <soc@mercy.example>", "a@b.example\nBcc: x@y.z", "a,b@c.example"]
)
def test_an_email_address_is_one_plain_address(value: str) -> None:
    with pytest.raises(InvalidInput, match="is not an e-mail address"):
        email_address(value)
    assert email_address(" soc@mercy.example ") == "soc@mercy.example"
