"""Independent, reproducible random streams keyed by name.

Every part of the generator draws from its own stream (`stream(seed, "web", day)`), so adding
draws in one part never shifts the numbers another part sees, and each day can be generated
without replaying the days before it.
"""

import zlib

import numpy as np


def stream(seed: int, name: str, *keys: int) -> np.random.Generator:
    key = (zlib.crc32(name.encode()), *(int(k) for k in keys))
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key)))


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))
