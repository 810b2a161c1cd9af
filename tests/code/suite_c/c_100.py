from fastapi import Depends, FastAPI, Query
from sqlalchemy import create_engine, text

engine = create_engine("postgresql+psycopg://portal@db.internal/portal")
app = FastAPI()


def get_conn():
    with engine.connect() as conn:
        yield conn


@app.get("/invoices")
def list_invoices(region: str = Query("emea"), year: int = Query(2024), conn=Depends(get_conn)):
    params = {"region": region, "year": year}
    stmt = (
        "SELECT id, amount, due_date FROM invoices "
        "WHERE region = '{region}' AND fiscal_year = {year}"
    ).format(**params)
    rows = conn.execute(text(stmt)).mappings().all()
    return {"invoices": [dict(r) for r in rows]}
