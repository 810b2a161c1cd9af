"""Matching: components against the knowledge base, into findings."""
