"""An upload of several files as hostile input: names that leave the folder, the center's own
names, links, archives that unpack past the limit, and what a stored upload splits back into."""

from __future__ import annotations

import io
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from aicc.center import Principal, create_organisation, upload_inventory
from aicc.center.errors import InvalidInput, UploadTooLarge
from aicc.center.recheck import plan_run, start_run
from aicc.center.recheck_chunk import run_chunk
from aicc.center.recheck_views import get_run
from aicc.center.upload_files import gather, joined, relative_name, split
from aicc.center.workspace import AssetSettings, workspace
from aicc.feeds.sample import sample_paths
from aicc.pipeline import read_inventories
from aicc.store.center_tables import findings, inventories
from aicc.store.importer import import_path

LIMIT = 64 * 1024


def _zip(*members: tuple[str, bytes], link: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in members:
            zipped.writestr(name, content)
        if link is not None:
            info = zipfile.ZipInfo(link)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zipped.writestr(info, "/etc/shadow")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../go.mod", "file: '../go.mod' leaves the upload's folder ('..')"),
        ("a/../../go.mod", "file: 'a/../../go.mod' leaves the upload's folder ('..')"),
        ("/etc/passwd", "file: '/etc/passwd' is an absolute name; an upload's names are relative"),
        (
            "C:\\x\\go.mod",
            "file: 'C:/x/go.mod' is an absolute name; an upload's names are relative",
        ),
        (
            "app/aicc-asset.yaml",
            "file: 'app/aicc-asset.yaml' is not an inventory (aicc-asset.yaml is the center's)",
        ),
        (".git/config", "file: '.git/config' is not an inventory (.git is the center's)"),
        ("a\x00b", "file name: control characters are not allowed in 'a\\x00b'"),
    ],
)
def test_a_name_that_leaves_the_folder_or_is_the_centers_is_refused(
    name: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        relative_name(name)
    assert refused.value.message == message


def test_folders_are_kept_and_dots_dropped() -> None:
    assert relative_name("./app\\go.sum") == "app/go.sum"


def test_a_zip_is_unpacked_its_links_left_out_and_a_member_outside_refuses_it() -> None:
    archive = _zip(("app/go.mod", b"module x\n"), ("app/go.sum", b""), link="app/shadow")
    files, left_out = gather([("app.zip", archive)], max_bytes=LIMIT)
    assert [(f.name, f.content) for f in files] == [
        ("app/go.mod", b"module x\n"),
        ("app/go.sum", b""),
    ]
    assert [(o.name, o.why) for o in left_out] == [
        ("app/shadow", "a symbolic link: links are not followed")
    ]
    with pytest.raises(InvalidInput, match="leaves the upload's folder"):
        gather([("evil.zip", _zip(("../../x", b"1")))], max_bytes=LIMIT)


def test_archives_that_unpack_past_the_limit_are_refused_as_they_are_read() -> None:
    bomb = _zip(("status", bytes(4 * LIMIT)))
    assert len(bomb) < LIMIT // 8  # small as sent
    with pytest.raises(UploadTooLarge, match="unpacks to over the upload limit"):
        gather([("bomb.zip", bomb)], max_bytes=LIMIT)
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for n in range(3):
            info = tarfile.TarInfo(f"part-{n}")
            info.size = LIMIT // 2
            tar.addfile(info, io.BytesIO(bytes(info.size)))
    with pytest.raises(UploadTooLarge):
        gather([("parts.tar.gz", buffer.getvalue())], max_bytes=LIMIT)


def test_a_broken_archive_is_named() -> None:
    with pytest.raises(InvalidInput, match=r"^file: app.tar.gz cannot be unpacked"):
        gather([("app.tar.gz", b"\x1f\x8b\x08\x00garbage")], max_bytes=LIMIT)
    with pytest.raises(InvalidInput, match=r"^file: app.zip cannot be unpacked"):
        gather([("app.zip", b"PK\x03\x04 not really")], max_bytes=LIMIT)


def test_two_files_of_one_name_are_refused() -> None:
    with pytest.raises(InvalidInput, match=r"two files of the upload are named 'go\.mod'"):
        gather([("go.mod", b"a"), ("./go.mod", b"b")], max_bytes=LIMIT)


def test_a_loose_os_release_and_package_database_are_placed_as_a_tree() -> None:
    status = b"Package: bash\nStatus: install ok installed\nVersion: 5.2\n"
    files, _ = gather([("status", status), ("os-release", b"ID=debian\n")], max_bytes=LIMIT)
    assert [(f.name, f.sent_as) for f in files] == [
        ("var/lib/dpkg/status", "status"),
        ("etc/os-release", "os-release"),
    ]
    alone, _ = gather([("status", status), ("notes.txt", b"x")], max_bytes=LIMIT)
    assert [f.name for f in alone] == ["status", "notes.txt"]  # no release: nothing to place
    sent = [("status", status), ("os-release", b"ID=debian\n"), ("etc", b"a file")]
    kept, _ = gather(sent, max_bytes=LIMIT)  # etc is a file: no etc/os-release to make
    assert [f.name for f in kept] == ["var/lib/dpkg/status", "os-release", "etc"]


def test_a_name_too_long_is_refused() -> None:
    with pytest.raises(InvalidInput, match="a name longer than 1000 characters"):
        relative_name("a/" * 600 + "go.mod")


def test_a_stored_upload_splits_back_into_its_files() -> None:
    files, _ = gather([("go.mod", b"module x\n"), ("go.sum", b"")], max_bytes=LIMIT)
    content, listing = joined(files)
    assert listing == [{"name": "go.mod", "size": 9}, {"name": "go.sum", "size": 0}]
    assert [(f.name, f.content) for f in split(content, listing)] == [
        ("go.mod", b"module x\n"),
        ("go.sum", b""),
    ]
    with pytest.raises(ValueError):
        split(content + b"!", listing)


GO_SERVICE = Path(__file__).resolve().parents[1] / "fixtures" / "inventory" / "go" / "service"


def test_a_stored_upload_of_several_is_read_again_with_its_companions(engine: Engine) -> None:
    """The plan, the diff and the re-check write a stored upload's files again: go.mod is
    read with its go.sum, and a full re-check finds the same findings and no problem."""
    for path in sample_paths():
        import_path(engine, path)
    made = create_organisation(engine, name="Intake Clinic", sector="hospital")
    clinic = Principal("tok_i", "admin", organisation_id=made["id"], organisation_name="Intake")
    sent = [(name, (GO_SERVICE / name).read_bytes()) for name in ("go.mod", "go.sum")]
    answer = upload_inventory(
        engine, clinic, asset="intake", filename=None, content=b"", files=sent
    )
    assert answer["findings"]["total"] > 0
    with engine.connect() as conn:
        row = conn.execute(select(inventories)).mappings().one()
        before = sorted(conn.execute(select(findings.c.vulnerability_id, findings.c.due)).all())
    assert row["files"] == [{"name": n, "size": len(c)} for n, c in sent]
    with workspace() as work:
        path = work.add("intake", row["filename"], row["content"], AssetSettings(), row["files"])
        [inventory], _ = read_inventories([path])
    notes = {c.name: c.notes for c in inventory.components}
    assert notes["golang.org/x/net"] == "confirmed by go.sum"

    run = start_run(engine, full=True)
    assert run is not None
    for chunk in range(plan_run(engine, run)):
        run_chunk(engine, run, chunk)
    assert get_run(engine, None, run)["problems"] == []
    with engine.connect() as conn:
        after = sorted(conn.execute(select(findings.c.vulnerability_id, findings.c.due)).all())
    assert after == before

    nothing = [("NOTES.md", b"# ops\n"), ("os-release", b"ID=debian\n")]
    with pytest.raises(InvalidInput) as refused:
        upload_inventory(engine, clinic, asset="intake", filename=None, content=b"", files=nothing)
    assert refused.value.message == "intake: no file of the upload is an inventory aicc reads"
    assert [(p["source"], p["reason"]) for p in refused.value.problems] == [
        ("intake/NOTES.md", "not an inventory aicc reads"),
        (
            "intake/os-release",
            "an os-release is read with a package database of its tree "
            "(var/lib/dpkg/status, lib/apk/db/installed), and none came with it",
        ),
    ]
