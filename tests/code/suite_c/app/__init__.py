"""Shared helpers for the customer portal and internal tools."""

__all__ = ["utils", "storage", "auth", "reports", "integrations"]
