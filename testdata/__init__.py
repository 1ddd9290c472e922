"""Test data shared by the tests and the benchmarks: planted check drafts, the dev gold as concepts."""
