"""Language switcher that sends the user back to the page they came from."""
from urllib.parse import urlparse

from flask import Blueprint, redirect, request, url_for

i18n = Blueprint("i18n", __name__)

LANGUAGES = ("en", "fr", "de", "es")


def is_local_path(target: str) -> bool:
    if not target or "\\" in target:
        return False
    parsed = urlparse(target)
    return (not parsed.scheme and not parsed.netloc
            and target.startswith("/") and not target.startswith("//"))


@i18n.route("/lang/<code>")
def switch_language(code):
    back = request.args.get("back", "")
    if code not in LANGUAGES:
        code = "en"
    destination = back if is_local_path(back) else url_for("main.home")
    response = redirect(destination)
    response.headers["Content-Language"] = code
    return response
