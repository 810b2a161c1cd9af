"""Safe (for CWE-611): minidom's default expat parser leaves external entities unread."""

import os
from xml.dom import minidom


def load_settings():
    raw = os.environ.get("APP_SETTINGS_XML", "<settings/>")
    dom = minidom.parseString(raw)
    return {node.getAttribute("name"): node.getAttribute("value")
            for node in dom.getElementsByTagName("setting")}
