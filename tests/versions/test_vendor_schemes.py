"""Vendor version schemes (issue 11): every scheme of aicc/data/vendor-versions.yaml names its
source, and the comparator the appliance matcher uses orders its examples as the vendor does."""

from __future__ import annotations

from itertools import pairwise

import pytest

from aicc.versions import cve_affected, nvd_match
from aicc.versions._scheme_file import VendorScheme, builtin_schemes, parse_schemes
from aicc.versions._vendor_rules import RULES, appliance_key, rule_for

SCHEMES = builtin_schemes()
REQUIRED = {
    "fortinet-fortios",
    "paloalto-panos",
    "cisco-asa",
    "cisco-ios-xe",
    "citrix-netscaler",
    "ivanti-connect-secure",
    "microsoft-exchange-builds",
    "microsoft-exchange-updates",
    "atlassian-confluence",
    "progress-moveit-transfer",
    "jetbrains-teamcity",
    "jenkins-core",
    "vmware-esxi",
    "sonicwall-sma100",
    "f5-bigip",
    "zyxel-zld",
    "apache-tomcat",
    "php",
}


def test_every_vendor_the_issue_names_has_a_scheme() -> None:
    assert {scheme.name for scheme in SCHEMES} >= REQUIRED


@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: s.name)
def test_scheme_names_its_source(scheme: VendorScheme) -> None:
    host = scheme.source.removeprefix("https://").split("/", 1)[0]
    assert scheme.source.startswith("https://") and "." in host
    assert len(scheme.examples) >= 5
    assert len(set(scheme.examples)) == len(scheme.examples)


@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: s.name)
def test_matcher_picks_the_rule_the_scheme_names(scheme: VendorScheme) -> None:
    for product in scheme.products:
        assert rule_for(scheme.vendor, product) == scheme.rule, product


@pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: s.name)
def test_examples_are_in_the_vendors_order(scheme: VendorScheme) -> None:
    for product in scheme.products:
        examples = scheme.examples
        for older, newer in pairwise(examples):
            assert appliance_key(scheme.vendor, product, older) < appliance_key(
                scheme.vendor, product, newer
            ), f"{product}: {older!r} should be older than {newer!r}"


def test_rules_fix_what_the_generic_order_gets_wrong() -> None:
    """Each named rule is there because the generic order misplaces a real pair."""
    generic = RULES["generic"]
    wrong = {
        "exchange": ("2019 CU14 Nov24SU", "2019 CU14 Apr25HU"),
        "moveit": ("2020.0", "13.1.4"),
        "vmware": ("8.0.1", "8.0 U2"),
        "apache": ("9.0.0.M1", "9.0.0"),
        "zyxel": ("V5.36", "ZLD V5.37"),
        "netscaler": ("13.1-49.15", "13.1-FIPS-37.262"),
    }
    for rule, (older, newer) in wrong.items():
        assert not generic(older) < generic(newer), rule
        assert RULES[rule](older) < RULES[rule](newer), rule
    assert set(wrong) == set(RULES) - {"generic"}


def test_the_matcher_reads_ranges_in_the_vendors_order() -> None:
    """A Tomcat range from a milestone holds the release; a MOVEit fix written by year is
    above the internal number below it; ESXi 8.0.1 is below the fix in U2b."""
    tomcat = [{"version": "9.0.0.M1", "lessThan": "9.0.44", "status": "affected"}]
    assert cve_affected("9.0.0", tomcat, vendor="Apache Software Foundation") is True
    assert cve_affected("9.0.0", tomcat) is None  # the generic order alone: below the range
    moveit = [{"version": "0", "lessThan": "2021.0.6", "status": "affected"}]
    assert cve_affected("13.0.5", moveit, product="MOVEit Transfer", vendor="Progress") is True
    fixed = cve_affected(
        "13.0.6", moveit, "unaffected", product="MOVEit Transfer", vendor="Progress"
    )
    assert fixed is False
    assert cve_affected("13.0.6", moveit, "unaffected") is True  # 13 < 2021 in the generic order
    assert nvd_match("8.0.1", end_excluding="8.0 U2b", vendor="VMware", product="ESXi")
    assert not nvd_match("8.0.3", end_excluding="8.0 U2b", vendor="VMware", product="ESXi")


# CVE-2023-6548's NetScaler ADC entries, as the record writes them (spaces included)
_NETSCALER_6548 = [
    {"status": "affected", "version": "14.1", "lessThan": "12.35", "versionType": "patch"},
    {"status": "affected", "version": "13.1", "lessThan": "51.15", "versionType": "patch"},
    {"status": "affected", "version": " 13.1-FIPS", "lessThan": "37.176", "versionType": "patch"},
    {"status": "affected", "version": "12.1-FIPS", "lessThan": "55.302", "versionType": "patch"},
    {"status": "affected", "version": "12.1-NDcPP", "lessThan": "55.302", "versionType": "patch"},
]


