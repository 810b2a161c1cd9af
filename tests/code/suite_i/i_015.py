"""Generic CSV export: builds a fast attribute getter per requested column."""
import csv
import io

from flask import Flask, request, Response

app = Flask(__name__)


class Item:
    def __init__(self, sku, name, price):
        self.sku, self.name, self.price = sku, name, price


ITEMS = [Item("A1", "chair", 40), Item("B2", "desk", 180)]


def make_getter(field_name):
    src = f"def getter(obj):\n    return obj.{field_name}\n"
    ns = {}
    exec(compile(src, "<getter>", "exec"), ns)
    return ns["getter"]


@app.route("/export.csv")
def export():
    fields = request.args.get("cols", "sku,name").split(",")
    getters = [make_getter(f.strip()) for f in fields]
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(fields)
    for item in ITEMS:
        writer.writerow([g(item) for g in getters])
    return Response(buf.getvalue(), mimetype="text/csv")
