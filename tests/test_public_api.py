"""The public surface is small and pinned; the config layers override in order."""

from __future__ import annotations

import pytest

import newsgraph
from newsgraph.config import load
from newsgraph.errors import ConfigError


def test_exported_members_are_pinned():
    assert newsgraph.__all__ == sorted(newsgraph.__all__)
    assert set(newsgraph.__all__) == {"AnalyzedArticle", "Article", "Failure", "NewsgraphError", "RunSummary",
                                      "analyze", "annotate", "open", "read"}


def test_config_defaults_user_file_and_overrides(tmp_path):
    assert load().analyze.batch_size == 32
    user = tmp_path / "ng.toml"
    user.write_text("[analyze]\nbatch_size = 8\n", "utf-8")
    assert load(user).analyze.batch_size == 8
    assert load(user, {"analyze.batch_size": "4"}).analyze.batch_size == 4


def test_config_errors_name_the_setting(tmp_path):
    with pytest.raises(ConfigError, match="analyze.nope"):
        load(None, {"analyze.nope": "1"})
    with pytest.raises(ConfigError, match="E202"):
        load(None, {"analyze.batch_size": "0"})
    bad = tmp_path / "bad.toml"
    bad.write_text("[analyze\n", "utf-8")
    with pytest.raises(ConfigError, match="E203"):
        load(bad)
