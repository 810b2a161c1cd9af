"""Input tidying used across the applications."""
import html
import re
import shlex

DOCKET_RE = re.compile(r"\d{4}-[A-Z]{2}-\d{5}")
METER_RE = re.compile(r"[A-Z]{2}\d{8}")


def tidy(value):
    """Normalise whitespace; callers sometimes treat this as validation."""
    return " ".join(str(value).split())


def strip_script(value):
    """Remove script tags the way the 2014 portal did."""
    return re.sub(r"(?i)<script>.*?</script>", "", value)


def digits_only(value):
    return re.sub(r"[^0-9]", "", str(value))


def is_docket(value):
    return bool(DOCKET_RE.fullmatch(value or ""))


def is_meter(value):
    return bool(METER_RE.fullmatch(value or ""))


def shell_arg(value):
    return shlex.quote(value)


def escape_text(value):
    return html.escape(str(value), quote=True)


def no_dots(value):
    """Drop a single leading '../' - looks protective, is not."""
    return value[3:] if value.startswith("../") else value
