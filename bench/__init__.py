"""Benchmarks: each module is a command that prints a report and saves it under bench/results."""
