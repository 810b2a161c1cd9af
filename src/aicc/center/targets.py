"""Where notifications may go: webhook URLs (http or https only) and e-mail addresses.

A webhook makes the center send a request to an address an organisation chose. Left open, that
is server-side request forgery: a subscription to ``http://169.254.169.254/...`` (a cloud's
metadata service), ``http://127.0.0.1:5432`` or an intranet host would have the center probe its
own network and report the answers back as delivery statuses. So webhook hosts are resolved and
refused when an address falls in a denied network: by default the loopback, private, link-local,
shared (CGNAT), multicast and reserved ranges of IPv4 and IPv6 (``AICC_WEBHOOK_DENY`` replaces the
list; ``none`` turns it off, for tests and centers whose receivers are on their own network).
The check runs when a subscription is made and again before every send (a name may be pointed
elsewhere later); redirects are never followed. A name that resolves to a public address at the
check and to a private one at the connection (DNS rebinding) is not caught here: a center that
must rule it out sends through an egress proxy that enforces the same list.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import unicodedata
from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from aicc.center.errors import InvalidInput
from aicc.core.errors import ConfigError

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Resolver = Callable[[str, int], list[str]]

DEFAULT_DENIED = (
    "0.0.0.0/8",  # "this" network
    "10.0.0.0/8",  # private
    "100.64.0.0/10",  # shared address space (CGNAT)
    "127.0.0.0/8",  # loopback
    "169.254.0.0/16",  # link-local, cloud metadata services
    "172.16.0.0/12",  # private
    "192.0.0.0/24",  # IETF protocol assignments
    "192.168.0.0/16",  # private
    "198.18.0.0/15",  # benchmarking
    "224.0.0.0/4",  # multicast
    "240.0.0.0/4",  # reserved, broadcast
    "::/128",
    "::1/128",  # loopback
    "fc00::/7",  # unique local
    "fe80::/10",  # link-local
    "ff00::/8",  # multicast
)
MAX_URL = 2000
_EMAIL = re.compile(r"^[^@\s<>,;\"]+@[^@\s<>,;\"]+\.[^@\s<>,;\"]+$")


class DeniedTarget(Exception):
    """A webhook's host is, or resolves to, an address in a denied network."""


def denied_networks(value: str | None) -> tuple[Network, ...]:
    """The networks of ``AICC_WEBHOOK_DENY`` (comma-separated CIDRs; ``none``: none; unset:
    `DEFAULT_DENIED`); ConfigError naming a value that is not a network."""
    text = (value or "").strip()
    if not text:
        return tuple(ipaddress.ip_network(n) for n in DEFAULT_DENIED)
    if text.lower() == "none":
        return ()
    networks = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError as exc:
            raise ConfigError(f"AICC_WEBHOOK_DENY: {part!r} is not a network: {exc}") from exc
    return tuple(networks)


def webhook_url(value: str, field: str = "url") -> str:
    """A webhook's URL, trimmed: http or https with a host; InvalidInput naming ``field``."""
    text = value.strip()
    if not text:
        raise InvalidInput(f"{field}: must not be empty")
    if len(text) > MAX_URL or any(unicodedata.category(c).startswith("C") for c in text):
        raise InvalidInput(f"{field}: not a usable URL (too long, or control characters)")
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise InvalidInput(f"{field}: {text!r} is not a URL: {exc}") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidInput(
            f"{field}: the scheme {parts.scheme + ':' if parts.scheme else '(none)'} is not "
            "allowed; a webhook is an http:// or https:// URL"
        )
    if not parts.hostname:
        raise InvalidInput(f"{field}: {text!r} names no host")
    if port == 0:
        raise InvalidInput(f"{field}: port 0 is not a port to send to")
    return text


def email_address(value: str, field: str = "email") -> str:
    """An e-mail address, trimmed: one address, no display name or header characters."""
    text = value.strip()
    if len(text) > 320 or not _EMAIL.match(text):
        raise InvalidInput(f"{field}: {text!r} is not an e-mail address such as soc@example.org")
    return text


def resolve(host: str, port: int) -> list[str]:
    """The addresses ``host`` resolves to (the system's resolver)."""
    return sorted({str(info[4][0]) for info in socket.getaddrinfo(host, port)})


def check_destination(
    url: str, denied: Sequence[Network], resolver: Resolver = resolve
) -> list[str]:
    """The addresses the URL's host resolves to, after checking none is in ``denied``.

    DeniedTarget naming the address and network; OSError when the name does not resolve.
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    try:
        addresses = [host] if _literal(host) is not None else resolver(host, port)
    except UnicodeError as exc:  # an IDNA name the encoder refuses
        raise OSError(f"{host!r} cannot be resolved: {exc}") from exc
    for text in addresses:
        address = _literal(text.split("%", 1)[0])
        if address is None:
            continue
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        for network in denied:
            if address.version == network.version and address in network:
                named = "" if str(address) == host else f" ({host} resolves to {address})"
                raise DeniedTarget(
                    f"{address} is in the denied network {network}{named}: webhooks to private, "
                    "loopback and link-local addresses are refused (AICC_WEBHOOK_DENY)"
                )
    return addresses


def _literal(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
