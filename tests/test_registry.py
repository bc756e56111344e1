"""Each check is declared once, in ``pipeline.checks.CHECKS``: the dispatch, the severities,
the ids a translator comment silences, and the tables of the docs all agree with it."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from pipeline import checks

DOCS = Path(__file__).resolve().parents[1] / "docs"


def table_rows(path: Path, heading: str) -> list[list[str]]:
    """The cells of the first table under ``heading`` (a Markdown heading line)."""
    text = path.read_text(encoding="utf-8")
    section = text[text.index(heading) + len(heading) :]
    rows = []
    for line in section.splitlines():
        if line.startswith("|"):
            rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
        elif rows:
            break
    return [row for row in rows[2:]]  # no header, no rule


def test_no_check_is_declared_twice():
    assert len(set(checks.CHECK_IDS)) == len(checks.CHECKS)
    assert len({c.run for c in checks.CHECKS}) == len(checks.CHECKS)
    assert {c.severity for c in checks.CHECKS} <= {"error", "warning"}
    assert {c.applies for c in checks.CHECKS} <= {"text", "entry"}
    assert set().union(*(c.spared for c in checks.CHECKS)) <= set(checks.ENTRY_KINDS)


@pytest.mark.parametrize(
    ("doc", "heading"), [("checks.md", "## The checks"), ("translators.md", "## Quality checks")]
)
def test_every_check_is_documented_once_with_its_severity_in_the_registry_order(doc, heading):
    rows = table_rows(DOCS / doc, heading)
    documented = [(row[0].strip("`"), row[1]) for row in rows]
    assert documented == [(c.id, c.severity) for c in checks.CHECKS]


def test_the_docs_list_the_checks_each_kind_of_entry_is_spared_as_declared():
    assert checks.spared_table() in (DOCS / "checks.md").read_text(encoding="utf-8")


def test_severities_and_silencing_know_every_declared_check_and_no_other():
    assert set(checks.severities()) == set(checks.CHECK_IDS)
    every = ", ".join(checks.CHECK_IDS)
    assert checks.silenced(polib.POEntry(tcomment=f"l10n: ignore {every}")) == set(checks.CHECK_IDS)


def test_a_check_spares_the_entries_its_declaration_names():
    # the credits are not judged for punctuation, yet the numbers in them are
    credits = polib.POEntry(msgid="translator-credits", msgstr="Kim <kim@example.org>  2023 ")
    ctx = checks.Context("ko")
    names = {name for name, _ in checks.findings(credits, ctx)}
    assert "punctuation" not in names
    plain = polib.POEntry(msgid="Credits", msgstr="Kim  2023 ")
    assert "punctuation" in {name for name, _ in checks.findings(plain, ctx)}
