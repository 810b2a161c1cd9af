from flask import Flask, request, redirect, url_for, render_template

app = Flask(__name__)

RETURN_PAGES = {
    "calendar": "appointments_calendar",
    "patients": "patient_list",
    "billing": "billing_overview",
}


@app.route("/appointments/calendar")
def appointments_calendar():
    return render_template("calendar.html")


@app.route("/patients")
def patient_list():
    return render_template("patients.html")


@app.route("/billing")
def billing_overview():
    return render_template("billing.html")


@app.route("/appointments/<int:appt_id>/cancel", methods=["POST"])
def cancel_appointment(appt_id):
    from clinic.appointments import cancel
    cancel(appt_id)
    endpoint = RETURN_PAGES.get(request.args.get("back", "calendar"), "appointments_calendar")
    return redirect(url_for(endpoint))


if __name__ == "__main__":
    app.run()
