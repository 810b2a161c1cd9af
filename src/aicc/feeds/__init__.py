"""Vulnerability feeds: one module per source, each loading files and fetching the live feed."""
