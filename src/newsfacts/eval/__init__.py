"""Scorers for the development benchmarks; each module exposes
run(directory, out=None) -> (table: str, summary: dict)."""
