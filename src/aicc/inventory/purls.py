"""Components from the identifiers SBOMs carry: a purl (a package) or a CPE (an appliance)."""

from __future__ import annotations

import re
from typing import NamedTuple, TypedDict, Unpack
from urllib.parse import unquote

from packageurl import PackageURL

from aicc.core.components import Component
from aicc.core.cpe import split_cpe, unescape
from aicc.core.problems import Problem

__all__ = [
    "ComponentExtra",
    "canonical_purl",
    "component_from_cpe",
    "component_from_purl",
    "cpe_identity",
    "ecosystem_for",
    "identify_component",
    "parse_purl",
]


class ComponentExtra(TypedDict, total=False):
    """What an SBOM says about a component besides its identifier."""

    bom_ref: str | None
    direct: bool | None
    scope: str | None
    notes: str | None
    exposure: str | None


# purl type -> OSV ecosystem, for the types whose ecosystem does not depend on the namespace.
_ECOSYSTEMS = {
    "pypi": "PyPI",
    "npm": "npm",
    "golang": "Go",
    "cargo": "crates.io",
    "maven": "Maven",
    "gem": "RubyGems",
    "composer": "Packagist",
    "nuget": "NuGet",
    "pub": "Pub",
    "hex": "Hex",
    "swift": "SwiftURL",
}
# rpm namespaces: the os-release ID that Syft and Trivy write, and what core.packages.purl_for
# writes ("rocky-linux").
_RPM_VENDORS = {
    "redhat": "Red Hat",
    "rocky": "Rocky Linux",
    "rocky-linux": "Rocky Linux",
    "almalinux": "AlmaLinux",
    "suse": "SUSE",
    "sles": "SUSE",
    "opensuse": "openSUSE",
    "opensuse-leap": "openSUSE",
    "opensuse-tumbleweed": "openSUSE",
}
# OSV's Debian ecosystems are numbered; SBOM tools write a release number or a codename.
_DEBIAN_CODENAMES = {
    "wheezy": "7",
    "jessie": "8",
    "stretch": "9",
    "buster": "10",
    "bullseye": "11",
    "bookworm": "12",
    "trixie": "13",
    "forky": "14",
    "duke": "15",
}
# The purl spec makes the namespace required for these types, but packageurl-python accepts
# ``pkg:swift/Alamofire@5.4.3`` (purl-spec swift-test.json); without it the ecosystem's name
# (Maven group:artifact, Packagist vendor/name, the distribution) cannot be spelled.
_NAMESPACE_REQUIRED = {"maven", "composer", "swift", "deb", "rpm", "apk"}
# Where the ecosystem spells a package by namespace and name together.
_JOINED = {"golang", "npm", "composer", "swift"}
_RELEASE = re.compile(r"(?:[a-z]+-)?v?(\d+)(?:\.(\d+))?[.\d]*")
_GO_VERSION = re.compile(r"v\d")


class _Purl(NamedTuple):
    """A parsed, normalised purl and its canonical string."""

    type: str
    namespace: str | None
    name: str
    version: str | None
    qualifiers: dict[str, str]
    subpath: str | None
    canonical: str


# A fast path for the purls SBOM tools write most: plain ASCII, no percent-escapes but an npm
# scope's "%40" and a version's "%2B", no subpath. For those, the library's normalisation (three
# passes, most of a 5,000-component SBOM's parse time) comes down to lower-casing by type, done
# here; tests/inventory/test_purls.py checks that both paths agree on every string this takes.
_SEGMENT = r"[A-Za-z0-9._~-]+"
_QUALIFIER = rf"[a-z][a-z0-9._-]*={_SEGMENT}"
_PLAIN = re.compile(
    rf"pkg:(?P<type>[a-z]+)/(?P<path>(?:%40{_SEGMENT}/)?{_SEGMENT}(?:/{_SEGMENT})*)"
    r"(?:@(?P<version>(?:[A-Za-z0-9._~+:-]|%2B)+))?"
    rf"(?:\?(?P<qualifiers>{_QUALIFIER}(?:&{_QUALIFIER})*))?"
)
# purl type -> (lower-case the namespace, lower-case the name), as packageurl-python does.
_PLAIN_TYPES = {
    "pypi": (True, True),
    "npm": (False, True),
    "golang": (False, False),
    "cargo": (False, False),
    "maven": (False, False),
    "gem": (False, False),
    "composer": (True, True),
    "nuget": (False, False),
    "hex": (True, True),
    "swift": (False, False),
    "deb": (False, False),
    "rpm": (False, False),
    "apk": (True, True),
    "generic": (False, False),
}


