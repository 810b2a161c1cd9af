"""Property tests: feed loaders given random or mutated input raise FeedError or yield items.

The contract: a file that cannot be read at all raises FeedError naming it; a bad record inside
a good file becomes a Problem naming the record; nothing else escapes. ``AICC_FUZZ_EXAMPLES=2000``
runs every property with that many examples (the store and deep-nesting ones with fewer).
"""

from __future__ import annotations

import gzip
import itertools
import os
import tempfile
import zipfile
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select

import aicc
from aicc.core.errors import FeedError
from aicc.core.problems import Problem
from aicc.core.times import parse_time
from aicc.feeds import epss, osv
from aicc.feeds.detect import detect
from aicc.feeds.records import Item, Record, Unchanged
from aicc.store import tables as t
from aicc.store.importer import LOADERS, Loader, import_path

SAMPLE = Path(aicc.__file__).resolve().parent / "data" / "sample"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

OSV_RECORDS = {p.name: p.read_bytes() for p in sorted((SAMPLE / "osv").glob("*.json"))}
CVE_RECORDS = {p.name: p.read_bytes() for p in sorted((SAMPLE / "cve").rglob("*.json"))}
KEV_CATALOGUE = orjson.loads((SAMPLE / "known_exploited_vulnerabilities.json").read_bytes())
NVD_PAGE = orjson.loads((FIXTURES / "nvd.page.json").read_bytes())
EPSS_CSV = (FIXTURES / "epss.sample.csv").read_text()
RECORDS = {"osv": OSV_RECORDS, "cve": CVE_RECORDS}
CATALOGUES = {"kev": KEV_CATALOGUE, "nvd": NVD_PAGE}
# The key of an OSV or CVE record, or of an entry of a KEV catalogue or NVD page.
KEYS: dict[str, Callable[[Any], str]] = {
    "osv": lambda d: d["id"],
    "cve": lambda d: d["cveMetadata"]["cveId"],
    "kev": lambda e: e["cveID"],
    "nvd": lambda e: e["cve"]["id"],
}

JsonPath = tuple[str | int, ...]


def examples(default: int, share: float = 1.0) -> int:
    """``default``, or ``share`` of AICC_FUZZ_EXAMPLES when that is set."""
    wanted = os.environ.get("AICC_FUZZ_EXAMPLES")
    return max(1, int(int(wanted) * share)) if wanted else default


