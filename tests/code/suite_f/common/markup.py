"""HTML fragments for the portals."""
from markupsafe import Markup, escape


def badge(label):
    return Markup("<span class=\"badge\">{}</span>").format(label)


def raw_badge(label):
    return Markup("<span class=\"badge\">%s</span>" % label)


def row(*cells):
    return "<tr>" + "".join("<td>" + str(escape(c)) + "</td>" for c in cells) + "</tr>"
