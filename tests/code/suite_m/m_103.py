from aiohttp import web

TEMPLATE = """<!doctype html>
<html><body>
<h1>Thank you, {observer}!</h1>
<p>Your sighting of <b>{species}</b> has been recorded.</p>
</body></html>"""

SPECIES_NAMES = {"ERRU": "European robin", "TUME": "Blackbird", "PAMA": "Great tit"}


def strip_scripts(text):
    return text.replace("<script", "").replace("</script>", "")


def thank_you_html(observer, species_code):
    return TEMPLATE.format(
        observer=strip_scripts(observer),
        species=SPECIES_NAMES.get(species_code, "an unlisted species"),
    )


async def record_sighting(request: web.Request) -> web.Response:
    data = await request.json()
    observer = str(data.get("observer", "volunteer"))
    species_code = str(data.get("species", ""))
    page = thank_you_html(observer, species_code)
    return web.Response(text=page, content_type="text/html")


app = web.Application()
app.router.add_post("/sightings", record_sighting)

if __name__ == "__main__":
    web.run_app(app)
