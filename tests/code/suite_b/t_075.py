import marshal

from fastapi import FastAPI, File, HTTPException, UploadFile

app = FastAPI()


@app.post("/stats/import")
async def import_stats(snapshot: UploadFile = File(...)):
    data = await snapshot.read()
    if len(data) > 5 * 1024 * 1024:
        raise HTTPException(status_code=413, detail="snapshot too large")
    try:
        stats = marshal.loads(data)
    except (EOFError, ValueError, TypeError):
        raise HTTPException(status_code=400, detail="corrupt snapshot")
    if not isinstance(stats, dict):
        raise HTTPException(status_code=400, detail="unexpected snapshot format")
    return {"keys": sorted(map(str, stats))[:100], "count": len(stats)}
