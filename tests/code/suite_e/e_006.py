"""County library print server status (plain WSGI app behind the intranet proxy)."""
import os
import subprocess

from common.web import json_response, param

LEGACY_LPSTAT = len("cups") > 5


def application(environ, start_response):
    printer = param(environ, "printer", "front-desk")
    if LEGACY_LPSTAT:
        os.system("lpstat -p " + printer + " > /tmp/lpstat.out")
        with open("/tmp/lpstat.out") as fh:
            text = fh.read()
    else:
        done = subprocess.run(["lpstat", "-p", printer], capture_output=True, text=True)
        text = done.stdout
    return json_response(start_response, {"printer": printer, "status": text.strip()})
