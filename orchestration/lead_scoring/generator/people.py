"""Person-level strings: names (romaji or kanji), free-text job titles and e-mail addresses."""

import numpy as np
import pandas as pd

from lead_scoring.generator import vocab

KANJI_NAME_SHARE = 0.3


def names(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(first name, last name) as written in the CRM, plus the lower-case romaji for e-mail."""
    first = rng.integers(0, len(vocab.GIVEN_NAMES), n)
    last = rng.integers(0, len(vocab.SURNAMES), n)
    kanji = rng.random(n) < KANJI_NAME_SHARE
    first_out = np.where(
        kanji, _pool(vocab.GIVEN_NAMES, 1)[first], _pool(vocab.GIVEN_NAMES, 0)[first]
    )
    last_out = np.where(kanji, _pool(vocab.SURNAMES, 1)[last], _pool(vocab.SURNAMES, 0)[last])
    romaji = np.stack(
        [_pool(vocab.GIVEN_NAMES, 0, str.lower)[first], _pool(vocab.SURNAMES, 0, str.lower)[last]]
    )
    return first_out.astype(object), last_out.astype(object), romaji


def _pool(pairs, part: int, fold=str) -> np.ndarray:
    return np.array([fold(pair[part]) for pair in pairs], dtype=np.dtypes.StringDType())


def titles(rng: np.random.Generator, dm: np.ndarray) -> np.ndarray:
    boss = np.array(vocab.DECISION_MAKER_TITLES, dtype=object)
    staff = np.array(vocab.STAFF_TITLES, dtype=object)
    return np.where(
        dm, boss[rng.integers(0, len(boss), len(dm))], staff[rng.integers(0, len(staff), len(dm))]
    )


def work_locals(rng: np.random.Generator, romaji: np.ndarray) -> np.ndarray:
    """Company-style local parts: taro.sato, t.sato, sato.taro or satot."""
    first, last = romaji
    pattern = rng.integers(0, 4, romaji.shape[1])
    initial = np.strings.slice(first, 0, 1)
    return np.select(
        [pattern == 0, pattern == 1, pattern == 2],
        [_cat(first, ".", last), _cat(initial, ".", last), _cat(last, ".", first)],
        default=_cat(last, initial),
    )


def unique_addresses(local: np.ndarray, domain: np.ndarray) -> np.ndarray:
    """Lower-case addresses, unique: a clash gets a number like real mail admins add."""
    local, domain = pd.Series(local.astype(object)), pd.Series(domain.astype(object))
    address = local + "@" + domain
    clash = address.groupby(address, sort=False).cumcount().to_numpy()
    suffix = pd.Series(np.where(clash > 0, (clash + 1).astype(str), "").astype(object))
    return (local + suffix + "@" + domain).to_numpy(object)


def free_mail_locals(rng: np.random.Generator, romaji: np.ndarray) -> np.ndarray:
    """Private addresses look like taro.sato1987."""
    year = rng.integers(1965, 2003, romaji.shape[1]).astype(str)
    return _cat(romaji[0], ".", romaji[1], year)


def messy_variant(rng: np.random.Generator, email: np.ndarray) -> np.ndarray:
    """The same address typed again: different case and/or stray whitespace."""
    kind = rng.integers(0, 3, len(email))
    titled = np.array([e.title() for e in email], dtype=object)
    shouted = np.array([e.upper() for e in email], dtype=object)
    spaced = np.array([f" {e}\t" if i % 2 else f"  {e.title()}" for i, e in enumerate(email)])
    return np.select([kind == 0, kind == 1], [titled, shouted], default=spaced.astype(object))


def _cat(*parts) -> np.ndarray:
    out = parts[0]
    for part in parts[1:]:
        out = np.strings.add(out, part)
    return out
