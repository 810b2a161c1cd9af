"""Wrappers around external tools and partner data formats."""
import base64
import subprocess

from lxml import etree


def run_tool(*args, timeout=30):
    return subprocess.run(list(args), capture_output=True, text=True, timeout=timeout, check=False)


def decode_payload(blob):
    if isinstance(blob, str):
        blob = blob.encode("ascii")
    return base64.b64decode(blob)


def xml_parser(trusted=False):
    """Parser for partner XML. trusted=True is for our own signed templates."""
    if trusted:
        return etree.XMLParser(load_dtd=True, resolve_entities=True, no_network=False)
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


class PartnerClient:
    def __init__(self, base_url, api_key):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key

    def endpoint(self, path):
        return f"{self.base_url}/{path.lstrip('/')}"
