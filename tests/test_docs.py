"""The documentation matches the code: docs/cli.md is the commands' current --help, every
command is in it, links into docs/ resolve, and every command line the README and docs/ show
uses options and make targets that exist."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from pipeline import clidoc
from pipeline.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
CLI_MD = ROOT / "docs" / "cli.md"
# The reference the README must point to.
REFERENCE = [
    "docs/cli.md",
    "docs/translators.md",
    "docs/models.md",
    "docs/performance.md",
    "docs/design.md",
]
REGENERATE = "run `make docs` (or `python -m pipeline.clidoc > docs/cli.md`) and commit it"
MT_MODULES = ("argostranslate", "ctranslate2", "sentencepiece", "torch", "stanza", "ray")


def written_docs() -> list[Path]:
    """README.md and the hand-written pages of docs/ (docs/cli.md is generated)."""
    return [README] + sorted(p for p in (ROOT / "docs").glob("*.md") if p != CLI_MD)


def command_paths() -> list[str]:
    return [ctx.command_path for ctx in clidoc.walk(main)]


def test_cli_md_is_current():
    assert CLI_MD.exists(), f"docs/cli.md is missing: {REGENERATE}"
    assert CLI_MD.read_text(encoding="utf-8") == clidoc.render(), (
        f"docs/cli.md does not match the commands' --help: {REGENERATE}"
    )


def test_generator_output_does_not_depend_on_the_terminal_and_loads_no_mt_library():
    code = (
        "import sys, pipeline.clidoc as c; c.main(); "
        f"sys.stderr.write(repr(sorted(m for m in sys.modules if m.split('.')[0] in {MT_MODULES})))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "37", "LC_ALL": "C"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, check=True
    )
    assert done.stdout.decode("utf-8") == clidoc.render()
    assert done.stderr.decode() == "[]"


@pytest.mark.parametrize("path", command_paths())
def test_every_command_has_a_section_in_cli_md(path):
    text = CLI_MD.read_text(encoding="utf-8")
    assert re.search(rf"^#+ {re.escape(path)}$", text, re.MULTILINE), (
        f"no section for `{path}` in docs/cli.md: {REGENERATE}"
    )
    assert f"Usage: {path} " in text


def test_walk_finds_subcommands():
    paths = command_paths()
    assert {"l10n check", "l10n models", "l10n models list", "l10n models install"} <= set(paths)


def local_links(path: Path) -> list[str]:
    """Targets of the Markdown links in ``path`` that are files of the repository."""
    targets = re.findall(r"\]\(([^)\s]+)\)", path.read_text(encoding="utf-8"))
    return [t for t in targets if not re.match(r"[a-z]+:|#", t)]


def test_readme_points_to_the_reference_and_states_the_test_command():
    text = README.read_text(encoding="utf-8")
    linked = set(local_links(README))
    for page in REFERENCE:
        assert page in linked, f"README.md does not link to {page}"
    assert "make test" in text


@pytest.mark.parametrize("doc", written_docs(), ids=lambda p: p.name)
def test_local_links_resolve(doc):
    for target in local_links(doc):
        file, _, fragment = target.partition("#")
        page = doc.parent / file
        assert page.exists(), f"{doc.relative_to(ROOT)}: link to missing {target}"
        if fragment and page.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", page.read_text(encoding="utf-8"), re.MULTILINE)
            assert fragment in {clidoc.anchor(h.replace("`", "")) for h in headings}, (
                f"{doc.relative_to(ROOT)}: link to {target}, but {file} has no such heading"
            )


def snippets(text: str) -> list[str]:
    """Every line of a fenced code block, and every inline code span, of a Markdown text."""
    found, prose, fence = [], [], None
    for line in text.splitlines():
        if fence is None and line.lstrip().startswith("```"):
            fence = line.lstrip()[:3]
        elif fence is not None and line.lstrip().startswith(fence):
            fence = None
        elif fence is not None:
            found.append(line)
        else:
            prose.append(line)
    found += re.findall(r"`([^`\n]+)`", "\n".join(prose))
    return found


def command_words(snippet: str) -> list[str]:
    """The words of a shell command line shown in the docs, without prompt, comment and
    leading VAR=value assignments."""
    line = re.sub(r"^\s*\$\s+", "", snippet)
    line = re.split(r"\s#\s|;|\|\||&&|\|", line)[0]
    words = line.split()
    while words and re.match(r"[A-Z_]+=\S*$", words[0]):
        words.pop(0)
    return words


def resolve(words: list[str]) -> tuple[click.Command, list[str]]:
    """The (sub)command an ``l10n …`` command line runs, and the rest of its words."""
    command, rest = main, words[1:]
    while rest and isinstance(command, click.Group) and rest[0] in command.commands:
        command, rest = command.commands[rest[0]], rest[1:]
    return command, rest


def options_of(command: click.Command) -> set[str]:
    names = {"--help", "-h"}
    for param in command.params:
        names.update(param.opts + param.secondary_opts)
    return names


def every_option() -> set[str]:
    """The options of every l10n command, and of the benchmark scripts."""
    bench = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "bench").glob("*.py"))
    found = set(re.findall(r"""["'](--[a-z0-9-]+)["']""", bench))
    return found.union(*(options_of(ctx.command) for ctx in clidoc.walk(main)))


def makefile_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.MULTILINE))


def test_command_lines_in_the_docs_use_options_that_exist():
    problems, seen = [], 0
    for doc in written_docs():
        for snippet in snippets(doc.read_text(encoding="utf-8")):
            words = command_words(snippet)
            if not words:
                continue
            where = f"{doc.relative_to(ROOT)}: `{snippet.strip()}`"
            options = [w.split("=", 1)[0] for w in words if w.startswith("--")]
            if words[0].endswith("l10n") or words[:3] == ["python", "-m", "pipeline"]:
                command, _ = resolve(words if words[0].endswith("l10n") else words[2:])
                seen += 1
                for option in set(options) - options_of(command):
                    problems.append(f"{where}: no option {option} on `{command.name}`")
            elif re.fullmatch(r"--[a-z0-9-]+", snippet.strip()):
                # An option named alone in the text: one of some command.
                if snippet.strip() not in every_option():
                    problems.append(f"{where}: no l10n command or benchmark has this option")
            elif any(re.search(r"(^|/)bench/\w+\.py$", w) for w in words):
                script = next(w for w in words if w.endswith(".py"))
                source = (ROOT / re.sub(r"^.*?(bench/)", r"\1", script)).read_text()
                for option in options:
                    if f'"{option}"' not in source:
                        problems.append(f"{where}: {script} has no option {option}")
            elif words[0] == "make" and len(words) > 1 and not words[1].startswith("-"):
                for target in words[1:]:
                    if target not in makefile_targets():
                        problems.append(f"{where}: no make target {target}")
    assert seen > 10, "the docs show almost no l10n command lines: is the parsing broken?"
    assert not problems, "\n".join(problems)
