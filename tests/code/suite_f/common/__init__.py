"""Shared helpers for the suite F sample applications (court, school, port, co-op)."""
