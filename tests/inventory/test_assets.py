"""aicc-asset.yaml: what a system is, for the packages its lockfiles and SBOMs list."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from aicc.core.errors import InventoryError
from aicc.feeds.sample import SAMPLE, sample_paths
from aicc.inventory.assets import AssetLookup, load_asset_settings
from aicc.pipeline import scan
from aicc.prioritize import load_profile
from aicc.store.importer import import_path

DEMO = SAMPLE.parent / "demo" / "rural-hospital"


def _write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "aicc-asset.yaml"
    path.write_text(text)
    return path


def test_settings_are_read_and_normalised(tmp_path: Path) -> None:
    path = _write(tmp_path, "asset_class: ' ehr '\nexposure: Open\nsafety_critical: true\n")
    settings = load_asset_settings(path)
    assert (settings.asset_class, settings.exposure, settings.safety_critical) == (
        "ehr",
        "open",
        True,
    )
    assert load_asset_settings(_write(tmp_path / "empty", "")).exposure is None


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        (
            "asset_klass: ehr\n",
            "asset_klass (line 1)",
            "unknown key; expected one of asset_class, exposure, safety_critical",
        ),
        (
            "exposure: internet\n",
            "exposure (line 1)",
            "'internet' is not one of open, controlled, small",
        ),
        ("safety_critical: 'yes please'\n", "safety_critical (line 1)", "expected true or false"),
        ("asset_class: 7\n", "asset_class (line 1)", "expected a class name"),
        ("- ehr\n", None, "expected a mapping"),
        ("asset_class: [\n", "line 2", "not valid YAML"),
    ],
)
def test_bad_settings_name_the_file_and_key(
    tmp_path: Path, text: str, location: str | None, message: str
) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(InventoryError) as caught:
        load_asset_settings(path)
    assert caught.value.path == str(path) and caught.value.location == location
    assert message in caught.value.message


def test_the_nearest_file_wins(tmp_path: Path) -> None:
    _write(tmp_path, "asset_class: office\n")
    _write(tmp_path / "ehr", "asset_class: ehr\n")
    lookup = AssetLookup()
    deep = lookup.settings_for(tmp_path / "ehr" / "app" / "requirements.txt")
    assert deep is not None and deep.asset_class == "ehr"
    shallow = lookup.settings_for(tmp_path / "wiki" / "requirements.txt")
    assert shallow is not None and shallow.asset_class == "office"


def test_demo_packages_take_their_system_settings(engine: Engine) -> None:
    for path in sample_paths():
        import_path(engine, path)
    result = scan(engine, [DEMO], profile=load_profile("hospital"))
    by_system = {
        (Path(f.component.source).parent.name, f.component.name): (f, e)
        for f, e in ((r.finding, r.evidence) for r in result.records)
        if e
    }
    portal, portal_evidence = by_system[("patient-portal", "django")]
    assert (portal.component.asset_class, portal.component.exposure) == ("ehr", "open")
    assert portal_evidence.exposure.source == (
        f"asset settings: {(DEMO / 'patient-portal' / 'aicc-asset.yaml').resolve()}"
    )
    lab, _ = by_system[("lab-interface", "aiohttp")]
    assert (lab.component.asset_class, lab.component.exposure) == ("clinical", "controlled")
    router, _ = by_system[("dicom-router", "golang.org/x/net")]
    assert (router.component.asset_class, router.component.exposure) == ("clinical", "small")
    # No settings file sits beside the appliance CSV: its own columns speak.
    _firewall, firewall_evidence = by_system[("rural-hospital", "Main firewall")]
    assert firewall_evidence.exposure.source.startswith("inventory: ")


def test_a_component_own_exposure_wins_over_the_file(engine: Engine, tmp_path: Path) -> None:
    for path in sample_paths():
        import_path(engine, path)
    _write(tmp_path, "exposure: small\nasset_class: clinical\n")
    (tmp_path / "appliances.csv").write_text(
        "name,vendor,product,version,cpe,exposure,notes,asset_class,safety_critical\n"
        "fw,Palo Alto Networks,PAN-OS,10.2.7,,open,,firewall,no\n"
    )
    result = scan(engine, [tmp_path], profile=load_profile("hospital"))
    [finding] = result.findings
    assert (finding.component.exposure, finding.component.asset_class) == ("open", "firewall")
    evidence = result.records[0].evidence
    assert evidence is not None and evidence.exposure.source.startswith("inventory: ")


def test_a_bad_settings_file_skips_the_inventory_with_the_reason(
    engine: Engine, tmp_path: Path
) -> None:
    _write(tmp_path, "exposure: everywhere\n")
    (tmp_path / "requirements.txt").write_text("flask==2.2.2\n")
    result = scan(engine, [tmp_path])
    assert not result.inventories
    [skipped] = result.skipped
    assert skipped.source.endswith("aicc-asset.yaml") and skipped.location == "exposure (line 1)"
