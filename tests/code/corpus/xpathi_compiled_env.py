import os

from lxml import etree


def plugin_nodes(tree):
    selector = etree.XPath("//plugin[@id='" + os.environ["HTTP_X_PLUGIN_ID"] + "']")
    return selector(tree)
