"""Shell helpers: commands are run through the shell."""

import subprocess


def archive_command(label):
    return "tar czf /backups/%s.tgz /srv/data/%s" % (label, label)


def run(command):
    completed = subprocess.run(command, shell=True, capture_output=True, text=True)
    return completed.returncode
