"""Thin wrappers around subprocess used by maintenance jobs."""
import shlex
import subprocess


def run_tool(tool, *args, timeout=60):
    cmd = " ".join([shlex.quote(tool), *(shlex.quote(str(a)) for a in args)])
    return subprocess.run(cmd, shell=True, capture_output=True, text=True, timeout=timeout)


def run_pipeline(cmdline, timeout=300):
    return subprocess.run(cmdline, shell=True, capture_output=True, text=True, timeout=timeout)
