"""AICC: an open AI Cybersecurity Coordination Center."""

__version__ = "0.2.0"
