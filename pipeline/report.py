"""What `l10n check` prints: a table for people, JSON for programs, GitHub annotations for pull
requests, and SVG coverage badges. Pure functions from a ``qa.CheckResult`` to text."""

from __future__ import annotations

import html
import json
import math
import re
from pathlib import Path

from pipeline.errors import L10nError
from pipeline.percent import floor_percent
from pipeline.qa import Counts, LanguageResult, Problem, CheckResult

WORD_UNIT = "source words; each Han or kana character counts as one word"


def shown(coverage: float) -> float:
    """A coverage as printed: rounded down, so 99.99% never reads as a passing 100%."""
    return math.floor(coverage * 100) / 100


def _counts_dict(counts: Counts) -> dict:
    return {
        "entries": counts.entries,
        "translated": counts.translated,
        "fuzzy": counts.fuzzy,
        "machine": counts.machine,
        "needs_work": counts.needs_work,
        "untranslated": counts.untranslated,
        "obsolete": counts.obsolete,
        "coverage": shown(counts.coverage),
        "words": {**counts.words, "unit": WORD_UNIT},
    }


def _problem_dict(problem: Problem) -> dict:
    return {
        "check": problem.check,
        "severity": problem.severity,
        "file": problem.file,
        "line": problem.line,
        "msgid": problem.msgid,
        "message": problem.message,
    }


def as_dict(report: CheckResult) -> dict:
    """The JSON document: ``{"ok", "quality_checked", "languages": {lang: {counts…,
    "problems": […]}}}`` (``quality_checked`` false: ``--coverage-only``, no problems
    looked for)."""
    languages = {}
    for lang, result in report.languages.items():
        languages[lang] = {
            **_counts_dict(result.counts),
            "min_coverage": result.min_coverage,
            "ok": result.ok,
            "silenced": result.silenced,
            "files": [
                {"file": f.path, "missing": f.missing, **_counts_dict(f.counts)}
                for f in result.files
            ],
            "problems": [_problem_dict(p) for p in result.problems],
        }
    return {
        "ok": report.ok,
        "quality_checked": report.quality,
        "languages": languages,
        "unchecked": report.unchecked,
    }


def render_json(report: CheckResult) -> str:
    return json.dumps(as_dict(report), ensure_ascii=False, indent=2) + "\n"


def _failures(result: LanguageResult) -> list[str]:
    reasons = []
    if not result.counts.meets(result.min_coverage):
        reasons.append(
            f"coverage {shown(result.counts.coverage):g}% is below the required "
            f"{result.min_coverage:g}%"
        )
    if result.errors:
        reasons.append(counted(result.errors, "error-level problem"))
    return reasons


def counted(n: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{n} {word}{'s' * (n != 1)}"


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    text = text if len(text) <= width else text[: width - 1] + "…"
    return _printable(text)


# C0 and C1 control characters (ESC, BEL, CSI…): shown escaped, so that text from a catalog
# cannot move the cursor, retitle or recolour the terminal that shows the report.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """``text`` with control characters written as ``\\x1b``-style escapes."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


HEADER = (
    "",
    "entries",
    "translated",
    "machine",
    "needs work",
    "untranslated",
    "coverage",
    "required",
    "to do",
)
WIDTH = 100  # the text report's table and file lines fit this many columns
FILES_SHOWN = 10  # per language, files short of the threshold listed without ``verbose``
WARNINGS_SHOWN = 50  # warnings listed without ``verbose`` (errors are always listed, all)


def render_text(
    report: CheckResult, color: bool = False, verbose: bool = False, errors_only: bool = False
) -> str:
    """A table of coverage per language, the files that fall short (every file with
    ``verbose``), then the problems: every error, and the first ``WARNINGS_SHOWN`` warnings
    (all with ``verbose``, none with ``errors_only``), then a verdict per language. ANSI
    colour only when ``color``."""
    paint = _painter(color)
    out = _table(report, paint)
    out.append("(coverage: translated and reviewed ÷ entries; to do: source words not yet")
    out.append(" translated, each Han or kana character one word; obsolete entries not counted)")
    out += _file_lines(report, verbose)
    warnings = sum(r.warnings for r in report.languages.values())
    shown = 0 if errors_only else warnings if verbose else WARNINGS_SHOWN
    problems = _listed(report, shown)
    if problems:
        out.append("")
    for p in problems:
        level = paint(p.severity, "red" if p.severity == "error" else "yellow", bold=True)
        out.append(f"{_printable(p.file)}:{p.line}: {level} [{p.check}] {_printable(p.message)}")
        out.append(f"    msgid: {_short(p.msgid)}")
    if warnings > shown and not errors_only:
        out.append(f"… and {warnings - shown} more warnings (--verbose lists them)")
    out.append("")
    out += [
        _verdict(lang, result, paint, report.quality) for lang, result in report.languages.items()
    ]
    if not report.languages:
        out.append("no catalogs to check")
    out += [_unchecked(folder) for folder in report.unchecked]
    return "\n".join(out) + "\n"


def _unchecked(folder: str) -> str:
    """The line that names a folder of catalogs ``check`` passed over."""
    return (
        f"not checked: {_printable(folder)} holds catalogs of a language that [tool.l10n] "
        "languages does not name"
    )


def _listed(report: CheckResult, warnings: int) -> list[Problem]:
    """Every error and the first ``warnings`` warnings, in the report's order; the problems
    of a catalog known from an earlier run are read only where some of them are listed."""
    listed = []
    for result in report.languages.values():
        for item in result.files:
            if not item.errors and (warnings <= 0 or not item.warnings):
                continue
            for problem in item.problems:
                if problem.severity == "error":
                    listed.append(problem)
                elif warnings > 0:
                    listed.append(problem)
                    warnings -= 1
    return listed


def _painter(color: bool):
    """``paint(text, fg, bold)``: ANSI colours when ``color``, the text as it is otherwise."""

    def paint(text: str, fg: str, bold: bool = False) -> str:
        if not color:
            return text
        import click

        return click.style(text, fg=fg, bold=bold)

    return paint


def _table(report: CheckResult, paint) -> list[str]:
    """The coverage table's lines: a row per language and its status."""
    rows: list[tuple[tuple[str, ...], str]] = []
    for lang, result in report.languages.items():
        status = "ok" if result.ok else "FAIL"
        rows.append((_row(_fit(_printable(lang), 16), result.counts, result.min_coverage), status))
    cells = [HEADER] + [row for row, _ in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(HEADER))]

    def line(row: tuple[str, ...]) -> str:
        rest = "  ".join(c.rjust(w) for c, w in zip(row[1:], widths[1:]))
        return f"{row[0].ljust(widths[0])}  {rest}"

    out = [paint(line(HEADER), "white", bold=True)]
    for row, status in rows:
        mark = paint(status, "green" if status == "ok" else "red", bold=True) if status else ""
        out.append(f"{line(row)}  {mark}".rstrip())
    return out


