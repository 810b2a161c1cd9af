"""Report template upload: templates are XML documents with shared snippets."""
from flask import Flask, request, jsonify
from lxml import etree

app = Flask(__name__)

PARSER_OPTIONS = {
    "remove_blank_text": True,
    "load_dtd": True,
    "resolve_entities": True,
    "no_network": True,
}


class TemplateLoader:
    def __init__(self, options):
        self.parser = etree.XMLParser(**options)

    def load(self, stream):
        return etree.parse(stream, self.parser).getroot()


loader = TemplateLoader(PARSER_OPTIONS)


@app.route("/reports/templates", methods=["POST"])
def upload_template():
    tpl = request.files["template"]
    root = loader.load(tpl.stream)
    sections = [{"id": s.get("id"), "text": s.text} for s in root.iter("section")]
    return jsonify({"name": tpl.filename, "sections": sections})
