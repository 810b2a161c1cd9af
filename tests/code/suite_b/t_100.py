from fastapi import Depends, FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session, sessionmaker

engine = create_engine("postgresql+psycopg://app@db/inventory")
SessionLocal = sessionmaker(bind=engine)
app = FastAPI()


def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()


@app.get("/stock/{warehouse}")
def stock_level(warehouse: str, sku: str, db: Session = Depends(get_db)):
    stmt = text(
        "SELECT sku, quantity FROM stock "
        f"WHERE warehouse = :wh AND sku = '{sku}'"
    )
    row = db.execute(stmt, {"wh": warehouse}).first()
    if row is None:
        return {"sku": sku, "quantity": 0}
    return {"sku": row.sku, "quantity": row.quantity}
