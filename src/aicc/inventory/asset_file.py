"""The shape of an ``aicc-asset.yaml`` (see `aicc.inventory.assets`), and the settings read
from it; every problem is named by file, key and line."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BeforeValidator, StringConstraints

from aicc.core.components import EXPOSURES
from aicc.core.errors import InventoryError
from aicc.core.typed_files import FileModel, FileProblem, expect, problem_at, read_typed
from aicc.core.yamlfile import YamlDocument
from aicc.inventory.assets import AssetSettings


def _exposure(value: Any) -> Any:
    """``Open`` and ``open`` alike; anything else names the exposures there are."""
    if value is None:
        return None
    text = str(value).strip().lower()
    if text not in EXPOSURES:
        raise problem_at(None, f"{value!r} is not one of {', '.join(EXPOSURES)}")
    return text


AssetClass = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    expect("a class name such as 'ehr' or 'firewall'"),
]


class AssetFile(FileModel):
    """A whole ``aicc-asset.yaml``; every key may be left out."""

    asset_class: AssetClass | None = None  # a class of the sector profile
    exposure: Annotated[str | None, BeforeValidator(_exposure)] = None  # one of EXPOSURES
    safety_critical: bool | None = None


def build_asset_settings(document: YamlDocument, source: str) -> AssetSettings:
    """The settings ``document`` gives; `InventoryError` naming file, key and line."""

    def error(problem: FileProblem) -> InventoryError:
        return InventoryError(problem.message, path=source, location=problem.location())

    if document.data is None:
        return AssetSettings(source)
    model = read_typed(AssetFile, document, error)
    return AssetSettings(source, model.asset_class, model.exposure, model.safety_critical)
