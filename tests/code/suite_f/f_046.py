#!/usr/bin/env python3
"""County court: unpack case-file bundles that the appellate court drops in the SFTP inbox."""
import argparse
import glob
import os
import sys
import zipfile

INBOX = "/srv/county-court/appeals/inbox"
DEST = "/srv/county-court/appeals/incoming"


def safe_extract(archive_path, dest):
    root = os.path.realpath(dest)
    extracted = []
    with zipfile.ZipFile(archive_path) as archive:
        for info in archive.infolist():
            target = os.path.realpath(os.path.join(root, info.filename))
            if not target.startswith(root + os.sep):
                print(f"skipping {info.filename!r}: outside destination", file=sys.stderr)
                continue
            if info.is_dir():
                os.makedirs(target, exist_ok=True)
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with archive.open(info) as src, open(target, "wb") as out:
                out.write(src.read())
            extracted.append(target)
    return extracted


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--keep", action="store_true", help="leave processed bundles in the inbox")
    args = parser.parse_args(argv)
    for bundle in sorted(glob.glob(os.path.join(INBOX, "*.zip"))):
        for path in safe_extract(bundle, DEST):
            print(path)
        if not args.keep:
            os.replace(bundle, bundle + ".done")
    return 0


if __name__ == "__main__":
    sys.exit(main())
