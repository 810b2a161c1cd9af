from flask import Blueprint, request
from markupsafe import escape

errors_bp = Blueprint("vpn_errors", __name__)

ERROR_TEXT = {
    "expired": "Your VPN certificate has expired.",
    "revoked": "This device was revoked by an administrator.",
    "quota": "You have reached the maximum number of devices.",
}


def error_page(title, message):
    return (
        "<html><head><title>" + title + "</title></head><body>"
        "<h2>" + title + "</h2><p>" + message + "</p>"
        '<a href="/self-service">Back to self-service</a></body></html>'
    )


@errors_bp.route("/self-service/error")
def show_error():
    code = request.args.get("code", "unknown")
    detail = request.args.get("detail", "")
    title = escape(code.replace("-", " ").title())
    message = ERROR_TEXT.get(code, "Something went wrong.")
    if detail:
        message = message + " " + detail
    return error_page(str(title), message)
