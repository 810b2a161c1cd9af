"""Maple Ridge School District: course page showing the section label teachers type in."""
from flask import Flask, render_template_string, request

from common.markup import badge

app = Flask(__name__)

PAGE = """
<!doctype html>
<h1>{{ course }} {{ label }}</h1>
"""


@app.get("/courses/<course>")
def course_page(course):
    label = badge(request.args.get("section", "All sections"))
    return render_template_string(PAGE, course=course, label=label)