def _parse_plain(purl: str) -> _Purl | None:
    """The parsed purl, when ``purl`` takes the fast path."""
    match = _PLAIN.fullmatch(purl)
    if match is None or match["type"] not in _PLAIN_TYPES:
        return None
    kind = match["type"]
    lower_namespace, lower_name = _PLAIN_TYPES[kind]
    namespace, _, name = match["path"].rpartition("/")
    if lower_name:
        name = name.lower()
    if kind == "pypi":
        name = name.replace("_", "-")
    if lower_namespace:
        namespace = namespace.lower()
    if namespace.startswith("%40"):
        namespace = "@" + namespace[3:]
    qualifiers = (
        dict(sorted(dict(pair.split("=", 1) for pair in match["qualifiers"].split("&")).items()))
        if match["qualifiers"]
        else {}
    )
    version = match["version"].replace("%2B", "+") if match["version"] else None
    text = [f"pkg:{kind}/"]
    if namespace:
        text.append(f"{namespace.replace('@', '%40', 1)}/")
    text.append(name)
    if version:
        text.append(f"@{version.replace('+', '%2B')}")
    if qualifiers:
        text.append("?" + "&".join(f"{key}={value}" for key, value in qualifiers.items()))
    return _Purl(kind, namespace or None, name, version, qualifiers, None, "".join(text))


def _parse(purl: str) -> _Purl:
    if not isinstance(purl, str):
        raise ValueError(f"a purl is a string, got {type(purl).__name__}")
    parsed = _parse_plain(purl)
    if parsed is None:
        try:
            library = PackageURL.from_string(purl)
        except ValueError as exc:
            raise ValueError(f"invalid purl {purl!r}: {exc}") from None
        # packageurl-python drops an empty last segment: ``pkg:swift/github.com/Alamofire/@5.4.3``
        # would become name "Alamofire" (purl-spec swift-test.json says it has no name).
        path = purl.partition("#")[0].partition("?")[0].rstrip()
        at = path.rfind("@")
        if at > path.rfind("/"):
            path = path[:at]
        if path.endswith("/"):
            raise ValueError(f"invalid purl {purl!r}: the name is empty")
        parsed = _Purl(
            library.type,
            library.namespace,
            library.name,
            library.version,
            library.qualifiers,
            library.subpath,
            canonical_purl(library),
        )
    if parsed.type in _NAMESPACE_REQUIRED and not parsed.namespace:
        raise ValueError(f"invalid purl {purl!r}: a {parsed.type} purl needs a namespace")
    return parsed


def parse_purl(purl: str) -> PackageURL:
    """Parse and normalise ``purl``; raises ValueError saying what is wrong with it."""
    parsed = _parse(purl)
    return PackageURL(*parsed[:6], normalize_purl=False)


def canonical_purl(purl: PackageURL) -> str:
    """The canonical string of a parsed purl.

    packageurl-python leaves ``/`` unencoded in qualifier values, where the purl spec encodes it
    (``repository_url=https:%2F%2Frepo.spring.io`` in purl-spec maven-test.json).
    """
    text: str = purl.to_string()
    if not purl.qualifiers:
        return text
    head, _, rest = text.partition("?")
    qualifiers, hash_, subpath = rest.partition("#")
    return f"{head}?{qualifiers.replace('/', '%2F')}{hash_}{subpath}"


