"""Validation: the evidence behind each finding (exploitation, automatable, impact, exposure)."""
