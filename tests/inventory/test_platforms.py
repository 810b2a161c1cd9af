"""The platform a component runs on: the ways inventories and Nmap name an OS, as one word."""

from __future__ import annotations

import pytest

from aicc.inventory.platforms import normalise_platform


@pytest.mark.parametrize(
    ("text", "platform"),
    [
        ("Windows Server 2019", "windows"),
        ("Microsoft Windows 10 Pro", "windows"),
        ("Win10", "windows"),
        ("WINDOWS", "windows"),
        ("Microsoft Windows Server 2016 or Server 2019", "windows"),  # Nmap's OS match
        ("Ubuntu 22.04", "linux"),
        ("Ubuntu 22.04.3 LTS", "linux"),
        ("RHEL 9", "linux"),
        ("Red Hat Enterprise Linux 8.9", "linux"),
        ("Linux", "linux"),
        ("Linux 4.15 - 5.8", "linux"),  # Nmap's OS match
        ("Debian GNU/Linux 12 (bookworm)", "linux"),
        ("CentOS 7", "linux"),
        ("SLES 15 SP5", "linux"),
        ("Amazon Linux 2023", "linux"),
        ("macOS", "macos"),
        ("macOS 14 Sonoma", "macos"),
        ("Mac OS X 10.15", "macos"),
        ("Apple macOS 12 (Monterey) (Darwin 21.1.0 - 21.6.0)", "macos"),
        ("iOS 17.2", "ios"),
        ("iPadOS 17", "ios"),
        ("Apple iOS", "ios"),
        ("Android 13", "android"),
        ("Android 9 - 10 (Linux 4.9 - 4.14)", "android"),  # Nmap: Android is no desktop Linux
        # Cisco's IOS is no iPhone: kept as written, lower-cased
        ("Cisco IOS", "cisco ios"),
        ("Cisco IOS 15.2", "cisco ios 15.2"),
        ("IOS XE 17.9", "ios xe 17.9"),
        ("IOS-XR", "ios-xr"),
        # what no family covers is kept, lower-cased, spaces collapsed
        ("FortiOS  7.0", "fortios 7.0"),
        ("Fortinet FortiOS", "fortinet fortios"),
        ("VxWorks", "vxworks"),
        ("FreeBSD 13.2", "freebsd 13.2"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_platforms(text: str | None, platform: str | None) -> None:
    assert normalise_platform(text) == platform
