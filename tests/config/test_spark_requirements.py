"""LEAD_SCORING_ENGINE=spark names what this machine lacks (the extra, or Java) before dbt
runs, instead of dbt's "Could not find adapter type spark!" or a JVM launch error."""

import importlib.util
import types

from lead_scoring.spark import requirements


def test_without_the_extra_it_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    missing = requirements.spark_missing({"PATH": ""})
    assert missing.startswith("LEAD_SCORING_ENGINE=spark: the Spark extra is not installed")
    assert "make install-spark" in missing


def test_without_java_it_names_java(monkeypatch, tmp_path):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: types.SimpleNamespace())
    missing = requirements.spark_missing({"PATH": str(tmp_path)})  # a folder without java
    assert missing.startswith("LEAD_SCORING_ENGINE=spark: Spark needs Java 17")


def test_java_home_with_a_java_is_enough(monkeypatch, tmp_path):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: types.SimpleNamespace())
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "java").write_text("")
    assert requirements.spark_missing({"PATH": "", "JAVA_HOME": str(tmp_path)}) is None
