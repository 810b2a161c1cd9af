"""Water district: homepage banner A/B test for the conservation campaign."""
import random

from flask import Flask, render_template_string

app = Flask(__name__)

BANNERS = [
    ("blue", "Every drop counts"),
    ("green", "Water-wise gardens save money"),
]

PAGE = '<div style="background:{{ color }}">{{ text }}</div>'


@app.route("/")
def home():
    color, text = BANNERS[0] if random.random() < 0.5 else BANNERS[1]
    return render_template_string(PAGE, color=color, text=text)
