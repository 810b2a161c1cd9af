"""Fixtures for the feed tests."""

from tests.support.feed_server import feed_server

__all__ = ["feed_server"]
