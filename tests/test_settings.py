"""Every setting either shapes what some stage writes (and its facts are then trusted only for
the same value) or is declared not to, with the reason: a new setting cannot be forgotten."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from pipeline.config import NOT_SHAPING, SHAPES, Config, Language, settings_digest

CHANGED = {
    "source_language": "fr",
    "languages": (Language("ja", "ja", 100.0, 80.0),),
    "fallback": "omit",
    "publish_drafts": True,
    "chrome_patterns": ("^Advertisement$",),
    "label_patterns": ("^Summary$",),
    "project_name": "another",
    "checks": {"length": "off"},
}


def test_every_setting_is_declared_as_shaping_a_stage_or_not():
    fields = {f.name for f in dataclasses.fields(Config)}
    shaping = {name for names in SHAPES.values() for name in names}
    assert shaping | set(NOT_SHAPING) == fields
    assert not shaping & set(NOT_SHAPING)


@pytest.mark.parametrize(("stage", "name"), [(s, n) for s, names in SHAPES.items() for n in names])
def test_a_changed_setting_changes_the_digest_of_each_stage_it_shapes(stage, name):
    config = Config(root=Path("/p"))
    changed = dataclasses.replace(config, **{name: CHANGED[name]})
    assert settings_digest(config, stage) != settings_digest(changed, stage)


def test_a_setting_that_shapes_no_stage_leaves_the_digests_alone():
    config = Config(root=Path("/p"))
    changed = dataclasses.replace(config, min_coverage=50.0, cache_dir=Path("/elsewhere"))
    for stage in SHAPES:
        assert settings_digest(config, stage) == settings_digest(changed, stage)
