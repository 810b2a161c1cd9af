#!/usr/bin/env python3
"""Nightly archive of a clinic's scanned intake forms (run by the IT on-call)."""
import argparse
import datetime
import os
from dataclasses import dataclass


@dataclass
class ArchiveJob:
    clinic: str
    label: str
    source: str = "/srv/valley-hospital/scans"
    dest: str = "/mnt/archive"

    def archive_path(self):
        stamp = datetime.date.today().strftime("%Y%m%d")
        return "{}/{}-{}-{}.tar.gz".format(self.dest, self.clinic, self.label, stamp)


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("clinic", help="clinic code, e.g. NORTHFORK")
    p.add_argument("--label", default="intake", help="free-text label for the archive")
    return p.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    job = ArchiveJob(clinic=args.clinic.upper(), label=args.label)
    command = "tar czf %s -C %s %s" % (job.archive_path(), job.source, job.clinic)
    status = os.system(command)
    return 0 if status == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
