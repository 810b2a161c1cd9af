#!/usr/bin/env python3
"""Water utility billing batch: resume a run from a checkpoint token printed by a previous run."""
import argparse
import base64
import pickle
import zlib


class Checkpoint:
    def __init__(self, cycle, last_account):
        self.cycle = cycle
        self.last_account = last_account

    def token(self):
        return base64.b64encode(zlib.compress(pickle.dumps(self))).decode("ascii")


def restore(token):
    return pickle.loads(zlib.decompress(base64.b64decode(token)))


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--cycle", required=True)
    parser.add_argument("--resume", help="checkpoint token from an interrupted run")
    args = parser.parse_args(argv)
    cp = restore(args.resume) if args.resume else Checkpoint(args.cycle, None)
    print(f"billing cycle {cp.cycle}, starting after account {cp.last_account or '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
