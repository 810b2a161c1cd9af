"""Types, errors and settings shared by every pipeline stage."""
