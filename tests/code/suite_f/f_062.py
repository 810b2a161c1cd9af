"""Water utility outage map (FastAPI): remember the visitor's map layer and language."""
from fastapi import FastAPI, Response

app = FastAPI()

LAYERS = {"outages", "crews", "boil-notices"}
LANGUAGES = {"en", "es"}


@app.post("/map/preferences")
async def save_preferences(response: Response, layer: str = "outages", lang: str = "en"):
    if layer in LAYERS:
        response.set_cookie("map_layer", layer, max_age=31536000, samesite="lax")
    if lang in LANGUAGES:
        response.set_cookie("ui_lang", lang, max_age=31536000, samesite="lax")
    return {"layer": layer, "lang": lang}
