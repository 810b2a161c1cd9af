"""School district: printable certificate with the student's name."""
from flask import Flask, render_template_string, request

app = Flask(__name__)


def certificate_template(student, course):
    return (
        "<div class='cert'><h1>Certificate of Completion</h1>"
        f"<p>This certifies that <strong>{student}</strong> completed {course}.</p></div>"
    )


@app.route("/certificates")
def certificate():
    student = request.args.get("student", "Student")
    course = request.args.get("course", "Algebra I")
    return render_template_string(certificate_template(student, course))
