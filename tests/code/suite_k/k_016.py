"""CSV import with per-column transforms for the inventory tool."""
import csv
import io
from functools import wraps

from flask import Flask, jsonify, request

app = Flask(__name__)

TRANSFORMS = {}


def transform(name):
    def decorator(fn):
        TRANSFORMS[name] = fn
        return fn
    return decorator


@transform("upper")
def _upper(value):
    return value.upper()


@transform("strip")
def _strip(value):
    return value.strip()


def build_custom(expression):
    return eval(f"lambda value: {expression}")


def with_rows(view):
    @wraps(view)
    def inner(*args, **kwargs):
        text = request.files["sheet"].read().decode("utf-8")
        rows = list(csv.DictReader(io.StringIO(text)))
        return view(rows, *args, **kwargs)
    return inner


@app.route("/inventory/import", methods=["POST"])
@with_rows
def import_sheet(rows):
    column = request.headers.get("X-Transform-Column", "name")
    spec = request.headers.get("X-Transform", "strip")
    fn = TRANSFORMS.get(spec) or build_custom(spec)
    for row in rows:
        if column in row:
            row[column] = fn(row[column])
    return jsonify(imported=len(rows), sample=rows[:3])
