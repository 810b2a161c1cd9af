from flask import Flask, request

app = Flask(__name__)

BOOKS = {
    "dune": "Frank Herbert",
    "hyperion": "Dan Simmons",
    "neuromancer": "William Gibson",
}


def result_rows(term):
    rows = []
    for title, author in BOOKS.items():
        if term.lower() in title:
            rows.append("<li>%s by %s</li>" % (title.title(), author))
    return rows


@app.route("/search")
def search():
    term = request.args.get("q", "")
    rows = result_rows(term)
    heading = f"<h2>Results for {term}</h2>"
    if not rows:
        body = heading + "<p>No books matched.</p>"
    else:
        body = heading + "<ul>" + "".join(rows) + "</ul>"
    return "<html><body>" + body + "</body></html>"


if __name__ == "__main__":
    app.run()
