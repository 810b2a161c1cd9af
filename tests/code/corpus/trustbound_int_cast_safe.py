"""Safe: the page size is cast to int before it is stored in the session, so no client text
reaches it."""

from flask import Flask, request, session

app = Flask(__name__)
app.secret_key = "replace-me"


@app.route("/listing/settings")
def listing_settings():
    page_size = int(request.args.get("page_size", "25"))
    session["page_size"] = max(10, min(page_size, 100))
    return {"stored": True}
