"""Each format's words for status and justification, mapped onto OpenVEX's (`aicc.core.vex`).

Kept apart from the readers, which import pydantic: these tables are public, and importing them
(or `aicc.validate.vex` for matching) must not load the readers' models.
"""

from __future__ import annotations

from aicc.core.vex import JUSTIFICATIONS, STATUSES

# OpenVEX's statuses and justifications, each read as itself.
OPENVEX_STATUSES = {s: s for s in STATUSES}
OPENVEX_JUSTIFICATIONS = {j: j for j in JUSTIFICATIONS}

# CycloneDX 1.4-1.6 `analysis.state` -> OpenVEX status. The CycloneDX spec defines the states
# ("impactAnalysisState"); the four VEX statuses are CISA's ("Minimum Requirements for VEX",
# April 2023). A false positive never applied to the component, which VEX calls not_affected;
# resolved_with_pedigree is resolved with the fix recorded in the component's pedigree.
CYCLONEDX_STATES = {
    "not_affected": "not_affected",
    "false_positive": "not_affected",
    "exploitable": "affected",
    "in_triage": "under_investigation",
    "resolved": "fixed",
    "resolved_with_pedigree": "fixed",
}

# CycloneDX `analysis.justification` -> OpenVEX justification. OpenVEX and CSAF use the five
# labels of CISA's "Vulnerability Exploitability eXchange (VEX) - Status Justifications" (June
# 2022); CycloneDX ("impactAnalysisJustification") has nine finer ones. Each maps onto the CISA
# label whose definition covers the CycloneDX one:
CYCLONEDX_JUSTIFICATIONS = {
    # "The code has been removed or tree-shaked."
    "code_not_present": "vulnerable_code_not_present",
    # "The vulnerable code is not invoked at runtime."
    "code_not_reachable": "vulnerable_code_not_in_execute_path",
    # "Exploitability requires a configurable option to be set/unset": one the product leaves
    # alone, so an attacker cannot reach the code in the state that exploits it.
    "requires_configuration": "vulnerable_code_cannot_be_controlled_by_adversary",
    # "Exploitability requires a dependency that is not present."
    "requires_dependency": "component_not_present",
    # "Exploitability requires a certain environment which is not present."
    "requires_environment": "vulnerable_code_cannot_be_controlled_by_adversary",
    # Compiler flags, runtime protection, perimeter blocking and mitigating controls are all
    # protections that already stop the attack: CISA's "inline mitigations already exist".
    "protected_by_compiler": "inline_mitigations_already_exist",
    "protected_at_runtime": "inline_mitigations_already_exist",
    "protected_at_perimeter": "inline_mitigations_already_exist",
    "protected_by_mitigating_control": "inline_mitigations_already_exist",
}

# CSAF 2.0 `product_status` (section 3.2.3.9) -> OpenVEX status. ``recommended`` names the
# product to use, which says nothing about it being affected, so it makes no statement.
CSAF_STATUSES = {
    "known_not_affected": "not_affected",
    "known_affected": "affected",
    "first_affected": "affected",
    "last_affected": "affected",
    "fixed": "fixed",
    "first_fixed": "fixed",
    "under_investigation": "under_investigation",
}
# CSAF 2.0 flag labels (section 3.2.3.5) are the five CISA justifications, spelled as OpenVEX
# spells them, so they are read as they are (`OPENVEX_JUSTIFICATIONS`).
