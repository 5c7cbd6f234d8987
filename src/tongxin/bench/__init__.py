"""The benchmark suite's server side: generated province-scale data, the bench-only
settings (ceiling views, a per-request SQL counter) and the one-off timings. The load
generator itself lives in the top-level `bench/` folder."""