def _file_lines(report: CheckResult, verbose: bool) -> list[str]:
    """One line per file of a language with several (or a missing one) that is short of the
    language's threshold, at most ``FILES_SHOWN`` of them; with ``verbose``, every file."""
    out: list[str] = []
    for lang, result in report.languages.items():
        if len(result.files) < 2 and not any(f.missing for f in result.files):
            continue
        files = [
            f
            for f in result.files
            if verbose or f.missing or not f.counts.meets(result.min_coverage)
        ]
        shown_files = files if verbose else files[:FILES_SHOWN]
        if files and not verbose:
            out.append(f"{_printable(lang)}: {len(files)} of {len(result.files)} files short:")
        out += [f"  {_file_line(f)}" for f in shown_files]
        if len(files) > len(shown_files):
            out.append(f"  … and {len(files) - len(shown_files)} more (--verbose lists them)")
    return out


def _file_line(f) -> str:
    """``locales/ko/…/doc.po: 75.0% (3 of 4; 1 untranslated)``, fitted to ``WIDTH``."""
    c = f.counts
    todo = [
        f"{n} {name}" for n, name in ((c.machine, "machine"), (c.needs_work, "needs work")) if n
    ]
    if c.untranslated:
        todo.append(f"{c.untranslated} untranslated")
    detail = f"{floor_percent(c.coverage)} ({c.translated} of {c.entries}"
    detail += f"; {', '.join(todo)})" if todo else ")"
    if f.missing:
        detail += ", missing"
    name = _fit(_printable(f.path), WIDTH - 4 - len(detail))
    return f"{name}: {detail}"


