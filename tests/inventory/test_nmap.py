"""Nmap XML (``nmap -sV -O -oX``): a clinic's network scan as the software of each host."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aicc.core.components import Component, Inventory
from aicc.core.cpe import split_cpe
from aicc.core.errors import InventoryError
from aicc.inventory.interface import InventoryFormat
from aicc.inventory.nmap import FORMATS, NmapXmlFormat
from aicc.inventory.registry import format_of, read_inventory
from tests.inventory.helpers import (
    INVENTORIES,
    damaged,
    fuzz,
    parse_bytes,
    reasons,
    refusal,
    spliced,
    write,
)

SCAN = INVENTORIES / "nmap" / "clinic-scan.xml"
NMAP = NmapXmlFormat()
ADVICE = "run nmap -sV with --version-intensity 9 or add it by hand"
PROLOGUE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE nmaprun>\n'
    '<nmaprun scanner="nmap" args="nmap -sV -oX scan.xml 10.0.0.0/24" start="1710234843" '
    'version="7.94" xmloutputversion="1.05">\n'
    '<scaninfo type="syn" protocol="tcp" numservices="1000" services="1-1000"/>\n'
    '<verbose level="0"/>\n<debugging level="0"/>\n'
)
EPILOGUE = (
    '<runstats><finished time="1710234990" elapsed="147.21" exit="success"/>'
    '<hosts up="1" down="0" total="1"/></runstats>\n</nmaprun>\n'
)


def scan_of(*hosts: str) -> str:
    return PROLOGUE + "".join(hosts) + EPILOGUE


def host(
    ports: str,
    *,
    state: str = "up",
    addresses: str = '<address addr="10.0.0.5" addrtype="ipv4"/>',
    names: str = "",
    os: str = "",
) -> str:
    status = f'<status state="{state}" reason="syn-ack" reason_ttl="64"/>' if state else ""
    return (
        f'<host starttime="1710234845" endtime="1710234901">{status}\n{addresses}\n'
        f"<hostnames>{names}</hostnames>\n<ports>{ports}</ports>\n{os}"
        '<times srtt="412" rttvar="176" to="100000"/>\n</host>\n'
    )


def port(number: int, service: str, state: str = "open", protocol: str = "tcp") -> str:
    return (
        f'<port protocol="{protocol}" portid="{number}"><state state="{state}" reason="syn-ack" '
        f'reason_ttl="64"/>{service}</port>'
    )


APACHE = (
    '<service name="http" product="Apache httpd" version="2.4.52" extrainfo="(Ubuntu)" '
    'method="probed" conf="10"><cpe>cpe:/a:apache:http_server:2.4.52</cpe></service>'
)


def parse_text(tmp_path: Path, text: str) -> Inventory:
    return NMAP.parse(write(tmp_path, "scan.xml", text))


# --- a real-shaped scan ----------------------------------------------------------------------


def test_a_clinic_network_scan() -> None:
    inventory = NMAP.parse(SCAN)
    source = str(SCAN)
    assert inventory.format == "nmap-xml"
    rows = [
        (c.name, c.version, c.vendor, c.product, c.cpe, c.host, c.platform, c.location)
        for c in inventory.components
    ]
    assert rows == [
        (
            "Fortinet FortiGate SSL VPN",
            "7.0.12",
            "fortinet",
            "fortios",
            "cpe:2.3:o:fortinet:fortios:7.0.12:*:*:*:*:*:*:*",
            "fw01.millbrook-clinic.example",
            "fortinet fortios",  # the OS class of Nmap's best match, not the device model
            "host 10.20.0.1 tcp/8443",
        ),
        (
            "Cisco SSH",
            "1.25",
            "cisco",
            "ssh",
            "cpe:2.3:a:cisco:ssh:1.25:*:*:*:*:*:*:*",
            "core-sw01.millbrook-clinic.example",
            "cisco ios xe",  # the best of two matches (95% before 91%)
            "host 10.20.0.2 tcp/22",
        ),
        (
            "OpenSSH",
            "8.9p1",  # the CPE's upstream version, not "8.9p1 Ubuntu 3ubuntu0.4"
            "openbsd",
            "openssh",
            "cpe:2.3:a:openbsd:openssh:8.9p1:*:*:*:*:*:*:*",
            "ehr-web.millbrook-clinic.example",
            "linux",
            "host 10.20.0.10 tcp/22",
        ),
        (
            "Apache httpd",  # on two ports: one component
            "2.4.52",
            "apache",
            "http_server",
            "cpe:2.3:a:apache:http_server:2.4.52:*:*:*:*:*:*:*",
            "ehr-web.millbrook-clinic.example",
            "linux",
            "host 10.20.0.10 tcp/80, tcp/443",
        ),
        (
            "Microsoft IIS httpd",
            "10.0",
            "microsoft",
            "internet_information_services",
            "cpe:2.3:a:microsoft:internet_information_services:10.0:*:*:*:*:*:*:*",
            "pacs-gw.millbrook-clinic.example",
            "windows",  # no OS scan of this host: the services' ostype says it
            "host 10.20.0.20 tcp/80",
        ),
        (
            "Apache httpd",
            "2.4.58",
            "apache",
            "http_server",
            "cpe:2.3:a:apache:http_server:2.4.58:*:*:*:*:*:*:*",
            "pacs-gw.millbrook-clinic.example",
            "windows",
            "host 10.20.0.20 tcp/8080",
        ),
        (
            "php",  # named in Apache's banner, with its own CPE
            "8.1.25",
            "php",
            "php",
            "cpe:2.3:a:php:php:8.1.25:*:*:*:*:*:*:*",
            "pacs-gw.millbrook-clinic.example",
            "windows",
            "host 10.20.0.20 tcp/8080",
        ),
        (
            "CUPS",
            "2.4",
            "apple",
            "cups",
            "cpe:2.3:a:apple:cups:2.4:*:*:*:*:*:*:*",
            "fd00:20::31",  # no name: the IPv6 address
            None,
            "host fd00:20::31 tcp/631",
        ),
    ]
    assert reasons(inventory) == [
        (
            "host 10.20.0.1 tcp/443",
            "nmap reported no version for Fortinet FortiGate firewall http config on "
            f"tcp/443 (https, over ssl); {ADVICE}",
        ),
        (
            "host 10.20.0.2 tcp/80",
            f"nmap reported no version for Cisco IOS http config on tcp/80 (http); {ADVICE}",
        ),
        (
            "host 10.20.0.20 tcp/135",
            f"nmap reported no version for Microsoft Windows RPC on tcp/135 (msrpc); {ADVICE}",
        ),
        (
            "host 10.20.0.20 tcp/445",
            f"nmap identified no product on tcp/445 (microsoft-ds); {ADVICE}",
        ),
    ]
    for component in inventory.components:
        assert component.source == source and not component.is_package
        assert component.exposure is None  # an open port on a LAN is not "open" to the internet
        assert component.notes and component.notes.startswith("seen open by nmap on ")
    # the host Nmap reported down, and the closed port 8080 of the switch, give nothing
    assert not any("10.20.0.99" in (c.location or "") for c in inventory.components)
    assert not any("8080" in (c.location or "") for c in inventory.components[:2])
    assert inventory.notes == []


def test_notes_say_what_nmap_saw() -> None:
    by_name = {(c.name, c.version): c.notes for c in NMAP.parse(SCAN).components}
    assert by_name["OpenSSH", "8.9p1"] == (
        "seen open by nmap on tcp/22 (ssh); "
        "nmap: OpenSSH 8.9p1 Ubuntu 3ubuntu0.4 (Ubuntu Linux; protocol 2.0); "
        "nmap's version '8.9p1 Ubuntu 3ubuntu0.4' read as 8.9p1 "
        "(a distribution's build may carry backported fixes); "
        "OS guess: Linux 4.15 - 5.8 (100%)"
    )
    assert by_name["Apache httpd", "2.4.52"] == (
        "seen open by nmap on tcp/80 (http), tcp/443 (http, over ssl); "
        "nmap: Apache httpd 2.4.52 ((Ubuntu)); OS guess: Linux 4.15 - 5.8 (100%)"
    )
    assert by_name["php", "8.1.25"] == (
        "seen open by nmap on tcp/8080 (http); named in the banner of Apache httpd; "
        "OS from a service banner: Windows"
    )


def test_the_registry_reads_nmap_xml() -> None:
    assert isinstance(format_of(SCAN), NmapXmlFormat)
    assert len(read_inventory(SCAN).components) == 8


@pytest.mark.parametrize(
    ("name", "head", "accepted"),
    [
        ("scan.xml", SCAN.read_bytes()[:4096], True),
        ("SCAN.XML", b'<?xml version="1.0"?>\n<nmaprun scanner="nmap">', True),
        # a long command line in the comment pushes <nmaprun past the head; the DOCTYPE is first
        ("scan.xml", b'<?xml version="1.0"?>\n<!DOCTYPE nmaprun>\n<!-- ' + b"x" * 5000, True),
        ("scan.nmap", b'<?xml version="1.0"?>\n<nmaprun scanner="nmap">', False),
        ("bom.xml", b'<bom xmlns="http://cyclonedx.org/schema/bom/1.5">', False),
        ("pom.xml", b"<project><modelVersion>4.0.0</modelVersion>", False),
    ],
)
def test_nmap_xml_is_claimed_by_name_and_head(name: str, head: bytes, accepted: bool) -> None:
    assert [f.accepts(Path("/srv") / name, head[:4096]) for f in FORMATS] == [accepted]


# --- hosts -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("addresses", "names", "expected_host", "expected_location"),
    [
        # the name the scan was given wins over the PTR record
        (
            '<address addr="10.0.0.5" addrtype="ipv4"/>',
            '<hostname name="ptr.example" type="PTR"/><hostname name="portal" type="user"/>',
            "portal",
            "host 10.0.0.5 tcp/80",
        ),
        (
            '<address addr="10.0.0.5" addrtype="ipv4"/>',
            '<hostname name="ptr.example" type="PTR"/>',
            "ptr.example",
            "host 10.0.0.5 tcp/80",
        ),
        # IPv4 before IPv6; a MAC address is no host address
        (
            '<address addr="2001:db8::5" addrtype="ipv6"/><address addr="10.0.0.5" '
            'addrtype="ipv4"/><address addr="00:11:22:33:44:55" addrtype="mac" vendor="Dell"/>',
            "",
            "10.0.0.5",
            "host 10.0.0.5 tcp/80",
        ),
        (
            '<address addr="00:11:22:33:44:55" addrtype="mac"/>',
            "",
            None,
            "host #1 tcp/80",
        ),
    ],
)
def test_a_host_is_named_by_its_name_else_its_address(
    tmp_path: Path,
    addresses: str,
    names: str,
    expected_host: str | None,
    expected_location: str,
) -> None:
    inventory = parse_text(
        tmp_path, scan_of(host(port(80, APACHE), addresses=addresses, names=names))
    )
    [component] = inventory.components
    assert (component.host, component.location) == (expected_host, expected_location)


def test_hosts_down_and_ports_not_open_give_nothing(tmp_path: Path) -> None:
    inventory = parse_text(
        tmp_path,
        scan_of(
            host(port(80, APACHE), state="down"),
            host(
                port(80, APACHE, state="closed")
                + port(443, APACHE, state="filtered")
                + port(161, APACHE, state="open|filtered", protocol="udp"),
                addresses='<address addr="10.0.0.6" addrtype="ipv4"/>',
            ),
        ),
    )
    assert inventory.components == [] and inventory.skipped == []


def test_a_masscan_file_without_status_or_services_says_what_is_missing(tmp_path: Path) -> None:
    masscan = (
        '<?xml version="1.0"?>\n<nmaprun scanner="masscan" start="1710234843" version="1.0-BETA" '
        'xmloutputversion="1.03">\n<scaninfo type="syn" protocol="tcp" />\n'
        '<host endtime="1710234850"><address addr="10.0.0.7" addrtype="ipv4"/><ports>'
        '<port protocol="tcp" portid="443"><state state="open" reason="syn-ack" reason_ttl="64"/>'
        "</port></ports></host>\n</nmaprun>\n"
    )
    inventory = parse_text(tmp_path, masscan)
    assert inventory.components == []
    assert reasons(inventory) == [
        ("host 10.0.0.7 tcp/443", f"nmap identified no product on tcp/443; {ADVICE}")
    ]


@pytest.mark.parametrize(
    ("os", "platform"),
    [
        (
            '<os><osmatch name="Microsoft Windows Server 2019" accuracy="96" line="1">'
            '<osclass type="general purpose" vendor="Microsoft" osfamily="Windows" osgen="2019" '
            'accuracy="96"><cpe>cpe:/o:microsoft:windows_server_2019</cpe></osclass></osmatch></os>',
            "windows",
        ),
        # the best match, wherever it stands
        (
            '<os><osmatch name="Linux 2.6.32" accuracy="88" line="1"/>'
            '<osmatch name="Apple macOS 12 (Monterey)" accuracy="93" line="2"/></os>',
            "macos",
        ),
        # Nmap before 6: osclass beside osmatch, not inside it
        (
            '<os><osclass type="router" vendor="Cisco" osfamily="IOS" osgen="12.X" accuracy="100"/>'
            "</os>",
            "cisco ios",
        ),
        ("", None),
    ],
)
def test_the_best_os_match_is_the_platform(tmp_path: Path, os: str, platform: str | None) -> None:
    [component] = parse_text(tmp_path, scan_of(host(port(80, APACHE), os=os))).components
    assert component.platform == platform


def test_an_ostype_of_cisco_is_not_apple_ios(tmp_path: Path) -> None:
    cisco_ssh = (
        '<service name="ssh" product="Cisco SSH" version="1.25" extrainfo="protocol 2.0" '
        'ostype="IOS" method="probed" conf="10"><cpe>cpe:/a:cisco:ssh:1.25</cpe>'
        "<cpe>cpe:/o:cisco:ios</cpe></service>"
    )
    [component] = parse_text(tmp_path, scan_of(host(port(22, cisco_ssh)))).components
    assert component.platform == "cisco ios"


@pytest.mark.parametrize(
    ("service", "expected"),
    [
        # no CPE: the product as Nmap names it, which the match stage reports as unmatchable
        (
            '<service name="http" product="lighttpd" version="1.4.59" method="probed" conf="10"/>',
            ("lighttpd", "1.4.59", None, None, None),
        ),
        # a version the CPE does not have: Nmap's, as written
        (
            '<service name="ftp" product="ProFTPD" version="1.3.5e" method="probed" conf="10">'
            "<cpe>cpe:/a:proftpd:proftpd</cpe></service>",
            (
                "ProFTPD",
                "1.3.5e",
                "cpe:2.3:a:proftpd:proftpd:*:*:*:*:*:*:*:*",
                "proftpd",
                "proftpd",
            ),
        ),
        # a version only the CPE has
        (
            '<service name="ssh" product="OpenSSH" method="probed" conf="10">'
            "<cpe>cpe:/a:openbsd:openssh:9.6</cpe></service>",
            ("OpenSSH", "9.6", "cpe:2.3:a:openbsd:openssh:9.6:*:*:*:*:*:*:*", "openbsd", "openssh"),
        ),
        # the application's CPE is the component's, though the OS's comes first
        (
            '<service name="http" product="Microsoft IIS httpd" version="8.5" ostype="Windows" '
            'method="probed" conf="10"><cpe>cpe:/o:microsoft:windows</cpe>'
            "<cpe>cpe:/a:microsoft:internet_information_services:8.5</cpe></service>",
            (
                "Microsoft IIS httpd",
                "8.5",
                "cpe:2.3:a:microsoft:internet_information_services:8.5:*:*:*:*:*:*:*",
                "microsoft",
                "internet_information_services",
            ),
        ),
        # a version that is not the CPE's plus a build: kept whole
        (
            '<service name="http" product="Apache httpd" version="2.4.6" method="probed" '
            'conf="10"><cpe>cpe:/a:apache:http_server:2.4</cpe></service>',
            (
                "Apache httpd",
                "2.4.6",
                "cpe:2.3:a:apache:http_server:2.4:*:*:*:*:*:*:*",
                "apache",
                "http_server",
            ),
        ),
    ],
)
def test_services(
    tmp_path: Path,
    service: str,
    expected: tuple[str, str, str | None, str | None, str | None],
) -> None:
    inventory = parse_text(tmp_path, scan_of(host(port(80, service))))
    assert inventory.skipped == []
    [c] = inventory.components
    assert (c.name, c.version, c.cpe, c.vendor, c.product) == expected


def test_an_unusable_cpe_is_reported_and_the_service_kept(tmp_path: Path) -> None:
    service = (
        '<service name="http" product="Apache httpd" version="2.4.52" method="probed" conf="10">'
        "<cpe>cpe:/a:apache:http server:2.4.52</cpe>"
        "<cpe>cpe:/a:apache:http_server:2.4.52</cpe></service>"
    )
    inventory = parse_text(tmp_path, scan_of(host(port(80, service))))
    [component] = inventory.components
    assert component.cpe == "cpe:2.3:a:apache:http_server:2.4.52:*:*:*:*:*:*:*"
    assert reasons(inventory) == [
        (
            "host 10.0.0.5 tcp/80",
            "Apache httpd: nmap's CPE is unusable: a CPE URI holds characters no CPE name may "
            "hold: 'cpe:/a:apache:http server:2.4.52'",
        )
    ]


def test_a_banners_other_application_without_version_is_reported(tmp_path: Path) -> None:
    service = (
        '<service name="http" product="Apache httpd" version="2.4.58" method="probed" conf="10">'
        "<cpe>cpe:/a:apache:http_server:2.4.58</cpe><cpe>cpe:/a:php:php</cpe></service>"
    )
    inventory = parse_text(tmp_path, scan_of(host(port(80, service))))
    assert [c.name for c in inventory.components] == ["Apache httpd"]
    assert reasons(inventory) == [
        (
            "host 10.0.0.5 tcp/80",
            "nmap reported no version for php (cpe:2.3:a:php:php:*:*:*:*:*:*:*:*) on "
            f"tcp/80 (http); {ADVICE}",
        )
    ]


# --- files that are not whole -----------------------------------------------------------------


def test_an_interrupted_scan_keeps_the_hosts_before_the_break(tmp_path: Path) -> None:
    text = SCAN.read_text()
    cut = text[: text.index("<host ", text.index('addr="10.20.0.10"')) + 200]
    inventory = parse_text(tmp_path, cut)
    assert [c.name for c in inventory.components] == [
        "Fortinet FortiGate SSL VPN",
        "Cisco SSH",
        "OpenSSH",
        "Apache httpd",
    ]
    location, reason = reasons(inventory)[-1]
    assert re.fullmatch(r"line \d+, column \d+", location or "")
    assert reason == (
        "the XML breaks off here (unclosed token): an interrupted scan? "
        "Hosts after this point were not read"
    )


def test_an_nmap_error_is_reported(tmp_path: Path) -> None:
    text = scan_of(host(port(80, APACHE))).replace(
        'exit="success"', 'exit="error" errormsg="Failed to open device eth1"'
    )
    inventory = parse_text(tmp_path, text)
    assert len(inventory.components) == 1
    assert reasons(inventory) == [
        ("runstats", "nmap ended with an error: Failed to open device eth1")
    ]


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        ("", "line 1, column 1", "not well-formed XML: no element found"),
        ("<nmaprun", "line 1, column 1", "not well-formed XML: unclosed token"),
        (
            '<?xml version="1.0"?>\n<bom xmlns="http://cyclonedx.org/schema/bom/1.5"/>',
            "line 1",
            "not Nmap XML: the root element is '{http://cyclonedx.org/schema/bom/1.5}bom', "
            "not 'nmaprun'",
        ),
        (
            '<?xml version="1.0" encoding="UTF-16"?>\n<nmaprun/>',
            "line 1, column 31",
            "not well-formed XML: encoding specified in XML declaration is incorrect",
        ),
        (
            '<?xml version="1.0" encoding="x-no-such"?>\n<nmaprun/>',
            "XML declaration",
            "unreadable XML encoding: unknown encoding: x-no-such",
        ),
    ],
)
def test_what_is_no_nmap_xml_raises(tmp_path: Path, text: str, location: str, message: str) -> None:
    path = write(tmp_path, "scan.xml", text)
    assert refusal(NMAP, path) == (str(path), location, message)


# --- hostile XML: refused before anything is expanded or read --------------------------------

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE nmaprun [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<nmaprun scanner="nmap" version="7.94" xmloutputversion="1.05">
<host><status state="up" reason="syn-ack"/><address addr="10.0.0.5" addrtype="ipv4"/>
<ports><port protocol="tcp" portid="80"><state state="open" reason="syn-ack" reason_ttl="64"/>
<service name="http" product="&lol9;" version="1.0" method="probed" conf="10"/></port></ports>
</host>
</nmaprun>
"""


