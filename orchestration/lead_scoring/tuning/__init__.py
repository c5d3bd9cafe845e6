"""Tune the points: fit them on outcomes, report on held-out leads, preview a profile."""
