from flask import Flask, render_template, request
from markupsafe import Markup

app = Flask(__name__)

LEVELS = {"low": "green", "medium": "orange", "high": "red"}


class Notice:
    def __init__(self, title, level):
        self.title = title
        self.level = level if level in LEVELS else "low"

    def badge(self):
        colour = LEVELS[self.level]
        return Markup(f'<span class="badge" style="color:{colour}">{self.title}</span>')


@app.route("/notices/preview", methods=["POST"])
def preview_notice():
    notice = Notice(request.form.get("title", "Untitled"), request.form.get("level", "low"))
    return render_template("notice_preview.html", badge=notice.badge(), level=notice.level)


@app.route("/notices/levels")
def levels():
    return {"levels": sorted(LEVELS)}


if __name__ == "__main__":
    app.run()