def xxe(target: str) -> str:
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE nmaprun [ <!ENTITY secret SYSTEM "{target}"> ]>\n'
        '<nmaprun scanner="nmap" version="7.94" xmloutputversion="1.05">\n'
        '<host><status state="up" reason="syn-ack"/><address addr="10.0.0.5" addrtype="ipv4"/>'
        '<ports><port protocol="tcp" portid="80"><state state="open" reason="syn-ack" '
        'reason_ttl="64"/><service name="http" product="&secret;" version="1.0" method="probed" '
        'conf="10"/></port></ports></host>\n</nmaprun>\n'
    )


REFUSED = "refused: the XML declares entities (they could read local files or expand without bound)"


def test_a_billion_laughs_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "scan.xml", BILLION_LAUGHS)
    assert refusal(NMAP, path) == (str(path), "line 3", REFUSED)


def test_an_external_entity_is_refused(tmp_path: Path) -> None:
    secret = write(tmp_path, "secret.txt", "aicc-test-secret-7f3a9c")
    path = write(tmp_path, "scan.xml", xxe(secret.as_uri()))
    assert refusal(NMAP, path) == (str(path), "line 2", REFUSED)


def test_a_parameter_entity_is_refused(tmp_path: Path) -> None:
    secret = write(tmp_path, "evil.dtd", '<!ENTITY leak "aicc-test-secret-7f3a9c">')
    text = xxe("x").replace(
        '<!ENTITY secret SYSTEM "x">', f'<!ENTITY % remote SYSTEM "{secret.as_uri()}"> %remote;'
    )
    path = write(tmp_path, "scan.xml", text)
    assert refusal(NMAP, path)[2] == REFUSED


