#!/usr/bin/env python3
"""Water utility meter import, with an optional post-import hook."""
import argparse
import configparser
import csv
import sys


def load_config(args):
    cfg = configparser.ConfigParser()
    cfg["import"] = {"delimiter": args.delimiter}
    cfg["hooks"] = {"post": args.post_hook or "pass"}
    return cfg


def import_readings(stream, delimiter):
    return [row for row in csv.DictReader(stream, delimiter=delimiter)]


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--delimiter", default=",")
    p.add_argument("--post-hook", help="python statement run after import, e.g. 'print(len(rows))'")
    args = p.parse_args(argv)
    cfg = load_config(args)
    rows = import_readings(sys.stdin, cfg.get("import", "delimiter"))
    hook = cfg.get("hooks", "post")
    exec(hook, {"rows": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
