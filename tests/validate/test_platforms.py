"""A CVE record's platform condition against what the inventory says a component runs on."""

from __future__ import annotations

import pytest

from aicc.core.components import Component
from aicc.core.findings import Finding
from aicc.validate.platforms import platform_statement, system_of


def finding(platform: str | None, platforms: list[str]) -> Finding:
    component = Component(
        "php",
        "8.1.20",
        "devices.csv",
        vendor="PHP Group",
        product="PHP",
        location="line 3",
        platform=platform,
    )
    return Finding("CVE-2024-4577", [], component, platforms=platforms)


@pytest.mark.parametrize(
    ("text", "system"),
    [
        ("Windows Server 2019", "windows"),
        ("Ubuntu 22.04 (Linux)", "linux"),
        ("linux", "linux"),
        ("Mac OS X", "macos"),
        ("x64-based Systems", None),
        ("Cisco IOS 15.2", None),  # Cisco's IOS is not Apple's
        ("", None),
    ],
)
def test_the_system_a_platform_text_names(text: str, system: str | None) -> None:
    assert system_of(text) == system


def test_a_flaw_limited_to_another_system_is_not_affected_with_the_reason() -> None:
    statement = platform_statement(finding("linux", ["Windows"]))
    assert statement is not None
    assert statement.status == "not_affected" and statement.suppresses
    assert statement.impact_statement == (
        "the record limits CVE-2024-4577 to Windows; the inventory says this runs on linux"
    )
    assert (statement.source, statement.location) == ("devices.csv", "line 3")


@pytest.mark.parametrize(
    ("platform", "platforms"),
    [
        ("windows", ["Windows"]),  # it applies
        (None, ["Windows"]),  # the inventory does not say: the condition is only shown
        ("linux", []),  # the record sets no condition
        ("linux", ["x64-based Systems"]),  # an architecture, not a system
        ("FortiOS", ["Windows"]),  # a system this cannot place
    ],
)
def test_nothing_is_decided_when_it_cannot_be_told(
    platform: str | None, platforms: list[str]
) -> None:
    assert platform_statement(finding(platform, platforms)) is None