def test_an_external_dtd_is_not_fetched(tmp_path: Path) -> None:
    """``<!DOCTYPE nmaprun SYSTEM "...">`` (what the DTD's own comment suggests) is read as
    a plain document: the DTD is not loaded, so it can neither leak a file nor define one."""
    dtd = write(tmp_path, "nmap.dtd", '<!ENTITY product "aicc-test-secret-7f3a9c">')
    text = scan_of(host(port(80, APACHE))).replace(
        "<!DOCTYPE nmaprun>", f'<!DOCTYPE nmaprun SYSTEM "{dtd.as_uri()}">'
    )
    inventory = parse_text(tmp_path, text)
    assert [c.name for c in inventory.components] == ["Apache httpd"]
    assert "aicc-test-secret" not in repr(inventory)


# --- fuzzing: only InventoryError or a valid Inventory --------------------------------------

SEED = SCAN.read_bytes()
NOISE = [
    b"<host>",
    b"</host>",
    b'<status state="down"/>',
    b'<state state="open"/>',
    b'product=""',
    b'version="-"',
    b"<cpe>cpe:/a::</cpe>",
    b"<cpe>cpe:/x:y:z</cpe>",
    b"<cpe>cpe:/a:a%zz</cpe>",
    b"<!ENTITY a 'b'>",
    b"&amp;",
    b"\xff\xfe",
    b"<![CDATA[",
    b'portid=""',
    b"<osmatch/>",
    b'accuracy="x"',
]