def _fit(text: str, width: int) -> str:
    """``text`` shortened in the middle to ``width`` characters (the file name kept)."""
    if len(text) <= width:
        return text
    keep = max(width - 1, 8)
    return text[: keep // 3] + "…" + text[len(text) - (keep - keep // 3) :]


def _verdict(lang: str, result: LanguageResult, paint, quality: bool = True) -> str:
    """``ko: 0 errors, 2 warnings — ok`` (or FAIL and why); ``ko: quality not checked
    (--coverage-only) — ok`` where the checks did not run, never "0 errors"."""
    summary = _findings(result, quality)
    if result.silenced:
        summary += f", {result.silenced} silenced"
    reasons = _failures(result)
    verdict = (
        paint("FAIL", "red", bold=True) + ": " + "; ".join(reasons)
        if reasons
        else paint("ok", "green", bold=True)
    )
    return f"{_printable(lang)}: {summary} — {verdict}"


def _findings(result: LanguageResult, quality: bool) -> str:
    """``0 errors, 2 warnings``, or that the quality checks did not run."""
    if not quality:
        return "quality not checked (--coverage-only)"
    return f"{counted(result.errors, 'error')}, {counted(result.warnings, 'warning')}"


def _row(name: str, counts: Counts, required: float | None) -> tuple[str, ...]:
    todo = counts.words.get("total", 0) - counts.words.get("translated", 0)
    return (
        name,
        str(counts.entries),
        str(counts.translated),
        str(counts.machine),
        str(counts.needs_work),
        str(counts.untranslated),
        floor_percent(counts.coverage),
        f"{required:g}%" if required is not None else "",
        str(todo),
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render_github(report: CheckResult) -> str:
    """GitHub Actions workflow commands (``::error file=…,line=…::…``), one per problem and one
    per language that fails its threshold, then a one-line summary per language."""
    out = []
    for lang, result in report.languages.items():
        for p in result.problems:
            props = f"file={_escape_property(p.file)}"
            if p.line:
                props += f",line={p.line}"
            props += f",title={_escape_property(f'l10n {p.check}')}"
            out.append(f"::{p.severity} {props}::{_escape_data(p.message)}")
        if not result.counts.meets(result.min_coverage):
            reason = f"{lang}: {_failures(result)[0]}"
            for f in result.files:
                if not f.counts.meets(result.min_coverage):
                    detail = f"{reason} (this file: {shown(f.counts.coverage):g}%)"
                    out.append(
                        f"::error file={_escape_property(f.path)},title=l10n coverage::"
                        f"{_escape_data(detail)}"
                    )
    for lang, result in report.languages.items():
        counts = result.counts
        status = "ok" if result.ok else "FAIL: " + "; ".join(_failures(result))
        out.append(
            f"{lang}: {shown(counts.coverage):g}% ({counts.translated}/{counts.entries}), "
            f"{_findings(result, report.quality)} — {status}"
        )
    for folder in report.unchecked:
        out.append(f"::warning title=l10n languages::{_escape_data(_unchecked(folder))}")
    return "\n".join(out) + "\n"


def render(
    report: CheckResult,
    fmt: str,
    color: bool = False,
    verbose: bool = False,
    errors_only: bool = False,
) -> str:
    """The report in ``fmt``; ``verbose`` and ``errors_only`` shape the text table only (JSON
    and GitHub annotations are for programs and list everything)."""
    if fmt == "json":
        return render_json(report)
    if fmt == "github":
        return render_github(report)
    return render_text(report, color, verbose, errors_only)


# ---- badges -----------------------------------------------------------------------------


def _text_width(text: str) -> int:
    """Rough width in pixels of ``text`` in 11px Verdana, as shields.io lays badges out."""
    narrow, wide = "ijlI.,:;!|'()[] ", "mwMW%@"
    return int(sum(4 if c in narrow else 10 if c in wide else 7 for c in text)) + 10


def badge_color(coverage: float, required: float) -> str:
    if coverage >= required:
        return "#4c1"
    if coverage >= 75:
        return "#dfb317"
    if coverage >= 50:
        return "#fe7d37"
    return "#e05d44"


def badge_svg(label: str, message: str, color: str) -> str:
    """A flat, shields.io-style badge; text is escaped."""
    left, right = _text_width(label), _text_width(message)
    total = left + right
    label_e, message_e = html.escape(label), html.escape(message)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="20" role="img" '
        f'aria-label="{label_e}: {message_e}">'
        f"<title>{label_e}: {message_e}</title>"
        '<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" '
        'stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>'
        f'<clipPath id="r"><rect width="{total}" height="20" rx="3" fill="#fff"/></clipPath>'
        f'<g clip-path="url(#r)"><rect width="{left}" height="20" fill="#555"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{color}"/>'
        f'<rect width="{total}" height="20" fill="url(#s)"/></g>'
        '<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" '
        'font-size="11">'
        f'<text x="{left / 2:g}" y="15" fill="#010101" fill-opacity=".3">{label_e}</text>'
        f'<text x="{left / 2:g}" y="14">{label_e}</text>'
        f'<text x="{left + right / 2:g}" y="15" fill="#010101" fill-opacity=".3">{message_e}</text>'
        f'<text x="{left + right / 2:g}" y="14">{message_e}</text>'
        "</g></svg>\n"
    )


def language_badge(result: LanguageResult) -> str:
    coverage = result.counts.coverage
    message = f"{math.floor(coverage):d}%"
    return badge_svg(
        f"translated {result.lang}", message, badge_color(coverage, result.min_coverage)
    )


def write_badges(report: CheckResult, directory: str | Path) -> list[Path]:
    """``<directory>/<lang>.svg`` for each language; a file is rewritten only when it changes."""
    from pipeline.files import write_text

    from pipeline.config import valid_language_code

    directory = Path(directory)
    # A language can come from a PO file's Language header, which is contributed text: it
    # names a file only when it is a plain language code, and every one is checked first.
    for lang, result in report.languages.items():
        if not valid_language_code(lang):
            where = result.files[0].path if result.files else None
            raise L10nError(
                f"no badge written: language {_printable(lang)!r} is not a language code", where
            )
    written = []
    for lang, result in report.languages.items():
        path = directory / f"{lang}.svg"
        write_text(path, language_badge(result))
        written.append(path)
    return written
