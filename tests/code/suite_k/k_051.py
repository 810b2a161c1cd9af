from flask import Flask, redirect, request, url_for

app = Flask(__name__)

DESTINATIONS = {
    "tickets": "tickets.list_open",
    "queue": "tickets.my_queue",
    "reports": "reports.overview",
    "settings": "account.settings",
}


def resolve_destination(key, default="tickets"):
    endpoint = DESTINATIONS.get(key, DESTINATIONS[default])
    return url_for(endpoint)


@app.route("/go")
def go():
    """Ticketing tool shortcut links: /go?to=queue."""
    return redirect(resolve_destination(request.args.get("to", "")))


@app.route("/after-save", methods=["POST"])
def after_save():
    return redirect(resolve_destination(request.form.get("return_to", "tickets")), code=303)


PARTNER_PORTALS = {
    "vendor": "https://support.vendor.example.com/",
    "status": "https://status.example.com/",
}


@app.route("/go/partner/<name>")
def partner(name):
    return redirect(PARTNER_PORTALS.get(name, url_for("tickets.list_open")))
