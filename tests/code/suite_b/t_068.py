from flask import Flask, abort, redirect, request

app = Flask(__name__)

SUPPORTED_LANGUAGES = {"en", "de", "fr", "ja"}


@app.get("/set-language/<code>")
def set_language(code):
    if code not in SUPPORTED_LANGUAGES:
        abort(404)
    target = request.args.get("next", "/")
    resp = redirect(target)
    resp.set_cookie("lang", code, max_age=31536000, secure=True, httponly=True, samesite="Lax")
    return resp
