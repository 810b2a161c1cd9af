"""The folder the pipeline reads an organisation's inventories from, and the names it reports.

The pipeline reads files (`aicc.pipeline.scan`), so the center writes each asset's inventory
into a private temporary folder, one sub-folder per asset named after it, and scans that::

    <work>/aicc-asset.yaml                 empty: no settings from the folders above count
    <work>/<asset>/.git/                   the project folder: includes stay in the asset's
    <work>/<asset>/aicc-asset.yaml         the asset's exposure, class, safety (when set)
    <work>/<asset>/<filename>              the file as uploaded
    <work>/<asset>/<folders>/<name>        or each file of an upload of several

Every name the pipeline reports (a component's source, a problem's file, the settings file an
exposure came from) is then made relative to the folder: ``patient-portal/sbom.cdx.json``, the
same as ``aicc plan patient-portal/sbom.cdx.json`` run beside it says, and nothing of the
server's disk shows.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import yaml

from aicc.center.upload_files import split
from aicc.inventory.assets import FILENAME as ASSET_FILE


@dataclass(frozen=True)
class AssetSettings:
    """What the center knows about an asset that the pipeline reads from ``aicc-asset.yaml``."""

    exposure: str | None = None
    asset_class: str | None = None
    safety_critical: bool = False

    def document(self) -> dict[str, Any]:
        """The keys an ``aicc-asset.yaml`` would say, only those that are set."""
        found: dict[str, Any] = {}
        if self.asset_class:
            found["asset_class"] = self.asset_class
        if self.exposure:
            found["exposure"] = self.exposure
        if self.safety_critical:
            found["safety_critical"] = True
        return found


# orjson refuses (TypeError) what would not come back the same: dates, dataclasses, subclasses
# of str and int (a tuple comes back a list)
_EXACT = (
    orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_SUBCLASS
    | orjson.OPT_PASSTHROUGH_DATACLASS
)


class Workspace:
    """A temporary folder of asset sub-folders (see the module's docstring)."""

    def __init__(self, root: Path):
        self.root = root
        (root / ASSET_FILE).write_text("# the center's work folder: no settings from above\n")

    def add(
        self,
        asset: str,
        filename: str,
        content: bytes,
        settings: AssetSettings,
        files: Sequence[dict[str, Any]] | None = None,
    ) -> Path:
        """Write one asset's inventory (and its settings) and return the file's path.

        ``asset`` and ``filename`` must be plain names (`aicc.center.names` checks them). An
        upload of several files (``files``: the stored listing, `aicc.center.upload_files`)
        writes each under its relative name; ``filename`` is then the inventory's.
        """
        folder = self.root / asset
        folder.mkdir()
        (folder / ".git").mkdir()
        document = settings.document()
        if document:
            (folder / ASSET_FILE).write_text(yaml.safe_dump(document, sort_keys=True))
        if files is None:
            path = folder / filename
            path.write_bytes(content)
            return path
        for sent in split(content, files):
            path = folder / sent.name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(sent.content)
        return folder / filename

    def relative(self, value: Any) -> Any:
        """``value`` (JSON) with every mention of the folder taken out of its strings (keys too).

        A dict or list is done on its JSON text, in one pass (a scan's records are thousands
        of nested values: walking them in Python cost the upload and the plan a second); one
        holding what JSON cannot say as such (dates, str subclasses) is walked instead.
        """
        prefix = f"{self.root}/"
        if isinstance(value, str):
            return value.replace(prefix, "") if prefix in value else value
        if isinstance(value, dict | list):
            try:
                text = orjson.dumps(value, option=_EXACT)
            except TypeError:
                return self._walk(value, prefix)
            needle = orjson.dumps(prefix)[1:-1]
            return orjson.loads(text.replace(needle, b"") if needle in text else text)
        return value

    def _walk(self, value: Any, prefix: str) -> Any:
        if isinstance(value, str):
            return value.replace(prefix, "") if prefix in value else value
        if isinstance(value, dict):
            return {key: self._walk(item, prefix) for key, item in value.items()}
        if isinstance(value, list):
            return [self._walk(item, prefix) for item in value]
        return value


@contextmanager
def workspace() -> Iterator[Workspace]:
    """A new private folder, removed with everything in it when the block ends."""
    root = Path(tempfile.mkdtemp(prefix="aicc-center-")).resolve()
    try:
        yield Workspace(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