def _release(distro: str, codenames: dict[str, str] | None = None) -> tuple[str, str] | None:
    """``"debian-12.4"`` -> ``("12", "4")``; a codename when the distribution has them."""
    distro = distro.strip().lower()
    if codenames is not None:
        codename = distro.rsplit("-", 1)[-1]
        if codename in codenames:
            return codenames[codename], ""
    match = _RELEASE.fullmatch(distro)
    return (match.group(1), match.group(2) or "") if match else None


def ecosystem_for(purl: PackageURL | _Purl) -> str | None:
    """The OSV ecosystem of a parsed purl, with the release when its ``distro`` says it."""
    kind, namespace = purl.type, (purl.namespace or "").lower()
    distro = purl.qualifiers.get("distro", "")
    if kind in _ECOSYSTEMS:
        return _ECOSYSTEMS[kind]
    if kind == "deb":
        if namespace == "ubuntu":
            # OSV's Ubuntu releases ("Ubuntu:22.04:LTS", "Ubuntu:Pro:18.04:LTS") say whether
            # the machine has Ubuntu Pro, which a purl cannot.
            return "Ubuntu"
        if namespace != "debian":
            return None
        release = _release(distro, _DEBIAN_CODENAMES) if distro else None
        return f"Debian:{release[0]}" if release else "Debian"
    if kind == "apk":
        if namespace != "alpine":
            return None
        release = _release(distro) if distro else None
        return f"Alpine:v{release[0]}.{release[1]}" if release and release[1] else "Alpine"
    if kind == "rpm":
        ecosystem = _RPM_VENDORS.get(namespace)
        if ecosystem in {"Rocky Linux", "AlmaLinux"} and distro:
            release = _release(distro)
            return f"{ecosystem}:{release[0]}" if release else ecosystem
        return ecosystem
    return None


def component_from_purl(
    purl: str,
    *,
    source: str,
    location: str | None,
    version: str | None = None,
    cpe: str | None = None,
    **extra: Unpack[ComponentExtra],
) -> Component:
    """A package Component for ``purl``, named as its OSV ecosystem spells it.

    ``version`` is used when the purl has none; ``cpe`` is kept as given. Types with no OSV
    ecosystem (``generic``, ``github``) give a Component with ``ecosystem`` None that keeps the
    purl. Raises ValueError for an invalid purl.
    """
    parsed = _parse(purl)
    ecosystem = ecosystem_for(parsed)
    name: str = parsed.name
    namespace: str | None = parsed.namespace
    found_version: str | None = parsed.version or version
    if parsed.type == "maven":
        name = f"{namespace}:{name}"
    elif namespace and (
        parsed.type in _JOINED or (ecosystem is None and parsed.type not in _NAMESPACE_REQUIRED)
    ):
        name = f"{namespace}/{name}"
    if parsed.type == "golang" and found_version and _GO_VERSION.match(found_version):
        # OSV's Go ranges drop the module version's "v" ("fixed": "1.18.6" in GO-2022-0969).
        found_version = found_version[1:]
    if parsed.type in {"deb", "apk"} and parsed.qualifiers.get("upstream"):
        # OSV keys Debian and Alpine advisories by source package; Syft writes it as
        # ``upstream=openssl`` or, when its version differs, ``upstream=gcc-12@12.2.0-14``.
        binary = name
        name, _, upstream_version = parsed.qualifiers["upstream"].partition("@")
        found_version = upstream_version or found_version
        extra["notes"] = extra.get("notes") or f"binary package {binary}"
    return Component(
        name=name,
        version=found_version,
        source=source,
        ecosystem=ecosystem,
        purl=parsed.canonical,
        cpe=cpe,
        location=location,
        **extra,
    )


_CPE22 = re.compile(r"cpe:/([aho])((?::[^:]*)*)", re.IGNORECASE)
_CPE23_PLAIN = re.compile(r"[A-Za-z0-9_.\-]")


def _bind_23(value: str) -> str:
    """A CPE 2.2 URI attribute as a CPE 2.3 formatted-string attribute."""
    value = unquote(value)
    if value in {"", "*"}:
        return "*"
    if value == "-":
        return "-"
    return "".join(c if _CPE23_PLAIN.match(c) else f"\\{c}" for c in value.lower())


