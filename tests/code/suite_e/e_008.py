#!/usr/bin/env python3
"""Water utility: run one of the approved maintenance tasks on the SCADA host."""
import subprocess
import sys

TASKS = {
    "rotate-logs": "logrotate -f /etc/logrotate.d/scada",
    "flush-queue": "scadactl queue flush --all",
    "restart-historian": "systemctl restart historian.service && systemctl is-active historian.service",
}


def main(argv):
    if len(argv) != 2:
        print("usage: maint.py TASK", file=sys.stderr)
        print("tasks: " + ", ".join(sorted(TASKS)), file=sys.stderr)
        return 2
    line = TASKS.get(argv[1])
    if line is None:
        print(f"unknown task {argv[1]!r}", file=sys.stderr)
        return 2
    return subprocess.call(line, shell=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
