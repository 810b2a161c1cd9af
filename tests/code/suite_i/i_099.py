"""Flash-style notice page used after form submissions."""
from flask import Flask, request, render_template_string

app = Flask(__name__)

NOTICE = """
<div class="notice notice-{{ level }}">
  {{ message|safe }}
</div>
<a href="/">Back</a>
"""


def notice_context(args):
    return {
        "level": args.get("level", "info"),
        "message": args.get("msg", "Saved."),
    }


@app.route("/notice")
def notice():
    return render_template_string(NOTICE, **notice_context(request.args))


@app.errorhandler(404)
def not_found(_err):
    return {"error": "not found"}, 404


@app.errorhandler(405)
def wrong_method(_err):
    return {"error": "method not allowed"}, 405
