"""Shared helpers for the sample web applications."""
