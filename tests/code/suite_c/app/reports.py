"""Report definitions and export helpers."""
import textwrap
from dataclasses import dataclass, field

FORMATS = {"pdf": "pdf", "csv": "csv", "xlsx": "xlsx"}
REPORT_DIR = "/srv/portal/reports"
RENDERER = "/opt/reports/bin/render"


@dataclass
class ReportRequest:
    name: str
    fmt: str = "pdf"
    owner: str = ""
    filters: dict = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, data):
        return cls(name=str(data.get("name", "")), fmt=str(data.get("fmt", "pdf")),
                   owner=str(data.get("owner", "")), filters=dict(data.get("filters") or {}))


def export_command(req):
    fmt = FORMATS.get(req.fmt, "pdf")
    return [RENDERER, "--format", fmt, "--name", req.name]


def export_shell_line(req):
    return textwrap.dedent(f"""
        {RENDERER} --format {req.fmt} --name {req.name}
    """).strip()


def title_block(title, level=1):
    return "<h{0}>{1}</h{0}>".format(level, title)


def xpath_for(element, attr, value):
    return "//{}[@{}='{}']".format(element, attr, value)
