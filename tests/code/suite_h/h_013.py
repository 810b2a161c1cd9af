"""FastAPI service that evaluates report column expressions."""
import binascii

from fastapi import FastAPI, HTTPException, Query

app = FastAPI()

ROWS = [
    {"units": 12, "price": 3.5},
    {"units": 4, "price": 10.0},
]


def decode_expression(hexed: str) -> str:
    try:
        return binascii.unhexlify(hexed).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError) as exc:
        raise HTTPException(status_code=400, detail="bad encoding") from exc


@app.get("/report/column")
def computed_column(expr: str = Query(..., description="hex encoded expression")):
    source = decode_expression(expr)
    values = []
    for row in ROWS:
        values.append(eval(source, {}, dict(row)))
    return {"expression": source, "values": values}


@app.get("/report/rows")
def rows():
    return {"rows": ROWS, "count": len(ROWS)}


if __name__ == "__main__":
    import uvicorn

    uvicorn.run(app, host="127.0.0.1", port=8000)
