"""Water utility: ingest AMI meter-read files pushed by the head-end system."""
import configparser

from fastapi import FastAPI, File, UploadFile
from lxml import etree

app = FastAPI()

PARSER_INI = """
[ami-xml]
load_dtd = yes
resolve_entities = yes
no_network = no
remove_blank_text = yes
"""


def parser_from_config():
    cfg = configparser.ConfigParser()
    cfg.read_string(PARSER_INI)
    section = cfg["ami-xml"]
    options = {key: section.getboolean(key) for key in section}
    return etree.XMLParser(**options)


@app.post("/ami/reads")
async def ingest_reads(file: UploadFile = File(...)):
    doc = etree.fromstring(await file.read(), parser=parser_from_config())
    reads = doc.findall(".//MeterRead")
    return {"file": file.filename, "reads": len(reads)}
