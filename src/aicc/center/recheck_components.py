"""A chunk's components as the pipeline read them at upload, rebuilt from the stored rows.

An upload keeps each component of its inventory as JSON (`aicc.report.model.component_dict`,
names relative to the center's work folder, `aicc.center.workspace`). The re-check matches
those again instead of reading every file anew: reading costs a tenth of a second per
inventory, and a chunk sorted by component key touches almost every inventory.

What the JSON leaves out is what the center's scan does not use (notes and bom-refs serve VEX
and reachability, which the center does not run), except where an exposure came from: only an
appliance CSV states one per row (always, "controlled" when the cell is empty); any other
format leaves it to the asset's settings (``<asset>/aicc-asset.yaml``), which cannot have
changed since the upload (a change comes with a new upload, which supersedes this inventory).
A stored row that does not fit those rules (its exposure is not the asset's) is not guessed
at: ``stored_components`` returns None and the chunk reads that file again.

Each inventory of a chunk is put under its own made-up root (``/aicc-recheck/<n>/``) so that
one pipeline scan can take the whole chunk and its findings, problems and unmatched rows be
told apart again (two organisations often name their asset and file alike); `Rooted.relative`
takes the root out again, as the upload's work folder did.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from aicc.center.findings import component_identity
from aicc.center.workspace import AssetSettings, Workspace
from aicc.core.components import Component, Inventory
from aicc.inventory.appliances import ApplianceCsvFormat
from aicc.inventory.assets import FILENAME as ASSET_FILE

ROOT = "/aicc-recheck"
_FILE_EXPOSURE_FORMATS = frozenset({ApplianceCsvFormat.name})  # formats stating an exposure
_APPLIANCE_DEFAULT = "controlled"  # what component_dict writes for an appliance without one


class Rooted(Workspace):
    """The names of one inventory of a chunk: ``relative`` takes its made-up root out."""

    def __init__(self, index: int):  # no folder on disk: nothing is written or read
        self.root = Path(f"{ROOT}/{index}")

    @property
    def prefix(self) -> str:
        """What every name of this inventory starts with during the scan."""
        return f"{self.root}/"

    def owns(self, name: str | None) -> bool:
        """Whether a reported name (a component's source, a problem's file) is this one's."""
        return bool(name) and str(name).startswith(self.prefix)


def root_index(name: str | None) -> int | None:
    """The index of the inventory whose made-up root a reported name lies under; None for a
    name under none (one pass over a chunk's results instead of one per inventory)."""
    if not name or not str(name).startswith(ROOT + "/"):
        return None
    head = str(name)[len(ROOT) + 1 :].split("/", 1)[0]
    return int(head) if head.isdigit() else None


def _exposure(
    stored: dict[str, Any], fmt: str, settings: AssetSettings, settings_file: str
) -> tuple[str | None, str | None] | None:
    """The component's exposure and the settings file it came from; None: it cannot be told."""
    said = stored.get("exposure")
    if fmt in _FILE_EXPOSURE_FORMATS:
        return (said, None) if said else None
    if settings.exposure:
        return (said, settings_file) if said == settings.exposure else None
    if said is None or (not stored.get("ecosystem") and said == _APPLIANCE_DEFAULT):
        return None, None
    return None


def stored_components(
    components: list[dict[str, Any]],
    identities: set[tuple[str, ...]],
    *,
    fmt: str,
    asset: str,
    settings: AssetSettings,
    rooted: Rooted,
) -> list[Component] | None:
    """The stored ``components`` whose identity is one of ``identities``, as the pipeline read
    them (names under ``rooted``'s root); None when one of them cannot be rebuilt exactly."""
    settings_file = f"{rooted.prefix}{asset}/{ASSET_FILE}"
    rebuilt: list[Component] = []
    for stored in components:
        if component_identity(stored) not in identities:
            continue
        exposure = _exposure(stored, fmt, settings, settings_file)
        if exposure is None:
            return None
        package = bool(stored.get("ecosystem"))
        rebuilt.append(
            Component(
                name=str(stored["name"]),
                version=stored.get("version"),
                source=rooted.prefix + str(stored.get("source") or ""),
                ecosystem=stored.get("ecosystem"),
                purl=stored.get("purl") if package else None,
                cpe=None if package else stored.get("cpe"),
                vendor=None if package else stored.get("vendor"),
                product=None if package else stored.get("product"),
                location=stored.get("location"),
                exposure=exposure[0],
                asset_source=exposure[1],
                direct=stored.get("direct"),
                scope=stored.get("scope"),
                asset_class=stored.get("asset_class"),
                safety_critical=bool(stored.get("safety_critical")),
                host=stored.get("host"),
                platform=stored.get("platform"),
            )
        )
    return rebuilt


def rerooted(inventory: Inventory, work: Workspace, rooted: Rooted) -> Inventory:
    """An inventory read from ``work``'s folder, its names moved under ``rooted``'s root."""

    def moved(name: str | None) -> str | None:
        return None if name is None else rooted.prefix + str(work.relative(name))

    components = [
        replace(c, source=str(moved(c.source)), asset_source=moved(c.asset_source))
        for c in inventory.components
    ]
    return replace(inventory, source=str(moved(inventory.source)), components=components)
