"""Benchmarks of issue 6 (`make bench`): figures, not assertions."""