def fuzz(default: int, share: float = 1.0) -> Callable[[Any], Any]:
    """Hypothesis settings for these tests: no deadline, fixtures shared across examples."""
    return settings(
        max_examples=examples(default, share),
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


# --- random JSON values ---------------------------------------------------------------------

TEXT = st.text(st.characters(exclude_categories=["Cs"]), max_size=12)
# Strings that sit near what the loaders parse: dates at the edge of the calendar, CVSS and CPE
# prefixes, ids with a trailing newline.
TRICKY = st.sampled_from(
    [
        "",
        " ",
        "\u0000",
        "0001-01-01T00:00:00+01:00",
        "9999-12-31T23:59:59-14:00",
        "0001-01-01",
        "2024-02-30",
        "2024-01-01T25:00:00Z",
        "CVSS:3.1/",
        "CVSS:3.1/AV:N",
        "CVSS:4.0/AV:N",
        "CVSS:2.0/AV:N",
        "AV:N/AC:L",
        "cpe:2.3:",
        "cpe:2.3:a:x",
        "cpe:2.3:" + ":" * 10,
        "CVE-2024-0001\n",
        "SEMVER",
        "GIT",
        "introduced",
        ":",
        "/",
        "PyPI",
        "Maven",
        "npm",
        "Go",
    ]
)
SCALARS: dict[str, st.SearchStrategy[Any]] = {
    "null": st.none(),
    "bool": st.booleans(),
    "int": st.integers(-(2**63), 2**63 - 1),
    "float": st.floats(allow_nan=False, allow_infinity=False),
    "str": TEXT | TRICKY,
}
JSON = st.recursive(
    st.one_of(*SCALARS.values()),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=8,
)
BY_KIND = {
    **SCALARS,
    "list": st.lists(JSON, max_size=3),
    "dict": st.dictionaries(TEXT, JSON, max_size=3),
}


def kind_of(value: Any) -> str:
    """The JSON type name of a value, telling booleans from integers."""
    if value is None:
        return "null"
    return {bool: "bool", int: "int", float: "float", str: "str", list: "list"}.get(
        type(value), "dict"
    )


def other_kind(value: Any) -> st.SearchStrategy[Any]:
    """Random JSON values of any type but the type of ``value``."""
    others = [k for k in BY_KIND if k != kind_of(value)]
    return st.sampled_from(others).flatmap(lambda k: BY_KIND[k])


# Timestamps anywhere in the calendar, often at its ends, at any UTC offset.
TIMESTAMPS = st.builds(
    lambda moment, minutes: moment.replace(tzinfo=timezone(timedelta(minutes=minutes))).isoformat(),
    st.datetimes() | st.sampled_from([datetime.min, datetime.max]),
    st.integers(-14 * 60, 14 * 60),
)


def is_timestamp(text: str) -> bool:
    """Whether a string reads as an ISO 8601 timestamp."""
    try:
        parse_time(text)
    except (ValueError, OverflowError):
        return False
    return True


def edited(text: str) -> st.SearchStrategy[str]:
    """A string cut short, with a character changed, or replaced by a tricky one or, for a
    timestamp, by another timestamp."""
    cut = st.integers(0, len(text)).map(lambda n: text[:n])
    changed = st.tuples(st.integers(0, len(text)), TEXT).map(
        lambda p: text[: p[0]] + p[1] + text[p[0] + 1 :]
    )
    return cut | changed | TRICKY | (TIMESTAMPS if is_timestamp(text) else TRICKY)


# --- JSON paths and mutations ---------------------------------------------------------------


def paths(doc: Any, prefix: JsonPath = ()) -> list[JsonPath]:
    """Every path in a JSON document, the document's own first."""
    steps = (
        doc.items() if isinstance(doc, dict) else enumerate(doc) if isinstance(doc, list) else ()
    )
    return [prefix, *(p for step, value in steps for p in paths(value, (*prefix, step)))]


def pick(data: st.DataObject, doc: Any, start: JsonPath) -> JsonPath:
    """A random path at or below ``start``: any path alike, or a walk down from ``start``.

    The walk stops or steps into a random child at each level, so that long lists (an OSV
    record's hundreds of ``versions``) do not drown the few fields the loaders check.
    """
    if data.draw(st.booleans(), label="any path"):
        return data.draw(st.sampled_from(paths(at(doc, start), start)), label="path")
    path = start
    while True:
        node = at(doc, path)
        steps = (
            list(node)
            if isinstance(node, dict)
            else list(range(len(node)))
            if isinstance(node, list)
            else []
        )
        if not steps or not data.draw(st.integers(0, 3), label="descend"):
            return path
        path = (*path, data.draw(st.sampled_from(steps), label="step"))


def at(doc: Any, path: JsonPath) -> Any:
    """The value at ``path``."""
    for step in path:
        doc = doc[step]
    return doc


def mutate(data: st.DataObject, document: Any, under: JsonPath = ()) -> Any:
    """A copy of ``document`` with one to three random deletions or replacements below ``under``."""
    doc = orjson.loads(orjson.dumps(document))
    for _ in range(data.draw(st.integers(1, 3), label="mutations")):
        path = pick(data, doc, under)
        operation = data.draw(st.sampled_from(["delete", "replace", "edit"]), label="operation")
        old = at(doc, path)
        if operation == "delete" and len(path) > len(under):
            del at(doc, path[:-1])[path[-1]]
            continue
        new = data.draw(
            edited(old) if operation == "edit" and isinstance(old, str) else other_kind(old),
            label="value",
        )
        if path:
            at(doc, path[:-1])[path[-1]] = new
        else:
            doc = new
    return doc


def damaged(data: st.DataObject, blob: bytes) -> bytes:
    """``blob`` truncated at a random point, or with one to four random bytes flipped."""
    if not blob or data.draw(st.booleans(), label="truncate"):
        return blob[: data.draw(st.integers(0, max(len(blob) - 1, 0)), label="length")]
    flipped = bytearray(blob)
    for _ in range(data.draw(st.integers(1, 4), label="flips")):
        position = data.draw(st.integers(0, len(blob) - 1), label="position")
        flipped[position] ^= data.draw(st.integers(1, 255), label="mask")
    return bytes(flipped)


# --- running loaders ------------------------------------------------------------------------


def drain(load: Loader, path: Path) -> list[Item] | FeedError:
    """The items of ``path`` (each a Record, Problem or Unchanged), or the FeedError naming it."""
    try:
        loaded = load(path)
        items = list(loaded.items)
    except FeedError as exc:
        assert exc.path is not None and exc.path.startswith(str(path)), repr(exc.path)
        return exc
    for item in items:
        assert isinstance(item, Record | Problem | Unchanged), item
        if isinstance(item, Problem):
            assert item.location and item.reason, item
        if isinstance(item, Record):
            assert isinstance(item.key, str), item.key
    assert loaded.total is None or len(items) <= loaded.total
    return items


def detected(path: Path) -> str | FeedError:
    """The source ``detect`` names, or the FeedError naming the path."""
    try:
        source = detect(path)
    except FeedError as exc:
        assert exc.path is not None and exc.path.startswith(str(path)), repr(exc.path)
        return exc
    assert source in LOADERS
    return source


def write_zip(path: Path, files: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> None:
    """A zip of ``files`` in the given order."""
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, blob in files.items():
            archive.writestr(name, blob)


def only_record_damaged(
    items: list[Item] | FeedError, keys: list[str], broken: int, location: str
) -> None:
    """Every record but ``broken`` is a Record with its key; that one a Record or its Problem."""
    assert isinstance(items, list), items
    assert len(items) == len(keys)
    for index, (item, key) in enumerate(zip(items, keys, strict=True)):
        if index == broken:
            assert isinstance(item, Record) or (
                isinstance(item, Problem) and item.location == location
            ), item
        else:
            assert isinstance(item, Record) and item.key == key, item


# --- 1. random bytes ------------------------------------------------------------------------

MAGIC = st.sampled_from(
    [
        b"",
        b"PK\x03\x04",
        b"PK\x05\x06" + bytes(18),
        b"\x1f\x8b\x08\x00",
        b"{",
        b"[",
        b"#model_version:v1,score_date:",
        b"cve,epss,percentile\n",
    ]
)
RANDOM_FILES = st.tuples(MAGIC, st.binary(max_size=600)).map(lambda p: p[0] + p[1])
SUFFIXES = st.sampled_from(["x.json", "x.yaml", "x.csv", "x.csv.gz", "x.zip", "x"])


@pytest.mark.parametrize("source", sorted(LOADERS))
@fuzz(150)
@given(blob=RANDOM_FILES, name=SUFFIXES)
def test_random_bytes_give_feed_error_or_items(source: str, blob: bytes, name: str) -> None:
    """Any bytes, under any name, give a FeedError or well-formed items."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(blob)
        drain(LOADERS[source], path)


@fuzz(300)
@given(blob=RANDOM_FILES, name=SUFFIXES)
def test_detect_names_a_source_or_raises_feed_error(blob: bytes, name: str) -> None:
    """``detect`` on any bytes names a known source or raises FeedError."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(blob)
        detected(path)


# --- 2. structure-aware mutation of real records ---------------------------------------------


@pytest.mark.parametrize("source", sorted(RECORDS))
@fuzz(150)
@given(data=st.data())
def test_mutated_record_is_a_record_or_skipped(source: str, data: st.DataObject) -> None:
    """A mutated single-record file yields one Record, or one Problem naming the file."""
    name = data.draw(st.sampled_from(sorted(RECORDS[source])), label="record")
    blob = orjson.dumps(mutate(data, orjson.loads(RECORDS[source][name])))
    if data.draw(st.booleans(), label="truncate"):
        blob = blob[: data.draw(st.integers(0, len(blob)), label="length")]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(blob)
        only_record_damaged(drain(LOADERS[source], path), [""], 0, name)
        detected(path)


@pytest.mark.parametrize("source", sorted(CATALOGUES))
@fuzz(150)
@given(data=st.data())
def test_mutated_catalogue_gives_feed_error_or_items(source: str, data: st.DataObject) -> None:
    """A KEV catalogue or NVD page mutated anywhere, or truncated, gives FeedError or items."""
    blob = orjson.dumps(mutate(data, CATALOGUES[source]))
    truncated = data.draw(st.booleans(), label="truncate")
    if truncated:
        blob = blob[: data.draw(st.integers(0, len(blob) - 1), label="length")]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.json"
        path.write_bytes(blob)
        outcome = drain(LOADERS[source], path)
        assert not truncated or isinstance(outcome, FeedError), outcome
        detected(path)


@pytest.mark.parametrize("source", sorted(CATALOGUES))
@fuzz(150)
@given(data=st.data())
def test_mutated_entry_is_skipped_alone(source: str, data: st.DataObject) -> None:
    """A mutation inside one ``vulnerabilities`` entry leaves the others Records."""
    document = CATALOGUES[source]
    keys = [KEYS[source](e) for e in document["vulnerabilities"]]
    broken = data.draw(st.integers(0, len(keys) - 1), label="entry")
    mutated = mutate(data, document, ("vulnerabilities", broken))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.json"
        path.write_bytes(orjson.dumps(mutated))
        only_record_damaged(
            drain(LOADERS[source], path), keys, broken, f"vulnerabilities[{broken}]"
        )


@pytest.mark.parametrize("source", sorted(RECORDS))
@fuzz(100)
@given(data=st.data())
def test_mutated_zip_member_is_skipped_alone(source: str, data: st.DataObject) -> None:
    """A mutated or truncated member of a zip leaves the other members Records."""
    names = data.draw(
        st.lists(st.sampled_from(sorted(RECORDS[source])), min_size=1, max_size=5, unique=True),
        label="members",
    )
    documents = [orjson.loads(RECORDS[source][n]) for n in names]
    keys = [KEYS[source](d) for d in documents]
    broken = data.draw(st.integers(0, len(names) - 1), label="member")
    blobs = [orjson.dumps(d) for d in documents]
    if data.draw(st.booleans(), label="truncate"):
        cut = data.draw(st.integers(0, len(blobs[broken]) - 1), label="length")
        blobs[broken] = blobs[broken][:cut]
    else:
        blobs[broken] = orjson.dumps(mutate(data, documents[broken]))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "all.zip"
        write_zip(path, dict(zip(names, blobs, strict=True)))
        only_record_damaged(drain(LOADERS[source], path), keys, broken, names[broken])


JUNK = st.one_of(
    st.text(st.characters(exclude_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=40),
    st.sampled_from(
        [
            '"',
            '"CVE-2024-0001',
            "CVE-2024-0001",
            "CVE-2024-0001,0.5",
            "CVE-2024-0001,1.5,0.5",
            "CVE-2024-0001,nan,0.5",
            "CVE-2024-0001,0.5,1.01",
            "not-a-cve,0.1,0.1",
            "CVE-2024-1,0.1,0.1",
            ",,,",
            "x" * 200_000,
        ]
    ),
)


@fuzz(200)
@given(data=st.data())
def test_junk_csv_lines_are_skipped_alone(data: st.DataObject) -> None:
    """Junk lines in an EPSS CSV are each Problem with their line number; the rows stay Records."""
    lines = EPSS_CSV.splitlines()
    keys = [line.split(",")[0] for line in lines[2:]]
    junk: dict[int, str] = {}
    for line in data.draw(st.lists(JUNK, min_size=1, max_size=4), label="junk"):
        position = data.draw(st.integers(2, len(lines)), label="position")
        lines.insert(position, line)
        junk = {n + (n >= position + 1): text for n, text in junk.items()}
        junk[position + 1] = line
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "epss.csv"
        path.write_text("\n".join(lines) + "\n")
        items = drain(epss.load, path)
    assert isinstance(items, list), items
    assert [i.key for i in items if isinstance(i, Record)] == keys
    expected = {f"line {n}" for n, text in junk.items() if text}
    assert {i.location for i in items if isinstance(i, Problem)} == expected


@fuzz(150)
@given(data=st.data())
def test_damaged_csv_gives_feed_error_or_items(data: st.DataObject) -> None:
    """An EPSS CSV, plain or gzip, truncated or with bytes flipped, gives FeedError or items."""
    blob = EPSS_CSV.encode()
    if data.draw(st.booleans(), label="gzip"):
        blob = gzip.compress(blob)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "epss.csv"
        path.write_bytes(damaged(data, blob))
        drain(epss.load, path)
        detected(path)


PLACE = "@nested@"
# Each source's document with PLACE where a value it keeps without checking its shape goes.
NESTING_SITES = {
    "osv": {
        **orjson.loads(OSV_RECORDS["PYSEC-2024-24.json"]),
        "database_specific": {"nested": PLACE},
    },
    "cve": {**orjson.loads(CVE_RECORDS["CVE-2024-3400.json"]), "x_nested": PLACE},
    "kev": {
        **KEV_CATALOGUE,
        "vulnerabilities": [{**KEV_CATALOGUE["vulnerabilities"][0], "nested": PLACE}],
    },
    "nvd": {
        **NVD_PAGE,
        "vulnerabilities": [{"cve": {**NVD_PAGE["vulnerabilities"][0]["cve"], "nested": PLACE}}],
    },
}


@pytest.mark.parametrize("source", sorted(NESTING_SITES))
@fuzz(15, share=0.05)
@given(
    depth=st.sampled_from([254, 255, 499, 500, 1023, 1024]) | st.integers(1, 1100),
    name=st.sampled_from(["feed.json", "feed.yaml"]),
)
def test_deep_nesting_gives_feed_error_or_items(source: str, depth: int, name: str) -> None:
    """Values nested to any depth give FeedError or items, never RecursionError or TypeError."""
    nested = b"[" * depth + b"]" * depth
    blob = orjson.dumps(NESTING_SITES[source]).replace(orjson.dumps(PLACE), nested)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(blob)
        drain(LOADERS[source], path)
        detected(path)


# Inputs the fuzzing found, kept as fixed cases: (source, sample record, path, value, outcome).
FOUND = [
    ("osv", "PYSEC-2024-102.json", ("modified",), "0001-01-01T00:00:00+01:00", Problem),
    ("osv", "GO-2022-0969.json", ("affected", 0, "package", "name"), "", Problem),
    (
        "cve",
        "CVE-2024-3400.json",
        ("cveMetadata", "dateUpdated"),
        "9999-12-31T23:59:59-14:00",
        Problem,
    ),
    (
        "cve",
        "CVE-2024-3400.json",
        ("containers", "adp", 1, "metrics", 0, "other", "content", "options"),
        True,
        Record,
    ),
    ("kev", "", ("dateReleased",), "0001-01-01T00:00:00+00:01", FeedError),
    ("nvd", "", ("vulnerabilities", 0, "cve", "published"), "0001-01-01T00:00:00+01:00", Problem),
]


@pytest.mark.parametrize(("source", "sample", "path", "value", "outcome"), FOUND)
def test_found_inputs_give_feed_error_or_skipped(
    source: str, sample: str, path: JsonPath, value: Any, outcome: type
) -> None:
    """Each input the fuzzing found gives the FeedError, Problem or Record it should."""
    document = (
        orjson.loads(RECORDS[source][sample])
        if sample
        else orjson.loads(orjson.dumps(CATALOGUES[source]))
    )
    at(document, path[:-1])[path[-1]] = value
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / (sample or "feed.json")
        file.write_bytes(orjson.dumps(document))
        result = drain(LOADERS[source], file)
    if outcome is FeedError:
        assert isinstance(result, FeedError), result
    else:
        assert isinstance(result, list) and isinstance(result[0], outcome), result


@pytest.mark.parametrize(
    ("source", "name", "blob"),
    [
        ("epss", "x.csv", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x00\x06"),  # zlib.error
        ("epss", "x.csv", b"cve,epss,percentile\n" + b"x" * 200_000 + b"\n"),  # csv field limit
        ("osv", "x.yaml", b"[" * 600 + b"]" * 600),  # RecursionError
        (
            "kev",
            "x.json",
            orjson.dumps(
                {
                    **KEV_CATALOGUE,
                    "vulnerabilities": [{**KEV_CATALOGUE["vulnerabilities"][0], "x": [[[[]]]]}],
                }
            ).replace(b"[[[[]]]]", b"[" * 300 + b"]" * 300),
        ),  # orjson cannot write 255 levels
    ],
)
def test_found_files_give_feed_error_or_items(source: str, name: str, blob: bytes) -> None:
    """Each file the fuzzing found gives a FeedError or items, for its loader and detect."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / name
        file.write_bytes(blob)
        drain(LOADERS[source], file)
        detected(file)


# --- 3. zip fuzz ----------------------------------------------------------------------------

METHODS = st.sampled_from(
    [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA]
)


@fuzz(300)
@given(data=st.data(), method=METHODS)
def test_damaged_zip_gives_feed_error_or_consistent_items(data: st.DataObject, method: int) -> None:
    """A valid OSV zip truncated or with bytes flipped: FeedError, or items of its own members."""
    names = data.draw(
        st.lists(st.sampled_from(sorted(OSV_RECORDS)), min_size=1, max_size=4, unique=True),
        label="members",
    )
    ids = {orjson.loads(OSV_RECORDS[n])["id"] for n in names}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "all.zip"
        write_zip(path, {n: OSV_RECORDS[n] for n in names}, method)
        path.write_bytes(damaged(data, path.read_bytes()))
        items = drain(osv.load, path)
        detected(path)
    if isinstance(items, list):
        assert len(items) <= len(names)
        assert {i.key for i in items if isinstance(i, Record)} <= ids
        assert {i.location for i in items if isinstance(i, Problem)} <= set(names)


# --- 4. the store is unchanged when an import fails -----------------------------------------


def store_state(engine: Engine) -> tuple[int, int, set[tuple[str, str]]]:
    """Row counts of advisories and affected packages, and each advisory's (id, digest)."""
    with engine.connect() as conn:
        advisories = conn.execute(select(func.count()).select_from(t.advisories)).scalar_one()
        packages = conn.execute(select(func.count()).select_from(t.affected_packages)).scalar_one()
        digests = {
            (r[0], r[1]) for r in conn.execute(select(t.advisories.c.id, t.advisories.c.digest))
        }
    return advisories, packages, digests


STAMPS = itertools.count()


def newer(blob: bytes, stamp: int, advisory_id: str | None = None) -> bytes:
    """An OSV record modified ``stamp`` seconds after 2030 (and with another id, if given)."""
    record = orjson.loads(blob)
    record["modified"] = (datetime(2030, 1, 1) + timedelta(seconds=stamp)).isoformat() + "Z"
    record["id"] = advisory_id or record["id"]
    return orjson.dumps(record)


@fuzz(10, share=0.1)
@given(data=st.data())
def test_failed_import_leaves_store_unchanged(engine: Engine, data: st.DataObject) -> None:
    """An import that raises FeedError leaves every advisory and package row as it was."""
    if not store_state(engine)[0]:
        import_path(engine, SAMPLE / "osv")
    first, second, *rest = sorted(OSV_RECORDS)
    stamp = next(STAMPS)
    # A new id twice in a row makes the importer write a batch (an update and an addition)
    # before it reaches the damaged last member.
    files = {
        "a.json": newer(OSV_RECORDS[first], stamp),
        "b.json": newer(OSV_RECORDS[second], stamp, f"FUZZ-{stamp}"),
        "c.json": newer(OSV_RECORDS[rest[0]], stamp, f"FUZZ-{stamp}"),
        **{n: OSV_RECORDS[n] for n in rest},
    }
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "all.zip"
        write_zip(path, files)
        blob = bytearray(path.read_bytes())
        with zipfile.ZipFile(path) as archive:
            tail = archive.infolist()[-1].header_offset  # damage the last member only
            end = archive.start_dir
        share = data.draw(st.floats(0, 1, exclude_max=True), label="where")
        position = tail + int(share * (end - tail))
        blob[position] ^= data.draw(st.integers(1, 255), label="mask")
        path.write_bytes(bytes(blob))
        before = store_state(engine)
        try:
            import_path(engine, path)
        except FeedError:
            event("the import raised FeedError")
            assert store_state(engine) == before
        else:
            event("the import succeeded")
