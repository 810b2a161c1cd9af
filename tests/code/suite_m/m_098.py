from flask import Flask, request, render_template_string

app = Flask(__name__)

REMINDER_TEMPLATE = """
<!doctype html>
<title>Vaccination reminder</title>
<h1>Reminder for {{ pet }}</h1>
<p>Dear {{ owner }}, {{ pet }} is due for the {{ vaccine }} booster on {{ due }}.</p>
<p><a href="{{ booking_url }}">Book an appointment</a></p>
"""

VACCINES = {"dog": "DHPPi", "cat": "FVRCP", "rabbit": "RHDV2"}


def reminder_context(form):
    species = form.get("species", "dog")
    return {
        "pet": form.get("pet", ""),
        "owner": form.get("owner", ""),
        "vaccine": VACCINES.get(species, "annual"),
        "due": form.get("due", "soon"),
        "booking_url": "/appointments/new",
    }


@app.route("/reminders/preview", methods=["POST"])
def preview_reminder():
    ctx = reminder_context(request.form)
    return render_template_string(REMINDER_TEMPLATE, **ctx)


if __name__ == "__main__":
    app.run()
