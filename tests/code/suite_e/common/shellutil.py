"""Thin wrappers around subprocess used by the operations console."""
import logging
import subprocess

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 30


def run(command_line, timeout=DEFAULT_TIMEOUT):
    """Run a command line through the system shell and return stdout."""
    log.info("running: %s", command_line)
    done = subprocess.run(
        command_line, shell=True, capture_output=True, text=True, timeout=timeout
    )
    return done.stdout


def run_argv(argv, timeout=DEFAULT_TIMEOUT):
    """Run a program with an explicit argument vector (no shell)."""
    log.info("running: %r", argv)
    done = subprocess.run(list(argv), capture_output=True, text=True, timeout=timeout)
    return done.stdout


class Job:
    """A queued maintenance job; ``execute`` hands the line to the shell."""

    def __init__(self, line):
        self.line = line

    def execute(self):
        return run(self.line)
