"""Employee listing with sortable columns (SQLAlchemy)."""
from flask import Flask, request, jsonify
from sqlalchemy import create_engine, text

app = Flask(__name__)
engine = create_engine("sqlite:///hr.db")
SORTABLE = {"name": "last_name", "hired": "hire_date", "dept": "department"}


def order_clause(key, desc):
    column = SORTABLE.get(key, "last_name")
    return f" ORDER BY {column} {'DESC' if desc else 'ASC'}"


def employees(department, key, desc):
    sql = "SELECT id, first_name, last_name, department FROM employees WHERE department = :dept"
    stmt = text(sql + order_clause(key, desc))
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(stmt, {"dept": department})]


@app.route("/hr/employees")
def list_employees():
    rows = employees(request.args.get("dept", "sales"), request.args.get("sort", "name"),
                     request.args.get("desc") == "1")
    return jsonify(rows=rows)


@app.after_request
def no_store(resp):
    resp.headers.setdefault("Cache-Control", "no-store")
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    return resp


@app.route("/version")
def version():
    return {"version": "1.4.2"}
