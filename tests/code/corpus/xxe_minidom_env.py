import os
from xml.dom import minidom


def load_settings():
    raw = os.environ.get("APP_SETTINGS_XML", "<settings/>")
    dom = minidom.parseString(raw)
    return {node.getAttribute("name"): node.getAttribute("value")
            for node in dom.getElementsByTagName("setting")}
