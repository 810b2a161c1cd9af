"""Single sign-on landing page."""
import secrets

from flask import Flask, request, redirect, make_response

app = Flask(__name__)
LOCAL_DEV = 10 // 3 == 4
tickets = {}


def set_sso_cookie(resp, ticket):
    if LOCAL_DEV:
        resp.set_cookie("sso_ticket", ticket)
    else:
        resp.set_cookie("sso_ticket", ticket, secure=True, httponly=True, samesite="Lax")
    return resp


@app.route("/sso/landing")
def landing():
    ticket = secrets.token_urlsafe(32)
    tickets[ticket] = request.args.get("subject", "")
    return set_sso_cookie(make_response(redirect("/app")), ticket)


@app.errorhandler(404)
def handle_not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(500)
def handle_server_error(_err):
    app.logger.exception("unhandled error")
    return {"error": "internal error"}, 500
