"""Companies the leads work for: size, industry, growth, prefecture, name and web domain."""

from dataclasses import dataclass

import numpy as np

from lead_scoring.generator import company_names as cn
from lead_scoring.generator import vocab

INDUSTRY_SHARES = np.array([22, 25, 10, 8, 8, 6, 11, 10], dtype=float)
JAPANESE_NAME_SHARE = 0.3


@dataclass(frozen=True)
class Companies:
    industry: np.ndarray  # index into vocab.INDUSTRIES
    employees: np.ndarray  # int64
    growth: np.ndarray  # percent per year, one decimal
    state: np.ndarray  # index into vocab.PREFECTURES
    name: np.ndarray  # str
    domain: np.ndarray  # str, ASCII
    fit: np.ndarray  # standardised attractiveness, drives part of the leads' intent

    def __len__(self) -> int:
        return len(self.industry)


def make_companies(rng: np.random.Generator, count: int) -> Companies:
    industry = rng.choice(len(vocab.INDUSTRIES), count, p=INDUSTRY_SHARES / INDUSTRY_SHARES.sum())
    employees = np.clip(np.rint(rng.lognormal(np.log(80), 1.5, count)), 2, 80_000).astype(np.int64)
    growth = np.round(np.clip(rng.normal(4.0, 6.0, count), -20, 60), 1)
    state_weights = np.array([w for _, w in vocab.PREFECTURES], dtype=float)
    state = rng.choice(len(state_weights), count, p=state_weights / state_weights.sum())
    japanese = rng.random(count) < JAPANESE_NAME_SHARE
    legal = rng.integers(0, len(cn.LEGAL_FORMS), count)
    name, domain = _names(industry, japanese, legal)
    # Bigger, faster-growing IT companies are the better fit for a B2B software vendor.
    log_size = (np.log(employees) - np.log(80)) / 1.5
    fit = 0.7 * log_size + 0.6 * (industry == vocab.IT_INDUSTRY) + 0.03 * growth
    return Companies(industry, employees, growth, state, name, domain, fit)


def _names(industry: np.ndarray, japanese: np.ndarray, legal: np.ndarray):
    """Unique names by construction: the company's index picks the name parts."""
    i = np.arange(len(industry))
    n_pre = len(cn.PREFIXES)
    first, word = i % n_pre, (i // n_pre) % 8
    second, repeat = (i // (n_pre * 8)) % (n_pre + 1), i // (n_pre * 8 * (n_pre + 1))
    pre_ro = np.array([r for r, _ in cn.PREFIXES] + [""])
    pre_kj = np.array([k for _, k in cn.PREFIXES] + [""])
    words_ro = np.array([[r for r, _ in ws] for ws in cn.INDUSTRY_WORDS])
    words_kj = np.array([[k for _, k in ws] for ws in cn.INDUSTRY_WORDS])
    second = np.where(second == 0, n_pre, second - 1)  # 0 means "no second prefix"
    ro_stem = _join(pre_ro[first], pre_ro[second], words_ro[industry, word], sep=" ")
    kj_stem = _join(pre_kj[first], pre_kj[second], words_kj[industry, word], sep="")
    english = np.strings.add(np.strings.add(ro_stem, " "), np.array(cn.LEGAL_FORMS)[legal])
    kabushiki = np.where(legal % 2 == 0, kj_stem + "株式会社", "株式会社" + kj_stem)
    name = np.where(japanese, kabushiki, english)
    slug = np.strings.replace(np.strings.lower(ro_stem), " ", "-")
    number = np.where(repeat > 0, (repeat + 1).astype(str), "")
    domain = np.strings.add(np.strings.add(slug, number), ".co.jp")
    return name.astype(object), domain.astype(object)


def _join(a: np.ndarray, b: np.ndarray, c: np.ndarray, sep: str) -> np.ndarray:
    ab = np.where(b == "", a, np.strings.add(np.strings.add(a, sep), b))
    return np.strings.add(np.strings.add(ab, sep), c)
