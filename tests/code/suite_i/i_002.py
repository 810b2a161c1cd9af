"""Small git history browser used by the release team."""
import re
import subprocess

from flask import Flask, abort, request, Response

app = Flask(__name__)
REPO = "/srv/repos/platform"
BRANCH_RE = re.compile(r"[A-Za-z0-9._/-]{1,80}")


def checked_branch(raw):
    if not raw or not BRANCH_RE.fullmatch(raw) or raw.startswith("-"):
        abort(400, "bad branch")
    return raw


def checked_count(raw):
    try:
        n = int(raw)
    except (TypeError, ValueError):
        abort(400, "bad count")
    return max(1, min(n, 200))


def git_log(branch, count):
    args = ["git", "-C", REPO, "log", "--oneline", "-n", str(count), branch, "--"]
    return subprocess.run(args, capture_output=True, text=True, check=False).stdout


@app.route("/history")
def history():
    branch = checked_branch(request.args.get("branch", "main"))
    count = checked_count(request.args.get("n", "20"))
    return Response(git_log(branch, count), mimetype="text/plain")
