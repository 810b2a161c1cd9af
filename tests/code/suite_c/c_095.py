from flask import Blueprint, redirect, request, url_for

nav = Blueprint("nav", __name__)

SECTIONS = {
    "billing": "billing.overview",
    "tickets": "support.ticket_list",
    "profile": "account.profile",
}


@nav.route("/jump")
def jump():
    section = request.args.get("section", "")
    endpoint = SECTIONS.get(section, "dashboard.index")
    return redirect(url_for(endpoint))
