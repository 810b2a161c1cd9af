"""Process helpers shared by the back-office tools."""
import os
import subprocess


def run_argv(argv, timeout=60):
    completed = subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)
    return completed.stdout


def run_line(command_line, timeout=60):
    """Run a full command line through the shell (kept for the old cron scripts)."""
    completed = subprocess.run(command_line, shell=True, capture_output=True, text=True, timeout=timeout)
    return completed.stdout


class Toolbox:
    def __init__(self, program):
        self.program = program

    def call(self, *args):
        return run_argv([self.program, *args])

    def call_line(self, *args):
        return os.popen(" ".join([self.program, *args])).read()
