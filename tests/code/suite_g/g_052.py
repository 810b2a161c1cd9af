"""Transit agency: short links printed on bus-stop signs."""
from flask import Flask, redirect

app = Flask(__name__)

DESTINATIONS = {
    "fares": "https://transit.example.gov/fares",
    "map": "https://transit.example.gov/system-map",
    "alerts": "https://transit.example.gov/service-alerts",
}


@app.route("/go/<code>")
def short_link(code):
    return redirect(DESTINATIONS.get(code.lower(), "/"))


@app.route("/go")
def short_link_index():
    return {"codes": sorted(DESTINATIONS)}


if __name__ == "__main__":
    app.run(port=8000)
