"""Shared helpers for the small service applications in this package."""
