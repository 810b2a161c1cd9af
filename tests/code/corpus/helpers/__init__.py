"""Shared helpers imported by corpus cases; unlabelled, scanned so taint can go through them."""
