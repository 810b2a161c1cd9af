"""Per-asset settings: an ``aicc-asset.yaml`` beside inventories says what the system is.

A lockfile or SBOM says which packages a system runs, not what the system is for. A small file
in the same directory (or a parent directory) says it, for every inventory below it::

    # ehr-server/aicc-asset.yaml
    asset_class: ehr          # a class of the sector profile (firewall, clinical, office, ...)
    exposure: controlled      # open | controlled | small
    safety_critical: false    # true: top human and mission impact, whatever the profile says

The nearest file wins; a value an inventory gives itself (the appliance CSV's columns) wins
over the file; the file wins over the scan's defaults (``--exposure``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from aicc.core.components import Inventory
from aicc.core.errors import InventoryError
from aicc.core.yamlfile import YamlFileError, read_yaml_document

FILENAME = "aicc-asset.yaml"


@dataclass(frozen=True, slots=True)
class AssetSettings:
    """What one ``aicc-asset.yaml`` says; None where it is silent."""

    path: str
    asset_class: str | None = None
    exposure: str | None = None
    safety_critical: bool | None = None


def load_asset_settings(path: Path) -> AssetSettings:
    """Read and check one settings file; InventoryError names the file, the key and its line."""
    source = str(path)
    try:
        document = read_yaml_document(path)
    except YamlFileError as exc:
        raise InventoryError(exc.message, path=source, location=exc.location) from exc
    # Imported here, not at the top: the file's model imports pydantic, which AICC loads only
    # when it reads a settings file. The file's shape is declared there.
    from aicc.inventory.asset_file import build_asset_settings

    return build_asset_settings(document, source)


class AssetLookup:
    """Finds the nearest ``aicc-asset.yaml`` for inventories; one per scan (it caches)."""

    def __init__(self) -> None:
        self._found: dict[Path, AssetSettings | None] = {}

    def settings_for(self, inventory_path: Path) -> AssetSettings | None:
        """The nearest settings file at or above the inventory's directory, or None."""
        return self._in(inventory_path.resolve().parent)

    def _in(self, folder: Path) -> AssetSettings | None:
        if folder not in self._found:
            candidate = folder / FILENAME
            if candidate.is_file():
                self._found[folder] = load_asset_settings(candidate)
            else:
                self._found[folder] = None if folder.parent == folder else self._in(folder.parent)
        return self._found[folder]


def apply_asset_settings(inventory: Inventory, settings: AssetSettings) -> Inventory:
    """The inventory with the file's values filled in where a component does not say."""
    components = []
    for component in inventory.components:
        exposure = component.exposure
        asset_source = component.asset_source
        if exposure is None and settings.exposure is not None:
            exposure, asset_source = settings.exposure, settings.path
        components.append(
            replace(
                component,
                exposure=exposure,
                asset_source=asset_source,
                asset_class=component.asset_class or settings.asset_class,
                safety_critical=component.safety_critical or bool(settings.safety_critical),
            )
        )
    return replace(inventory, components=components)
