"""The recall benchmark (bench/recall): its judged problems name real corpus entries, and the
checks find every problem within a checker's reach that it lists."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pipeline import catalog

REPO = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("recall", REPO / "bench" / "recall" / "measure.py")
recall = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(recall)


def test_every_judged_problem_is_an_entry_of_the_corpus(corpus):
    for row in recall.load():
        po = catalog.load(corpus / row["file"])
        lines = {str(e.linenum): e.msgid for e in po if not e.obsolete}
        assert lines.get(row["line"]) == row["msgid"], row
        assert row["reach"] in ("yes", "no") and (row["check"] != "") == (row["reach"] == "yes")


def test_the_checks_find_the_judged_problems_within_reach(corpus):
    found = recall.found_keys(corpus)
    missed = [
        row
        for row in recall.load()
        if row["reach"] == "yes" and (row["file"], row["line"], row["check"]) not in found
    ]
    assert missed == []
