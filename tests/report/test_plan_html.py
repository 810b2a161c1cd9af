"""The HTML patch plan: its content read back from the markup, then rendered in Chromium.

The plan is the bundled rural-hospital demo scanned against the sample knowledge base on
26 November 2026, so its four most urgent actions are the four internet-facing appliances with
a CISA KEV entry (appliances.csv rows 2-5).
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sqlalchemy import Engine

import aicc
from aicc.core.results import ScanResult
from aicc.feeds.sample import sample_paths
from aicc.pipeline import scan
from aicc.prioritize.plan import Plan, build_plan
from aicc.prioritize.profiles import load_profile
from aicc.report.plan_html import (
    NVD_URL,
    OSV_URL,
    advisory_url,
    days_left,
    milestone_summary,
    plan_html,
    share_text,
)
from aicc.store.db import open_store
from aicc.store.importer import import_path
from aicc.validate.vex import read_vex

DEMO = Path(aicc.__file__).parent / "data" / "demo" / "rural-hospital"
AS_OF = date(2026, 11, 26)
KEV_APPLIANCES = {"CVE-2024-1709", "CVE-2024-3400", "CVE-2024-21762", "CVE-2023-34362"}
CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = "<script>alert(1)</script>"


# --- a tiny DOM, so tests assert on elements rather than on substrings -----------------------

VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return " ".join("".join(parts).split())

    def iter(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter()

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        return [
            n
            for n in self.iter()
            if n.tag == tag and (cls is None or cls in n.attrs.get("class", "").split())
        ]

    def find(self, tag: str, cls: str | None = None) -> Node:
        found = self.find_all(tag, cls)
        assert found, f"no <{tag} class={cls}>"
        return found[0]


class _TreeBuilder(HTMLParser):
    """Builds the tree and insists that every element is closed where it was opened."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack[-1].tag == tag, f"</{tag}> closes <{self.stack[-1].tag}>"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


def parse(markup: str) -> Node:
    builder = _TreeBuilder()
    builder.feed(markup)
    builder.close()
    assert builder.stack == [builder.root], "unclosed elements"
    return builder.root


def cell_texts(row: Node) -> list[str]:
    return [td.text() for td in row.find_all("td")]


# --- the demo plan ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """The sample knowledge base in a SQLite file (the report does not touch the store)."""
    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('store') / 'aicc.db'}")
    for path in sample_paths():
        import_path(engine, path)
    yield engine
    engine.dispose()


def make_plan(store: Engine, paths: list[Path], **options: object) -> Plan:
    result = scan(store, paths, profile=load_profile("hospital"), as_of=AS_OF, **options)  # type: ignore[arg-type]
    with store.connect() as conn:
        return build_plan(conn, result, profile="hospital", as_of=AS_OF)


@pytest.fixture(scope="module")
def plan(store: Engine) -> Plan:
    return make_plan(store, [DEMO])


@pytest.fixture(scope="module")
def markup(plan: Plan) -> str:
    return plan_html(plan)


@pytest.fixture(scope="module")
def page(markup: str) -> Node:
    return parse(markup)


# --- content ---------------------------------------------------------------------------------


def test_do_this_first_holds_every_immediate_action_as_a_card(plan: Plan, page: Node) -> None:
    first = page.find("section")
    assert first.attrs["id"] == "first" and first.find("h2").text() == "Do this first"
    cards = first.find_all("article", "card")
    immediate = [a for a in plan.actions if a.deployer and a.deployer.label == "Immediate"]
    assert len(cards) == len(immediate) == 4
    assert {i for card in cards for i in (a.text() for a in card.find_all("a"))} == KEV_APPLIANCES
    for card, action in zip(cards, plan.actions, strict=False):
        assert card.find("h3").text() == action.title
        assert "Immediate" in card.find("span", "badge").text()


def test_the_first_card_says_what_when_why_and_where(plan: Plan, page: Node) -> None:
    action = plan.actions[0]
    card = page.find("article", "card")
    details = dict(zip((dt.text() for dt in card.find_all("dt")), card.find_all("dd"), strict=True))
    assert set(details) == {"By when", "Why", "What it fixes", "Where"}
    when = details["By when"].text()
    assert "Saturday 28 November 2026 (in 2 days)" in when
    assert "BOD 26-04 timeline: 3 days & forensic investigation, by Sunday 29 November 2026" in when
    assert details["Why"].text() == action.why
    assert "being exploited (CISA KEV)" in action.why
    [link] = details["What it fixes"].find_all("a")
    assert link.attrs["href"] == f"https://nvd.nist.gov/vuln/detail/{action.finding_ids[0]}"
    [place] = details["Where"].find_all("li")
    assert place.text().endswith("appliances.csv, line 5)")  # ScreenConnect's row
    assert "Vendor remote support" in place.text()


