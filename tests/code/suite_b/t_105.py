from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from jinja2 import DictLoader, Environment

env = Environment(
    loader=DictLoader({
        "card.html": "<div class='card'><h3>{{ title }}</h3><p>{{ body }}</p></div>",
    }),
    autoescape=True,
)
app = FastAPI()


@app.get("/cards/preview", response_class=HTMLResponse)
def preview_card(title: str = "Untitled", body: str = ""):
    template = env.get_template("card.html")
    return template.render(title=title, body=body)
