from flask import Flask, render_template_string, request

app = Flask(__name__)

BADGE_TEMPLATE = """
<!doctype html>
<title>Visitor badge</title>
<div class="badge">
  <h1>{{ visitor }}</h1>
  <p>Visiting: {{ host }}</p>
  <p>Floor {{ floor }}</p>
</div>
"""

HOSTS = {"it": ("IT Support", 2), "hr": ("Human Resources", 3), "ops": ("Operations", 1)}


@app.route("/badge", methods=["POST"])
def badge():
    visitor = request.form.get("visitor", "Guest").strip()
    dept = request.form.get("dept", "it")
    host, floor = HOSTS.get(dept, HOSTS["it"])
    return render_template_string(BADGE_TEMPLATE, visitor=visitor, host=host, floor=floor)


@app.route("/badge/preview")
def preview():
    visitor = request.args.get("visitor", "Guest")
    return render_template_string(BADGE_TEMPLATE, visitor=visitor, host="Reception", floor=0)