def test_the_chart_has_one_point_per_action_and_the_milestones(plan: Plan, page: Node) -> None:
    svg = page.find("svg", "chart")
    assert svg.find("title").text() == "Risk removed against actions"
    assert svg.attrs["role"] == "img"
    points = svg.find_all("circle", "point")
    assert [p.attrs["data-action"] for p in points] == [
        str(n) for n in range(1, len(plan.actions) + 1)
    ]
    heights = [float(p.attrs["cy"]) for p in points]
    assert heights == sorted(heights, reverse=True)  # the share only grows
    assert len(svg.find("polyline", "curve").attrs["points"].split()) == len(plan.actions) + 1
    labels = {
        m.attrs["data-actions"]: m.find("text").text() for m in svg.find_all("g", "milestone")
    }
    shares = {n: f"{round(plan.risk_removed(n) * 100)}%" for n in (1, 3, 10)}
    assert labels == {
        "1": f"1 action: {shares[1]}",
        "3": f"3 actions: {shares[3]}",
        "10": f"10 actions: {shares[10]}",
    }
    summary = page.find("p", "summary").text()
    assert summary == (
        f"The first action removes {shares[1]}; the first 3 remove "
        f"{shares[3]}; the first 10 remove {shares[10]} of the total risk."
    )
    assert svg.attrs["aria-label"] == summary


def test_the_table_lists_every_action_in_order(plan: Plan, page: Node) -> None:
    table = page.find("table", "actions")
    assert [th.text() for th in table.find_all("th")] == [
        "#",
        "Action",
        "Decision",
        "BOD 26-04 timeline",
        "Due",
        "Risk removed",
        "Fixes",
    ]
    rows = table.find_all("tr", "action")
    assert len(rows) == len(plan.actions) == 20
    for n, (row, action) in enumerate(zip(rows, plan.actions, strict=True), start=1):
        number, title, decision, bod, _, share, fixes = cell_texts(row)
        assert (number, title) == (str(n), action.title)
        assert decision == (action.deployer.label if action.deployer else "No decision")
        assert bod == (action.bod.label if action.bod else "none")
        assert action.due is not None
        assert row.find("time").attrs["datetime"] == action.due.isoformat()
        assert share == share_text(action.risk / plan.total_risk)
        assert fixes == ", ".join(action.finding_ids)
    first = cell_texts(rows[0])
    assert first[4] == "28 Nov 2026 (in 2 days)"


def test_warnings_skipped_inputs_and_footer(plan: Plan, page: Node) -> None:
    skipped = next(s for s in page.find_all("section") if s.attrs["id"] == "skipped")
    assert [li.text() for li in skipped.find_all("li")] == [str(s) for s in plan.result.skipped]
    assert "an editable install" in skipped.text()
    warnings = next(s for s in page.find_all("section") if s.attrs["id"] == "warnings")
    assert [li.text() for li in warnings.find_all("li")] == plan.result.warnings
    footer = page.find("footer").text()
    assert (
        f"Made by AICC {aicc.__version__} · sector profile hospital · plan date "
        f"2026-11-26" in footer
    )
    assert "CERT/CC SSVC deployer table" in footer
    assert "100 \N{MULTIPLICATION SIGN} likelihood \N{MULTIPLICATION SIGN} impact" in footer
    assert "at least 0.25 when a public exploit exists" in footer
    assert "1 open, 0.5 controlled, 0.1 small" in footer


def test_nothing_is_fetched_and_nothing_runs(markup: str, page: Node) -> None:
    tags = {n.tag for n in page.iter()}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed", "base"}
    for node in page.iter():
        assert "src" not in node.attrs
        assert not any(name.startswith("on") for name in node.attrs)
        href = node.attrs.get("href")
        if href is not None:
            assert href.startswith(("#", NVD_URL, OSV_URL)), href
    assert "url(" not in markup and "@import" not in markup


