"""Standard reports for the finance team."""
import argparse
import os

from flask import Flask, request, send_file, abort

app = Flask(__name__)
REPORT_DIR = "/srv/reports"
REPORTS = {
    "monthly": "monthly_summary.xlsx",
    "quarterly": "quarterly_summary.xlsx",
    "aging": "receivables_aging.xlsx",
}


@app.route("/reports")
def report():
    kind = request.args.get("kind", "monthly")
    if kind not in REPORTS:
        abort(404)
    filename = REPORTS[kind]
    return send_file(os.path.join(REPORT_DIR, filename), as_attachment=True)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "5000")))
    args = parser.parse_args(argv)
    app.run(host=args.host, port=args.port)


if __name__ == "__main__":
    main()
