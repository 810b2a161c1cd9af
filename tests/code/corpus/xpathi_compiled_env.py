import os

from lxml import etree


def plugin_nodes(tree):
    selector = etree.XPath("//plugin[@id='" + os.environ["PLUGIN_ID"] + "']")
    return selector(tree)