def assert_parsed_or_refused(fmt: InventoryFormat, blob: bytes) -> None:
    path, result = parse_bytes(fmt, "scan.xml", blob)
    if isinstance(result, InventoryError):
        assert result.path == path and result.location and result.message
        return
    assert result.source == path and result.format == "nmap-xml"
    for component in result.components:
        assert isinstance(component, Component) and component.source == path
        assert component.name and component.version and component.exposure is None
        assert component.location and component.location.startswith("host ")
        if component.cpe:
            split_cpe(component.cpe)
    for skipped in result.skipped:
        assert skipped.source == path and skipped.location and skipped.reason


FUZZ = fuzz(100)


@FUZZ
@given(blob=st.binary(max_size=300) | damaged(SEED) | spliced(SEED, NOISE))
def test_any_bytes_give_an_inventory_or_inventory_error(blob: bytes) -> None:
    assert_parsed_or_refused(NMAP, blob)


XML_ATTRIBUTE = st.sampled_from(
    ["", " ", "-", "*", "open", "up", "down", "cpe:/a:x:y:1", "cpe:/", "1.0 Ubuntu", "&amp;"]
) | st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)


@FUZZ
@given(
    product=XML_ATTRIBUTE,
    version=XML_ATTRIBUTE,
    state=XML_ATTRIBUTE,
    cpe=XML_ATTRIBUTE,
    ostype=XML_ATTRIBUTE,
)
def test_any_attribute_values_give_components_or_skipped(
    product: str, version: str, state: str, cpe: str, ostype: str
) -> None:
    def quoted(value: str) -> str:
        return value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")

    service = (
        f'<service name="http" product="{quoted(product)}" version="{quoted(version)}" '
        f'ostype="{quoted(ostype)}" method="probed" conf="10"><cpe>{quoted(cpe)}</cpe></service>'
    )
    assert_parsed_or_refused(NMAP, scan_of(host(port(80, service, state=state))).encode())