def cpe_identity(cpe: str) -> tuple[str, str, str, str | None]:
    """``(cpe 2.3 string, vendor, product, version)`` of a CPE 2.3 string or 2.2 URI.

    Raises ValueError when ``cpe`` is neither.
    """
    if not isinstance(cpe, str):
        raise ValueError(f"a CPE is a string, got {type(cpe).__name__}")
    match = _CPE22.fullmatch(cpe.strip())
    if match:
        parts = [_bind_23(p) for p in match.group(2)[1:].split(":")][:10] if match.group(2) else []
        if len(parts) < 2 or "*" in parts[:2]:
            raise ValueError(f"a CPE 2.2 URI names a vendor and a product: {cpe!r}")
        parts += ["*"] * (10 - len(parts))
        cpe = ":".join(["cpe:2.3", match.group(1).lower(), *parts])
    fields = split_cpe(cpe.strip())
    if (
        fields["part"] not in {"a", "o", "h"}
        or fields["vendor"] in {"", "*", "-"}
        or fields["product"] in {"", "*", "-"}
    ):
        raise ValueError(f"a CPE names a part (a, o, h), a vendor and a product: {cpe!r}")
    version = fields["version"]
    return (
        cpe.strip(),
        unescape(fields["vendor"]),
        unescape(fields["product"]),
        None if version in {"", "*", "-"} else unescape(version),
    )


def component_from_cpe(
    cpe: str,
    *,
    source: str,
    location: str | None,
    name: str | None = None,
    version: str | None = None,
    **extra: Unpack[ComponentExtra],
) -> Component:
    """An appliance-style Component (vendor, product, CPE 2.3) for software known by CPE only.

    ``name`` and ``version`` are the SBOM's own; the CPE fills what they leave out. Raises
    ValueError for a string that is not a CPE.
    """
    cpe23, vendor, product, cpe_version = cpe_identity(cpe)
    return Component(
        name=name or product,
        version=version or cpe_version,
        source=source,
        cpe=cpe23,
        vendor=vendor,
        product=product,
        location=location,
        **extra,
    )


def identify_component(
    *,
    source: str,
    location: str,
    name: str | None,
    version: str | None,
    purl: str | None,
    cpe: str | None,
    bom_ref: str | None = None,
    direct: bool | None = None,
    scope: str | None = None,
) -> Component | Problem:
    """The Component an SBOM entry describes, or why it cannot be matched to advisories.

    A valid purl makes a package; otherwise a valid CPE makes an appliance-style component. An
    entry needs one of them and a version (from the purl, ``version`` or the CPE); a bad
    identifier beside a good one is ignored and said so in ``notes``.
    """
    label = name or purl or cpe or "an unnamed component"
    extra = ComponentExtra(bom_ref=bom_ref, direct=direct, scope=scope)
    cpe23: str | None = None
    cpe_version: str | None = None
    cpe_problem: str | None = None
    if cpe:
        try:
            cpe23, _, _, cpe_version = cpe_identity(cpe)
        except ValueError as exc:
            cpe_problem = str(exc)
    purl_problem: str | None = None
    component: Component | None = None
    if purl:
        if cpe_problem:
            extra["notes"] = f"CPE ignored: {cpe_problem}"
        try:
            component = component_from_purl(
                purl,
                source=source,
                location=location,
                version=version or cpe_version,
                cpe=cpe23,
                **extra,
            )
        except ValueError as exc:
            purl_problem = str(exc)
    if component is None and cpe23 is not None:
        extra["notes"] = f"purl ignored: {purl_problem}" if purl_problem else None
        component = component_from_cpe(
            cpe23, source=source, location=location, name=name, version=version, **extra
        )
    if component is None:
        problem = purl_problem or cpe_problem or "no purl or CPE identifies it"
        return Problem("inventory", source, location, f"{label}: {problem}")
    if not component.version:
        return Problem(
            "inventory",
            source,
            location,
            f"{label}: no version, so it cannot be matched to advisories",
        )
    return component
