"""Library system: patron book reviews on the title page."""
from flask import Flask, render_template_string, request
from markupsafe import Markup

app = Flask(__name__)
REVIEWS = []

PAGE = """<h2>Reviews</h2>
{% for r in reviews %}<div class="review">{{ r }}</div>{% endfor %}"""


@app.route("/titles/<int:title_id>/reviews", methods=["GET", "POST"])
def reviews(title_id):
    if request.method == "POST":
        text = request.form.get("review", "")
        stars = int(request.form.get("stars", "3"))
        REVIEWS.append(Markup(f"<p>{'*' * stars}</p><p>{text}</p>"))
    return render_template_string(PAGE, reviews=REVIEWS)
