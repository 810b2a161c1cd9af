from flask import Flask, request
from markupsafe import Markup

app = Flask(__name__)

ROW = Markup("<tr><td>{}</td><td>{}</td><td>{}</td></tr>")
TABLE = Markup("<table><thead><tr><th>Job</th><th>Branch</th><th>Note</th></tr></thead>"
               "<tbody>{}</tbody></table>")

RUNS = []


@app.route("/runs", methods=["POST"])
def add_run():
    data = request.get_json()
    RUNS.append((data.get("job", ""), data.get("branch", ""), data.get("note", "")))
    return {"stored": len(RUNS)}


@app.route("/runs/table")
def runs_table():
    rows = Markup("").join(ROW.format(job, branch, note) for job, branch, note in RUNS)
    caption = request.args.get("caption", "Recent runs")
    heading = Markup("<h2>{}</h2>").format(caption)
    return heading + TABLE.format(rows)


if __name__ == "__main__":
    app.run()
