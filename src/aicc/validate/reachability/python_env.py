"""An installed Python environment under a project root: its distributions, the modules each
provides, how each can be started without an import, and which installed code imports what."""

from __future__ import annotations

import csv
import io
import posixpath
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from aicc.core.packages import normalize_name
from aicc.validate.reachability.files import FileBudget, iter_dirs, read_bytes, shown
from aicc.validate.reachability.python_parse import IMPORT, ImportFilter, PyRef, python_refs

# Modules of well-known distributions whose import name differs from the distribution's name,
# used when no installed environment says (PEP 503 names).
KNOWN_MODULES: dict[str, tuple[str, ...]] = {
    "attrs": ("attr", "attrs"),
    "beautifulsoup4": ("bs4",),
    "dnspython": ("dns",),
    "gitpython": ("git",),
    "google-protobuf": ("google.protobuf",),
    "grpcio": ("grpc",),
    "msgpack-python": ("msgpack",),
    "mysqlclient": ("MySQLdb",),
    "opencv-contrib-python": ("cv2",),
    "opencv-python": ("cv2",),
    "opencv-python-headless": ("cv2",),
    "paho-mqtt": ("paho.mqtt",),
    "pillow": ("PIL",),
    "protobuf": ("google.protobuf",),
    "psycopg2-binary": ("psycopg2",),
    "pycrypto": ("Crypto",),
    "pycryptodome": ("Crypto",),
    "pycryptodomex": ("Cryptodome",),
    "pyjwt": ("jwt",),
    "pymupdf": ("fitz", "pymupdf"),
    "pyopenssl": ("OpenSSL",),
    "pyserial": ("serial",),
    "python-dateutil": ("dateutil",),
    "python-jose": ("jose",),
    "python-multipart": ("multipart", "python_multipart"),
    "pywin32": ("win32api", "win32con", "win32com", "pythoncom", "pywintypes"),
    "pyyaml": ("yaml", "_yaml"),
    "pyzmq": ("zmq",),
    "scikit-image": ("skimage",),
    "scikit-learn": ("sklearn",),
    "setuptools": ("setuptools", "pkg_resources", "_distutils_hack"),
    "websocket-client": ("websocket",),
}


def guessed_modules(name: str) -> tuple[str, ...]:
    """The modules a distribution probably provides when no installed metadata says: the table
    above, else the name with ``-`` as ``_`` (and as ``.`` for namespace packages such as
    ``zope.interface``), without a ``python-`` prefix."""
    key = normalize_name("PyPI", name)
    if key in KNOWN_MODULES:
        return KNOWN_MODULES[key]
    guesses = [key.replace("-", "_"), key.replace("-", ".")]
    if key.startswith("python-"):
        guesses.append(key.removeprefix("python-").replace("-", "_"))
    return tuple(dict.fromkeys(guesses))


@dataclass
class Distribution:
    """One installed distribution, from its ``*.dist-info`` (or ``*.egg-info``) directory."""

    name: str
    version: str | None
    key: str = ""  # the PEP 503 name
    modules: frozenset[str] = frozenset()  # dotted names it provides
    entry_points: list[str] = field(default_factory=list)  # "console_scripts: gunicorn"
    scripts: list[str] = field(default_factory=list)  # files it installs in bin/ or Scripts/
    files: list[str] = field(default_factory=list)  # RECORD paths relative to site-packages


@dataclass(frozen=True, slots=True)
class InstalledRef:
    """An import (or module-like string) in installed code, and whose code it is."""

    ref: PyRef
    where: str  # file:line
    owner: str | None  # the distribution's PEP 503 name; None for files no RECORD lists
    file_module: str  # the dotted module of the file itself


@dataclass
class Environment:
    """A virtual environment's site-packages and what was found in it."""

    site_packages: Path
    display: str  # the site-packages directory as the reader should see it
    dists: dict[str, Distribution] = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)  # RECORD path -> distribution
    entry_points: list[tuple[str, str, str, str]] = field(default_factory=list)  # owner,
    # group, name, module
    refs: dict[str, list[InstalledRef]] = field(default_factory=dict)  # by top-level name
    damaged: list[tuple[str, bytes | None]] = field(default_factory=list)  # None: unreadable
    startup: list[tuple[str, str, str | None]] = field(default_factory=list)  # .pth imports


def _site_packages(base: Path) -> Iterator[Path]:
    for lib in ("lib", "lib64"):
        for python in sorted((base / lib).glob("python3*")):
            if (python / "site-packages").is_dir():
                yield python / "site-packages"
    if (base / "Lib" / "site-packages").is_dir():
        yield base / "Lib" / "site-packages"


def find_site_packages(root: Path) -> Path | None:
    """The site-packages of ``.venv``, ``venv``, another virtualenv directly under ``root``, or
    of ``root`` itself (``root/lib/python3*/site-packages``)."""
    others = [
        d
        for d in iter_dirs(root)
        if d.name not in (".venv", "venv") and (d / "pyvenv.cfg").is_file()
    ]
    for base in (root / ".venv", root / "venv", *others, root):
        found = next(_site_packages(base), None)
        if found is not None:
            return found
    return None


def _headers(text: str) -> dict[str, str]:
    headers: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip():
            break
        key, sep, value = line.partition(":")
        if sep and not key.startswith((" ", "\t")):
            headers.setdefault(key.strip().lower(), value.strip())
    return headers


def _text(path: Path) -> str:
    data = read_bytes(path)
    return data.decode("utf-8", "replace") if data is not None else ""