@pytest.mark.parametrize(
    ("version", "affected", "fix"),
    [
        ("13.1-49.15", True, "13.1-51.15"),  # a regular build below the regular fix
        ("13.1-51.15", False, None),
        ("13.1-FIPS-37.150", True, "13.1-FIPS-37.176"),  # the FIPS line's own fix
        ("13.1-37.150 FIPS", True, "13.1-FIPS-37.176"),
        ("13.1-FIPS 37.176", False, None),  # fixed on its line, though below 13.1-51.15
        ("13.1-37.262 fips", False, None),
        ("12.1-NDcPP 55.297", True, "12.1-NDcPP-55.302"),
        ("12.1-NDcPP 55.302", False, None),
    ],
)
def test_netscaler_fips_builds_are_a_line_of_their_own(
    version: str, affected: bool, fix: str | None
) -> None:
    """A FIPS build is compared only with its line's range, never with the regular builds'
    (13.1-FIPS 37.176 is fixed, though 37 < 51), and its fix is its line's."""
    from aicc.match.appliances import fix_targets
    from aicc.versions import CveProduct

    record = CveProduct(_NETSCALER_6548, "unaffected", "NetScaler ADC", "netscaler")
    assert record.status(version) is affected
    fixed, _after = fix_targets(version, record.affecting(version), record.order)
    assert fixed == ([fix] if fix else [])


def test_a_regular_builds_match_names_the_lines_it_was_not_compared_with() -> None:
    """A FIPS build typed without the word is read as a regular one: the finding says the
    record has other lines, and how to write a build of one."""
    from aicc.versions import CveProduct
    from aicc.versions._range_text import matched_range

    record = CveProduct(_NETSCALER_6548, "unaffected", "NetScaler ADC", "netscaler")
    regular = matched_range(record, record.affecting("13.1-49.15"))
    assert regular.endswith(
        "; the record also lists the 12.1-FIPS, 12.1-NDcPP and 13.1-FIPS lines, compared only"
        " with a version that names its line (write a FIPS build as '13.1-37.176 FIPS')"
    )
    fips = matched_range(record, record.affecting("13.1-FIPS 37.150"))
    assert fips.startswith("13.1-FIPS ≤ v < 13.1-FIPS-37.176") and "also lists" not in fips
    gateway = CveProduct(_NETSCALER_6548[:2], "unaffected", "NetScaler Gateway", "netscaler")
    assert "also lists" not in matched_range(gateway, gateway.affecting("13.1-49.15"))


def test_a_bad_entry_is_named() -> None:
    text = (
        "schemes:\n  - {name: x, vendor: V, products: [P], rule: nope, description: "
        "'twenty characters at least', source: 'https://example.com', source_confirmed: true,"
        " examples: ['1', '2', '3', '4', '5']}\n"
    )
    with pytest.raises(ValueError, match=r"schemes\.0\.rule: .*unknown rule 'nope'"):
        parse_schemes(text)
    with pytest.raises(ValueError, match=r"schemes\.0\.source"):
        parse_schemes(text.replace("rule: nope", "rule: generic").replace("https://", "www."))


_ONE_SCHEME = (
    "schemes:\n  - {name: x, vendor: V, products: [P], rule: generic, description: "
    "'twenty characters at least', source: 'https://example.com/versions', "
    "source_confirmed: CONFIRMED, NOTE examples: ['1', '2', '3', '4', '5']}\n"
)


def _one_scheme(*, confirmed: bool, note: str | None) -> str:
    text = _ONE_SCHEME.replace("CONFIRMED", "true" if confirmed else "false")
    return text.replace("NOTE ", "" if note is None else f"source_note: '{note}', ")


def test_a_source_note_is_kept_with_or_without_a_confirmed_source() -> None:
    note = "searched the vendor site; the address comes from an advisory"
    for confirmed in (True, False):
        (scheme,) = parse_schemes(_one_scheme(confirmed=confirmed, note=note))
        assert scheme.source_note == note
    (scheme,) = parse_schemes(_one_scheme(confirmed=True, note=None))
    assert scheme.source_note is None


def test_an_unconfirmed_source_must_say_what_was_searched() -> None:
    for note in (None, " "):
        with pytest.raises(ValueError, match=r"schemes\.0: .*source_note is required"):
            parse_schemes(_one_scheme(confirmed=False, note=note))


@pytest.mark.parametrize(
    "scheme", [s for s in SCHEMES if not s.source_confirmed], ids=lambda s: s.name
)
def test_every_unconfirmed_builtin_source_is_explained(scheme: VendorScheme) -> None:
    assert scheme.source_note and "search" in scheme.source_note.lower()
