"""Helpers shared by the browser tests, the benchmarks and docs/screenshot.py (not used by the app)."""
