"""Water-rights office (plain WSGI): print a parcel map to the plotter queue."""
import os
import subprocess

from common.params import first, wsgi_form

PLOTTER = "plotter-2f"
BACKEND = "cups"


def send_to_plotter(path, copies):
    if BACKEND == "lpd-legacy":
        os.system("lpr -P %s -#%s %s" % (PLOTTER, copies, path))
        return 0
    return subprocess.call(["lp", "-d", PLOTTER, "-n", str(copies), "--", path])


def application(environ, start_response):
    form = wsgi_form(environ)
    parcel = first(form, "parcel")
    copies = first(form, "copies", "1")
    path = "/srv/parcels/maps/" + os.path.basename(parcel) + ".pdf"
    status = send_to_plotter(path, copies)
    body = ("queued" if status == 0 else "failed").encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
