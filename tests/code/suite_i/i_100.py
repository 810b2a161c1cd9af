"""Comment preview for the blog editor."""
from flask import Flask, request, render_template_string

app = Flask(__name__)

PREVIEW = """
<article class="preview">
  <h3>{{ author }}</h3>
  <p>{{ body }}</p>
</article>
"""


class Preview:
    def __init__(self, author, body):
        self.author = author.strip() or "Anonymous"
        self.body = body

    def render(self):
        return render_template_string(PREVIEW, author=self.author, body=self.body)


@app.route("/comments/preview", methods=["POST"])
def preview():
    return Preview(request.form.get("author", ""), request.form.get("body", "")).render()


@app.route("/healthz")
def healthz():
    return {"status": "ok", "service": __name__}


if __name__ == "__main__":
    app.run(port=5000)
