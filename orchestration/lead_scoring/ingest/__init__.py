"""Loaders that land source records unchanged in the warehouse's `raw` schema."""
