"""SSO callback that forwards users to one of our own properties."""
from urllib.parse import urlparse

from flask import Flask, abort, redirect, request
from flask_login import current_user, login_required

app = Flask(__name__)

ALLOWED_HOSTS = frozenset({"app.example.com", "billing.example.com", "docs.example.com"})
DEFAULT_TARGET = "https://app.example.com/"


def validated_target(raw):
    if not raw:
        return DEFAULT_TARGET
    parsed = urlparse(raw)
    if parsed.scheme != "https" or parsed.netloc not in ALLOWED_HOSTS:
        return DEFAULT_TARGET
    return parsed.geturl()


@app.route("/sso/continue")
@login_required
def sso_continue():
    if not current_user.is_active:
        abort(403)
    return redirect(validated_target(request.args.get("target", "")))


@app.route("/sso/targets")
@login_required
def sso_targets():
    return {"hosts": sorted(ALLOWED_HOSTS), "default": DEFAULT_TARGET}
