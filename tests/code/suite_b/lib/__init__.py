"""Shared helpers used by the web front-ends, CLI tools and background workers."""
