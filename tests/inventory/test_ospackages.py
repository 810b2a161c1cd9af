"""dpkg status, apk installed and rpm -qa: OS packages as OSV's distribution records name them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from aicc.core.components import Inventory
from aicc.core.errors import InventoryError
from aicc.inventory.interface import InventoryFormat
from aicc.inventory.ospackages import (
    FORMATS,
    ApkInstalledFormat,
    DpkgStatusFormat,
    RpmQaFormat,
)
from tests.inventory.helpers import (
    INVENTORIES,
    assert_packages,
    damaged,
    fuzz,
    parse_bytes,
    reasons,
    refusal,
)

OS = INVENTORIES / "os"
EPOCH_HIDDEN = "epoch not shown by rpm -qa's default format"


def summary(inventory: Inventory) -> list[tuple[str, str | None, str | None, str | None]]:
    """(name, version, location, notes) of each component."""
    return [(c.name, c.version, c.location, c.notes) for c in inventory.components]


# --- dpkg status -----------------------------------------------------------------------------


def test_dpkg_status_gives_installed_source_packages() -> None:
    path = OS / "dpkg-status"
    inventory = DpkgStatusFormat().parse(path)
    assert summary(inventory) == [
        ("base-files", "12.4+deb12u5", "line 1", "binary packages: base-files"),
        ("bash", "5.2.15-2", "line 22", "binary packages: bash"),  # the source version
        ("curl", "7.88.1-10+deb12u4", "line 44", "binary packages: curl, libcurl4"),
        ("glibc", "2.36-9+deb12u3", "line 69", "binary packages: libc6"),
        ("openssl", "3.0.11-1~deb12u2", "line 97", "binary packages: libssl3, openssl"),
        (
            "openssh",
            "1:9.2p1-2+deb12u1",
            "line 114",
            "binary packages: openssh-client, openssh-server",
        ),
    ]  # exim4-base is "deinstall ok config-files": not installed
    assert inventory.skipped == []
    assert {c.ecosystem for c in inventory.components} == {"Debian"}
    purls = {c.name: c.purl for c in inventory.components}
    assert purls["openssl"] == "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=source"
    assert purls["openssh"] == "pkg:deb/debian/openssh@1:9.2p1-2%2Bdeb12u1?arch=source"


def test_dpkg_entries_without_version_or_with_a_bad_source_are_skipped() -> None:
    path = OS / "dpkg-status.bad-entries"
    inventory = DpkgStatusFormat().parse(path)
    assert summary(inventory) == [("zlib", "1:1.2.13.dfsg-1", "line 8", "binary packages: zlib1g")]
    assert reasons(inventory) == [
        ("line 1", "tzdata: no Version field"),
        ("line 15", "ca-certificates: not a Source field: 'ca certificates (20230311)'"),
    ]


@pytest.mark.parametrize(
    ("status", "installed"),
    [
        ("install ok installed", True),
        ("hold ok installed", True),
        ("deinstall ok installed", True),  # marked for removal, still on disk
        ("deinstall ok config-files", False),
        ("install ok half-installed", False),
        ("purge ok not-installed", False),
        ("installed", False),
    ],
)
def test_only_packages_whose_files_are_on_disk_count(
    tmp_path: Path, status: str, installed: bool
) -> None:
    path = tmp_path / "status"
    path.write_text(f"Package: sudo\nStatus: {status}\nVersion: 1.9.13p3-1+deb12u1\n")
    assert len(DpkgStatusFormat().parse(path).components) == int(installed)


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        (" continued\n", "line 1", "continuation line outside a field"),
        ("Package: sudo\nthis is prose\n", "line 2", "not a field: 'this is prose'"),
        ("Package: sudo\n#Status: x\n", "line 2", "not a field: '#Status: x'"),
    ],
)
def test_what_is_no_deb822_raises(tmp_path: Path, text: str, location: str, message: str) -> None:
    path = tmp_path / "status"
    path.write_text(text)
    assert refusal(DpkgStatusFormat(), path) == (str(path), location, message)


def test_a_truncated_dpkg_status_names_the_line() -> None:
    path = OS / "dpkg-status.truncated"
    assert refusal(DpkgStatusFormat(), path) == (str(path), "line 147", "not a field: 'Prior'")


# --- apk installed ---------------------------------------------------------------------------


def test_apk_installed_gives_origin_packages() -> None:
    path = OS / "apk-installed"
    inventory = ApkInstalledFormat().parse(path)
    assert summary(inventory) == [
        ("musl", "1.2.4-r2", "line 1", "packages: musl"),
        ("busybox", "1.36.1-r2", "line 20", "packages: busybox"),
        ("openssl", "3.1.4-r0", "line 39", "packages: libcrypto3, libssl3"),
        ("zlib", "1.2.13-r1", "line 77", "packages: zlib"),
        ("curl", "8.4.0-r0", "line 96", "packages: libcurl, curl"),
    ]
    assert {(c.ecosystem, c.purl) for c in inventory.components if c.name == "openssl"} == {
        ("Alpine", "pkg:apk/alpine/openssl@3.1.4-r0")
    }
    assert inventory.skipped == []


def test_apk_entries_without_a_usable_version_are_skipped() -> None:
    inventory = ApkInstalledFormat().parse(OS / "apk-installed.bad-entries")
    assert summary(inventory) == [("pax-utils", "1.3.7-r1", "line 12", "packages: scanelf")]
    assert reasons(inventory) == [
        ("line 1", "alpine-baselayout: no P: or V: line"),
        ("line 6", "ssl_client: not an Alpine version: 'latest'"),
    ]


def test_what_is_no_apk_database_raises() -> None:
    path = OS / "apk-installed.not-apk"
    assert refusal(ApkInstalledFormat(), path) == (
        str(path),
        "line 3",
        "not an apk field: 'this line is not an apk field'",
    )


# --- rpm -qa ---------------------------------------------------------------------------------


def test_rpm_qa_gives_each_package_once_with_its_architectures() -> None:
    path = OS / "rpm-qa.txt"
    inventory = RpmQaFormat().parse(path)
    x86, noarch = f"architectures: x86_64; {EPOCH_HIDDEN}", f"architectures: noarch; {EPOCH_HIDDEN}"
    assert summary(inventory) == [  # the gpg-pubkey line is a signing key, not software
        ("bash", "5.1.8-6.el9_1", "line 2", x86),
        ("curl", "7.76.1-26.el9_3.2", "line 3", x86),
        ("glibc", "2.34-83.el9.7", "line 4", f"architectures: i686, x86_64; {EPOCH_HIDDEN}"),
        ("libcurl", "7.76.1-26.el9_3.2", "line 6", x86),
        ("openssh", "8.7p1-34.el9", "line 7", x86),
        ("openssh-server", "8.7p1-34.el9", "line 8", x86),
        ("openssl", "3.0.7-24.el9", "line 9", x86),
        ("openssl-libs", "3.0.7-24.el9", "line 10", x86),
        ("python3-requests", "2.25.1-7.el9", "line 11", noarch),
        ("tzdata", "2023c-1.el9", "line 12", noarch),
    ]
    assert {c.ecosystem for c in inventory.components} == {"Red Hat"}
    assert inventory.skipped == []


def test_rpm_query_format_with_epochs() -> None:
    inventory = RpmQaFormat().parse(OS / "rpm-qa-epoch.txt")
    assert [(c.name, c.version, c.purl) for c in inventory.components] == [
        ("bash", "5.1.8-6.el9_1", "pkg:rpm/redhat/bash@5.1.8-6.el9_1"),
        ("openssl", "1:3.0.7-24.el9", "pkg:rpm/redhat/openssl@3.0.7-24.el9?epoch=1"),
        ("openssl-libs", "1:3.0.7-24.el9", "pkg:rpm/redhat/openssl-libs@3.0.7-24.el9?epoch=1"),
        ("openssh-server", "8.7p1-34.el9", "pkg:rpm/redhat/openssh-server@8.7p1-34.el9"),
    ]
    assert inventory.components[2].notes == "architectures: x86_64"


@pytest.mark.parametrize(
    ("line", "name", "version"),
    [
        ("openssl-libs-3.0.7-24.el9.x86_64", "openssl-libs", "3.0.7-24.el9"),
        ("openssl-libs-1:3.0.7-24.el9.x86_64", "openssl-libs", "1:3.0.7-24.el9"),
        ("openssl-libs-0:3.0.7-24.el9.x86_64", "openssl-libs", "3.0.7-24.el9"),
        ("kernel-core-5.14.0-362.8.1.el9_3.aarch64", "kernel-core", "5.14.0-362.8.1.el9_3"),
        ("perl-IO-Socket-SSL-2.073-1.el9.noarch", "perl-IO-Socket-SSL", "2.073-1.el9"),
        (
            "java-17-openjdk-headless-1:17.0.9.0.9-2.el9.x86_64",
            "java-17-openjdk-headless",
            "1:17.0.9.0.9-2.el9",
        ),
        ("bash 0:5.1.8-6.el9_1 x86_64", "bash", "5.1.8-6.el9_1"),
        ("bash (none):5.1.8-6.el9_1", "bash", "5.1.8-6.el9_1"),
        ("grub2-common 1:2.06-70.el9 noarch", "grub2-common", "1:2.06-70.el9"),
    ],
)
def test_rpm_lines(tmp_path: Path, line: str, name: str, version: str) -> None:
    path = tmp_path / "packages.rpmqa"
    path.write_text(line + "\n")
    [component] = RpmQaFormat().parse(path).components
    assert (component.name, component.version) == (name, version)


def test_noise_in_an_rpm_listing_is_skipped_alone() -> None:
    inventory = RpmQaFormat().parse(OS / "rpm-qa.some-noise.txt")
    assert [c.name for c in inventory.components] == ["openssl-libs", "bash"]
    assert reasons(inventory) == [
        (
            "line 2",
            "not an rpm package: 'Last metadata expiration check: 0:12:03 ago on Mon 04 Mar 20'",
        )
    ]


def test_a_file_with_no_rpm_line_raises() -> None:
    path = OS / "rpm-qa.not-a-listing.txt"
    assert refusal(RpmQaFormat(), path) == (str(path), "line 1", "not an rpm -qa listing")


# --- recognising the files -------------------------------------------------------------------

DPKG_HEAD = (OS / "dpkg-status").read_bytes()[:4096]
APK_HEAD = (OS / "apk-installed").read_bytes()[:4096]
RPM_HEAD = (OS / "rpm-qa.txt").read_bytes()[:4096]


@pytest.mark.parametrize(
    ("path", "head", "format_name"),
    [
        ("/var/lib/dpkg/status", DPKG_HEAD, "dpkg-status"),
        ("/srv/scan/dpkg-status", DPKG_HEAD, "dpkg-status"),
        ("/srv/project/status", b"Status: done\nPackage: none\n", None),
        ("/srv/project/status", b"# status\n", None),
        ("/lib/apk/db/installed", APK_HEAD, "apk-installed"),
        ("/lib/apk/db/installed", b"P:musl\nV:1.2.4-r2\n", "apk-installed"),
        ("/srv/app/installed", b"yes\n", None),
        ("/srv/scan/rpm-qa-web01.txt", b"", "rpm-qa"),
        ("/srv/scan/web01.rpmqa", b"", "rpm-qa"),
        ("/srv/scan/web01-packages.txt", RPM_HEAD, "rpm-qa"),
        ("/srv/scan/packages", b"bash 0:5.1.8-6.el9_1 x86_64\n", "rpm-qa"),
        ("/srv/scan/notes.txt", b"Maintenance notes, 3 March\n", None),
        ("/srv/app/requirements.txt", b"requests==2.31.0\nurllib3==1.26.5\n", None),
        ("/srv/app/versions.txt", b"app-1.2-3.x86_64\nthen some prose\n", None),
        ("/srv/app/build.py", RPM_HEAD, None),
        ("/srv/app/empty.txt", b"", None),
        ("/srv/app/latin1.txt", b"caf\xe9-1-1.noarch\n", None),
    ],
)
def test_each_format_recognises_its_files(path: str, head: bytes, format_name: str | None) -> None:
    accepted = [f.name for f in FORMATS if f.accepts(Path(path), head)]
    assert accepted == ([format_name] if format_name else [])


def test_a_head_cut_mid_line_is_judged_on_its_whole_lines() -> None:
    head = (b"bash-5.1.8-6.el9_1.x86_64\n" * 200)[:4096]
    assert not head.endswith(b"\n")
    assert RpmQaFormat().accepts(Path("/srv/scan/packages"), head)


# --- fuzzing: only InventoryError or a valid Inventory --------------------------------------

SEEDS: dict[str, tuple[InventoryFormat, bytes]] = {
    "status": (DpkgStatusFormat(), (OS / "dpkg-status").read_bytes()),
    "installed": (ApkInstalledFormat(), (OS / "apk-installed").read_bytes()),
    "rpm-qa.txt": (RpmQaFormat(), (OS / "rpm-qa.txt").read_bytes()),
    "rpm-qa-epoch.txt": (RpmQaFormat(), (OS / "rpm-qa-epoch.txt").read_bytes()),
}
FUZZ = fuzz(80)


@FUZZ
@given(data=st.data(), name=st.sampled_from(sorted(SEEDS)))
def test_any_bytes_give_an_inventory_or_inventory_error(data: st.DataObject, name: str) -> None:
    fmt, seed = SEEDS[name]
    blob = data.draw(st.binary(max_size=300) | damaged(seed))
    path, result = parse_bytes(fmt, name, blob)
    if isinstance(result, InventoryError):
        assert result.path == path and result.location
        return
    assert_packages(result, path)


@pytest.mark.parametrize(
    ("os_release", "expected"),
    [
        ('ID=debian\nVERSION_ID="12"\n', "Debian:12"),
        ('ID=ubuntu\nVERSION_ID="22.04"\n', "Ubuntu"),
        ("", "Debian"),
    ],
)
def test_dpkg_release_comes_from_os_release(tmp_path: Path, os_release: str, expected: str) -> None:
    database = tmp_path / "var" / "lib" / "dpkg" / "status"
    database.parent.mkdir(parents=True)
    database.write_text("Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b2\n")
    if os_release:
        (tmp_path / "etc").mkdir()
        (tmp_path / "etc" / "os-release").write_text(os_release)
    [component] = DpkgStatusFormat().parse(database).components
    assert component.ecosystem == expected


def test_apk_release_comes_from_os_release(tmp_path: Path) -> None:
    database = tmp_path / "lib" / "apk" / "db" / "installed"
    database.parent.mkdir(parents=True)
    database.write_text("C:Q1abc=\nP:busybox\nV:1.36.1-r2\no:busybox\n\n")
    (tmp_path / "usr" / "lib").mkdir(parents=True)
    (tmp_path / "usr" / "lib" / "os-release").write_text("ID=alpine\nVERSION_ID=3.18.4\n")
    [component] = ApkInstalledFormat().parse(database).components
    assert component.ecosystem == "Alpine:v3.18"


def test_no_release_is_read_from_above_a_project_folder(tmp_path: Path) -> None:
    """A database at a project's top (the center's work folder is one) is not read with the
    os-release of whatever tree the project sits in."""
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "os-release").write_text('ID=debian\nVERSION_ID="12"\n')
    project = tmp_path / "srv" / "scans" / "host-1"
    (project / ".git").mkdir(parents=True)
    database = project / "status"
    database.write_text("Package: bash\nStatus: install ok installed\nVersion: 5.2.15-2+b2\n")
    [component] = DpkgStatusFormat().parse(database).components
    assert component.ecosystem == "Debian"
    (project / ".git").rmdir()
    [component] = DpkgStatusFormat().parse(database).components
    assert component.ecosystem == "Debian:12"  # the same place outside a project: the tree's