def _module_of(relative: str) -> list[str] | None:
    """``yaml/constructor.py`` -> [yaml, constructor]; None for a file that is not a module."""
    parts = list(PurePosixPath(relative).parts)
    if (
        not parts
        or parts[0] == ".."
        or any(p.endswith((".dist-info", ".egg-info", ".data")) for p in parts)
    ):
        return None
    name = parts[-1]
    if name.endswith((".py", ".pyi")):
        stem = name.rsplit(".", 1)[0]
    elif name.endswith((".so", ".pyd")):
        stem = name.split(".", 1)[0]
    else:
        return None
    names = [*parts[:-1], stem] if stem != "__init__" else parts[:-1]
    return names if names and all(n.isidentifier() for n in names) else None


def _record_modules(files: list[str]) -> frozenset[str]:
    """The shortest importable names for the files of RECORD: a namespace package (a directory
    the distribution has no ``__init__.py`` for, such as ``google``) is not one."""
    packages = {
        str(PurePosixPath(f).parent)
        for f in files
        if PurePosixPath(f).name in ("__init__.py", "__init__.pyi")
        or PurePosixPath(f).name.startswith("__init__.")
    }
    modules: set[str] = set()
    for f in files:
        names = _module_of(f)
        if names is None:
            continue
        for depth in range(1, len(names) + 1):
            if depth == len(names) or "/".join(names[:depth]) in packages:
                modules.add(".".join(names[:depth]))
                break
    return frozenset(modules)


def _entry_points(text: str) -> list[tuple[str, str, str]]:
    """(group, name, module) of every entry point in an ``entry_points.txt``."""
    found, group = [], ""
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("[") and line.endswith("]"):
            group = line[1:-1].strip()
        elif "=" in line and not line.startswith(("#", ";")):
            name, _, value = line.partition("=")
            module = value.split(":", 1)[0].split("[", 1)[0].strip()
            found.append((group, name.strip(), module))
    return found


def _read_dist(meta: Path) -> tuple[Distribution, list[tuple[str, str, str]]]:
    egg = meta.name.endswith(".egg-info")
    headers = _headers(_text(meta / ("PKG-INFO" if egg else "METADATA")))
    stem = meta.name.rsplit(".", 1)[0]
    name = headers.get("name") or stem.split("-", 1)[0]
    version = headers.get("version") or (stem.split("-", 1)[1] if "-" in stem else None)
    dist = Distribution(name, version, normalize_name("PyPI", name))
    if egg:  # installed-files.txt lists paths relative to the .egg-info directory
        dist.files = [
            posixpath.normpath(f"{meta.name}/{line.strip()}")
            for line in _text(meta / "installed-files.txt").splitlines()
            if line.strip()
        ]
    else:
        try:
            rows = list(csv.reader(io.StringIO(_text(meta / "RECORD"))))
        except csv.Error:
            rows = []
        dist.files = [
            posixpath.normpath(row[0].replace("\\", "/")) for row in rows if row and row[0]
        ]
    dist.modules = _record_modules(dist.files) or frozenset(
        line.strip().replace("/", ".")
        for line in _text(meta / "top_level.txt").splitlines()
        if line.strip()
    )
    points = _entry_points(_text(meta / "entry_points.txt"))
    dist.entry_points = [f"{group}: {name}" for group, name, _ in points]
    dist.scripts = [
        f for f in dist.files if f.startswith("..") and ("/bin/" in f or "/Scripts/" in f)
    ]
    return dist, points


def _dist_dirs(site: Path) -> list[Path]:
    return [d for d in iter_dirs(site) if d.name.endswith((".dist-info", ".egg-info"))]


def read_environment(site: Path, display: str) -> Environment:
    """The distributions installed in ``site`` (their metadata only)."""
    env = Environment(site, display)
    for meta in _dist_dirs(site):
        dist, points = _read_dist(meta)
        env.dists.setdefault(dist.key, dist)
        env.owners.update(dict.fromkeys(dist.files, dist.key))
        env.entry_points += [(dist.key, group, name, module) for group, name, module in points]
    return env


def _startup_imports(env: Environment, tops: Collection[str]) -> None:
    """``import`` lines of ``*.pth`` files: site runs them at every interpreter start."""
    for pth in sorted(env.site_packages.glob("*.pth")):
        for number, line in enumerate(_text(pth).splitlines(), start=1):
            if not line.startswith(("import ", "import\t")):
                continue
            owner = env.owners.get(pth.name)
            for ref in python_refs(line.encode(), tops) or []:
                env.startup.append((ref.module, f"{pth.name}:{number}", owner))


def _add(env: Environment, ref: InstalledRef) -> None:
    env.refs.setdefault(ref.ref.module.split(".", 1)[0], []).append(ref)


def scan_installed(env: Environment, tops: Collection[str], budget: FileBudget) -> None:
    """Every import of a module named in ``tops`` in the installed ``.py`` files, entry points
    and ``.pth`` files of ``env``."""
    site = env.site_packages
    _startup_imports(env, tops)
    for owner, group, name, module in env.entry_points:
        if module.split(".", 1)[0] in tops:
            where = f"{owner} entry point {group}: {name}"
            _add(env, InstalledRef(PyRef(module, 0, IMPORT), where, owner, ""))
    wanted = ImportFilter.of(tops)
    for path in sorted(site.rglob("*.py")):
        relative = path.relative_to(site).as_posix()
        if "__pycache__" in relative or ".dist-info/" in relative:
            continue
        if not budget.take():
            break
        data = read_bytes(path)
        place = shown(path, site, env.display)
        if data is None:
            env.damaged.append((place, None))
            continue
        refs = python_refs(data, tops, wanted)
        if refs is None:
            env.damaged.append((place, data))
            continue
        module = ".".join(_module_of(relative) or [])
        for ref in refs:
            _add(env, InstalledRef(ref, f"{place}:{ref.line}", env.owners.get(relative), module))
