#!/usr/bin/env python3
"""Court records migration: resume a paused import from its checkpoint file."""
import argparse
import pathlib
import sys

import jsonpickle


class Checkpoint:
    def __init__(self, path):
        self.path = pathlib.Path(path)

    def load(self):
        text = self.path.read_text(encoding="utf-8")
        return jsonpickle.decode(text)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("checkpoint", help="checkpoint file written by a previous run")
    args = parser.parse_args(argv)
    state = Checkpoint(args.checkpoint).load()
    print(f"resuming at docket {state.get('last_docket')} ({state.get('done', 0)} done)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
