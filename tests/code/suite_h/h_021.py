"""Wizard that keeps its state in a hidden form field between steps."""
import jsonpickle

from flask import Flask, request, render_template_string

app = Flask(__name__)


class WizardState:
    def __init__(self):
        self.step = 1
        self.answers = {}


FORM = """
<form method="post">
  <input type="hidden" name="state" value="{{ state }}">
  <label>Answer for step {{ step }}</label> <input name="answer">
  <button>Next</button>
</form>
"""


@app.route("/wizard", methods=["GET", "POST"])
def wizard():
    if request.method == "POST" and request.form.get("state"):
        state = jsonpickle.decode(request.form["state"])
        state.answers[state.step] = request.form.get("answer", "")
        state.step += 1
    else:
        state = WizardState()
    return render_template_string(FORM, state=jsonpickle.encode(state), step=state.step)