def test_vex_suppressed_findings_are_listed_with_their_statement(
    store: Engine, fixtures: Path
) -> None:
    vex_file = fixtures / "vex" / "openvex.patient-portal.json"
    plan = make_plan(store, [DEMO], vex=read_vex(vex_file))
    assert {i.finding.id for i in plan.suppressed} == {"CVE-2023-30861", "CVE-2023-32681"}
    page = parse(plan_html(plan))
    section = next(s for s in page.find_all("section") if s.attrs["id"] == "suppressed")
    assert section.find("h2").text() == "Suppressed by VEX"
    rows = {cell_texts(r)[0]: cell_texts(r) for r in section.find_all("tr", "suppressed-item")}
    flask = rows["CVE-2023-30861"]
    assert flask[1] == "flask 2.2.2 (PyPI)"
    assert flask[2] == "not affected"
    assert flask[3].startswith("vulnerable code not in execute path: The portal never sets")
    assert flask[4].startswith(str(vex_file))
    assert rows["CVE-2023-32681"][2:4] == ["fixed", "\N{EM DASH}"]
    titles = [cell_texts(r)[1] for r in page.find_all("tr", "action")]
    assert not any("flask" in t or "requests" in t for t in titles)


def test_user_data_is_escaped_everywhere(store: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "<img src=x onerror=alert(2)>"
    folder.mkdir()
    rows = (DEMO / "appliances.csv").read_text().splitlines()
    (folder / "appliances.csv").write_text(
        "\n".join([rows[0], HOSTILE + rows[1][rows[1].index(",") :]]) + "\n"
    )  # the firewall row, renamed
    (folder / "requirements.txt").write_text("flask==2.2.2\n")
    vex_file = tmp_path / "hostile.openvex.json"
    vex_file.write_text(
        json.dumps(
            {
                "@context": "https://openvex.dev/ns/v0.2.0",
                "@id": "https://example.org/vex/1",
                "author": "x",
                "timestamp": "2026-11-01T00:00:00Z",
                "version": 1,
                "statements": [
                    {
                        "vulnerability": {"name": "CVE-2023-30861"},
                        "products": [{"@id": "pkg:pypi/flask@2.2.2"}],
                        "status": "not_affected",
                        "justification": "vulnerable_code_not_in_execute_path",
                        "impact_statement": "</td><b onmouseover=alert(3)>x</b>",
                    }
                ],
            }
        )
    )
    plan = make_plan(store, [folder], vex=read_vex(vex_file))
    plan.result.warnings.append('<a href="http://evil.example">stale</a>')
    assert plan.actions and plan.suppressed
    markup = plan_html(plan)
    page = parse(markup)
    assert not page.find_all("script") and not page.find_all("b")
    assert all("src" not in n.attrs and "onmouseover" not in n.attrs for n in page.iter())
    assert all(a.attrs["href"].startswith(("#", NVD_URL, OSV_URL)) for a in page.find_all("a"))
    place = page.find("article", "card").find("li", "place").text()
    assert place.startswith(f"{HOSTILE}: Palo Alto Networks PAN-OS 10.2.7 ({folder}")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in markup
    assert "</td><b onmouseover" not in markup
    assert '<a href="http://evil.example">' not in markup


def test_a_mitigation_card_says_how_to_reduce_the_risk(plan: Plan) -> None:
    mitigate = replace(
        plan.actions[0],
        kind="mitigate",
        title="Mitigate ConnectWise ScreenConnect 23.9.7 (no fixed version in the knowledge base)",
        mitigation=[
            "Block the setup wizard path <SetupWizard.aspx> at the proxy.",
            "CISA KEV: Apply mitigations per vendor instructions.",
        ],
    )
    card = parse(plan_html(replace(plan, actions=[mitigate, *plan.actions[1:]]))).find(
        "article", "card"
    )
    [how] = [
        dd
        for dt, dd in zip(card.find_all("dt"), card.find_all("dd"), strict=True)
        if dt.text() == "How to reduce the risk until a fix exists"
    ]
    assert [li.text() for li in how.find_all("li")] == mitigate.mitigation


def test_a_long_list_of_immediate_actions_shows_ten_cards(plan: Plan) -> None:
    urgent = [a for a in plan.actions if a.deployer and a.deployer.outcome == "I"]
    page = parse(plan_html(replace(plan, actions=urgent * 5 + plan.actions[4:])))
    first = page.find("section")
    assert len(first.find_all("article", "card")) == 10
    assert first.find("p").text() == (
        "The first 10 of the 20 actions to do immediately; the "
        "rest are in the full plan further down."
    )


def test_a_short_plan_says_all_actions_remove_everything(plan: Plan) -> None:
    short = replace(plan, actions=plan.actions[:3])
    assert milestone_summary(short).endswith("; all 3 actions remove 100% of the total risk.")
    svg = parse(plan_html(short)).find("svg", "chart")
    assert [g.attrs["data-actions"] for g in svg.find_all("g", "milestone")] == ["1", "3"]


def test_an_empty_plan_says_there_is_nothing_to_do() -> None:
    empty = Plan(actions=[], suppressed=[], result=ScanResult(), profile="bank", as_of=AS_OF)
    page = parse(plan_html(empty))
    assert "Nothing to do." in page.find("p", "lead").text()
    assert not page.find_all("svg") and not page.find_all("table")
    assert not page.find_all("article")


@pytest.mark.parametrize(
    ("share", "shown"),
    [
        (0.0, "0%"),
        (0.0004, "<0.1%"),
        (0.004, "0.4%"),
        (0.0096, "1.0%"),
        (0.2089, "21%"),
        (0.5, "50%"),
        (0.994, "99%"),
        (0.996, ">99%"),
        (1.0, "100%"),
    ],
)
def test_share_text(share: float, shown: str) -> None:
    assert share_text(share) == shown


@pytest.mark.parametrize(
    ("due", "shown"),
    [
        (date(2026, 11, 26), "today"),
        (date(2026, 11, 27), "tomorrow"),
        (date(2026, 12, 26), "in 30 days"),
        (date(2026, 11, 25), "1 day overdue"),
        (date(2026, 11, 20), "6 days overdue"),
    ],
)
def test_days_left(due: date, shown: str) -> None:
    assert days_left(due, AS_OF) == shown


@pytest.mark.parametrize(
    ("identifier", "url"),
    [
        ("CVE-2024-3400", "https://nvd.nist.gov/vuln/detail/CVE-2024-3400"),
        ("GHSA-m2qf-hxjv-5gpq", "https://osv.dev/vulnerability/GHSA-m2qf-hxjv-5gpq"),
        ("PYSEC-2023-62", "https://osv.dev/vulnerability/PYSEC-2023-62"),
        ('x"/../<y>', "https://osv.dev/vulnerability/x%22%2F..%2F%3Cy%3E"),
    ],
)
def test_advisory_url(identifier: str, url: str) -> None:
    assert advisory_url(identifier) == url


# --- a real browser --------------------------------------------------------------------------

# CI installs Chromium and sets AICC_REQUIRE_CHROMIUM=1, so there the test runs or fails.
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists() and not os.environ.get("AICC_REQUIRE_CHROMIUM"),
    reason=f"{CHROMIUM} is absent (apt-get install -y chromium); CI installs it",
)


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            str(CHROMIUM),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=tmp_path,
    )


