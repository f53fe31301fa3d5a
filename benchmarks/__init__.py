"""Benchmarks of CableReader: a synthetic corpus generator and a runner."""
