"""Shared helpers used by the patient portal, bank admin tools and field-device API."""