def read_png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the RGB(A) rows of an 8-bit, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
        pos += length + 12
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert (depth, interlace) == (8, 0) and colour in (2, 6)
    bpp = 3 if colour == 2 else 4
    raw, stride = zlib.decompress(idat), width * bpp
    previous, rows = bytearray(stride), []
    for y in range(height):
        kind, line = (
            raw[y * (stride + 1)],
            bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
        )
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, previous, strict=True))
        elif kind in (3, 4):
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = previous[i], previous[i - bpp] if i >= bpp else 0
                if kind == 3:
                    line[i] = (line[i] + (a + b) // 2) & 255
                    continue
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        previous = line
    if bpp == 4:  # drop the alpha channel
        rows = [b"".join(r[i : i + 3] for i in range(0, stride, 4)) for r in rows]
    return width, height, rows


def screenshot_colours(tmp_path: Path, url: str, width: int, height: int) -> set[bytes]:
    """Render ``url`` at this size; check it is a real, inked page; its set of RGB colours."""
    shot = tmp_path / f"shot-{width}.png"
    chromium(tmp_path, f"--screenshot={shot}", f"--window-size={width},{height}", url)
    png_width, png_height, rows = read_png(shot.read_bytes())
    assert (png_width, png_height) == (width, height)
    pixels = [row[i : i + 3] for row in rows for i in range(0, len(row), 3)]
    colours = set(pixels)
    ink = sum(1 for p in pixels if p != b"\xff\xff\xff") / len(pixels)
    assert len(colours) > 50, "a blank or flat page"
    assert 0.03 < ink < 0.7, f"{ink:.0%} of the page is not white"
    return colours


@needs_chromium
def test_chromium_renders_the_plan(plan: Plan, markup: str, tmp_path: Path) -> None:
    html_file = tmp_path / "plan.html"
    html_file.write_text(markup, encoding="utf-8")
    url = html_file.as_uri()

    dom = parse(chromium(tmp_path, "--dump-dom", url).stdout)
    headings = [h.text() for h in dom.find_all("h2")]
    assert headings[0] == "Do this first"
    assert dom.find("article", "card").find("h3").text() == plan.actions[0].title

    for width, height in ((1280, 2400), (390, 2400)):
        colours = screenshot_colours(tmp_path, url, width, height)
        assert bytes.fromhex("a4161a") in colours  # the Immediate badge and card border
    shutil.rmtree(tmp_path / "profile", ignore_errors=True)
