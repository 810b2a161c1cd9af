"""The alias file's names of a vendor, which a row's product words are read without.

`Resolver` asks `Aliases.vendor_names` for every vendor key of every row (issue 11: a list of
5,000 devices asks thousands of times), so the names are read once per file; these are the
answers the file gives.
"""

from __future__ import annotations

import pytest

from aicc.match.aliases import builtin_aliases, parse_aliases

_FILE = """
vendors:
  - names: [Cloud Software Group, Citrix, Citrix Systems, NetScaler]
    source: "a rename"
  - names: [Progress, Progress Software, Ipswitch, Kemp]
    source: "acquisitions"
  - names: [Kemp Technologies, Kemp]
    source: "a vendor in two groups"
products:
  - vendor: Citrix
    names: [NetScaler Gateway]
    products: [NetScaler ADC]
    source: "a marketing name"
"""


@pytest.mark.parametrize(
    ("key", "names"),
    [
        # every name of its group, in the file's order, whichever name the row gave
        ("citrix", ["Cloud Software Group", "Citrix", "Citrix Systems", "NetScaler"]),
        ("netscaler", ["Cloud Software Group", "Citrix", "Citrix Systems", "NetScaler"]),
        ("cloudsoftwaregroup", ["Cloud Software Group", "Citrix", "Citrix Systems", "NetScaler"]),
        # a name in two groups has the names of both
        (
            "kemp",
            ["Progress", "Progress Software", "Ipswitch", "Kemp", "Kemp Technologies", "Kemp"],
        ),
        ("ipswitch", ["Progress", "Progress Software", "Ipswitch", "Kemp", "Kemp"]),
        # a vendor the file does not name has none
        ("fortinet", []),
        ("", []),
    ],
)
def test_the_names_of_a_vendors_group(key: str, names: list[str]) -> None:
    assert parse_aliases(_FILE).vendor_names(key) == names


def test_each_answer_is_the_callers_own_list() -> None:
    aliases = parse_aliases(_FILE)
    aliases.vendor_names("citrix").clear()
    assert aliases.vendor_names("citrix") == [
        "Cloud Software Group",
        "Citrix",
        "Citrix Systems",
        "NetScaler",
    ]


def test_the_shipped_file_names_each_vendor_of_a_group() -> None:
    aliases = builtin_aliases()
    assert "Pulse Secure" in aliases.vendor_names("ivanti")
    assert "Ivanti" in aliases.vendor_names("pulsesecure")
    assert aliases.vendor_names("paloaltonetworks")[:2] == ["Palo Alto Networks", "Palo Alto"]
