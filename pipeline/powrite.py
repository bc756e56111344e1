"""Writing PO files as GNU ``msgcat`` writes them, byte for byte: strings wrapped at 79
columns of display width where GNU breaks them (``pipeline.gnuwrap``), comments as they were,
references reflowed, flags in GNU's order, obsolete entries last. ``save`` writes through
``pipeline.files``: atomically, under a lock, only when the bytes change."""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import polib

from pipeline import gnuwrap
from pipeline.errors import L10nError
from pipeline.state import first_form
from pipeline.files import write_bytes
from pipeline.poread import _ESCAPES, ISOLATE_END, ISOLATE_START, is_text_charset, without_gc

PAGE_WIDTH = 79
# GNU gettext 0.21's format languages, in the order msgcat writes their flags.
FORMATS = (
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp librep "
    "ruby sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl perl "
    "perl-brace php gcc-internal gfc-internal ycp"
).split()
_FORMAT_RANK = {name: rank for rank, name in enumerate(FORMATS)}
_FORMAT_FLAG = re.compile(r"^(no-|possible-|impossible-)?(.+)-format$")


# ---- writing ------------------------------------------------------------------------------


def charset_of(po: polib.POFile) -> str:
    """The charset the file is written in: its header's ``charset=``, else its encoding."""
    content_type = po.metadata.get("Content-Type", "")
    match = re.search(r"charset=([^\s;]+)", content_type)
    name = match.group(1) if match else (po.encoding or "UTF-8")
    if name.upper() == "CHARSET":
        return "UTF-8"
    if not is_text_charset(name):
        raise L10nError(f"unknown charset {name!r}", po.fpath) from None
    return name


def _is_cjk(charset: str) -> bool:
    aliases = {"euc_kr": "EUC-KR", "cp949": "CP949", "johab": "JOHAB", "euc_jp": "EUC-JP",
               "gb2312": "GB2312", "gbk": "GBK", "big5": "BIG5"}  # fmt: skip
    return aliases.get(codecs.lookup(charset).name, "") in gnuwrap.CJK_CHARSETS


def dumps(po: polib.POFile) -> str:
    """The text of a catalog in GNU's canonical layout (what ``msgcat`` writes)."""
    return "\n".join(_blocks(po))


def _blocks(po: polib.POFile) -> Iterator[str]:
    """The entries of ``dumps``, one at a time (a blank line goes between them)."""
    cjk = _is_cjk(charset_of(po))
    header = _header_entry(po)
    if header is not None:
        yield _format_entry(header, cjk)
    for entry in po:
        if not entry.obsolete:
            yield _format_entry(entry, cjk)
    for entry in po:
        # An obsolete entry without a translation carries nothing: GNU drops it when reading.
        if entry.obsolete and first_form(entry):
            yield _format_entry(entry, cjk)


def _header_entry(po: polib.POFile) -> polib.POEntry | None:
    original = getattr(po, "header_entry", None)
    if original is None and not po.metadata and not po.header:
        return None
    if original is not None:
        msgstr = _updated_header(original.msgstr, getattr(po, "header_metadata", {}), po.metadata)
    else:
        msgstr = "".join(f"{name}: {value}\n" for name, value in po.metadata.items())
    entry = polib.POEntry(msgid="", msgstr=msgstr, tcomment=po.header or "")
    if original is not None:
        entry.comment_lines = getattr(original, "comment_lines", {})
        entry.comment = original.comment
        entry.occurrences = original.occurrences
        entry.flags = [f for f in original.flags if f != "fuzzy"]
        entry.previous_msgid = original.previous_msgid
        entry.previous_msgctxt = original.previous_msgctxt
    if po.metadata_is_fuzzy:
        entry.flags.insert(0, "fuzzy")
    return entry


def _updated_header(text: str, was: dict[str, str], now: dict[str, str]) -> str:
    """The header as it was written, with only the fields whose values changed rewritten,
    removed fields dropped and new ones added at the end (lines that are not fields stay)."""
    if was == now:
        return text
    lines = text.split("\n")
    tail = lines.pop()  # after the last newline: usually empty
    out = []
    for line in lines:
        name, colon, _ = line.partition(":")
        name = name.strip()
        if colon and name in was:
            if name not in now:
                continue
            if now[name] != was[name]:
                line = f"{name}: {now[name]}"
        out.append(line)
    out += [f"{name}: {value}" for name, value in now.items() if name not in was]
    return "".join(line + "\n" for line in out) + tail


def _format_entry(entry: polib.POEntry, cjk: bool) -> str:
    lines: list[str] = []
    read = getattr(entry, "comment_lines", None)
    if entry.tcomment or entry.comment or read:
        read = read or {}
        for kind, text in (("#", entry.tcomment), ("#.", entry.comment)):
            kept = read.get(kind)
            comments = kept if kept is not None and "\n".join(kept) == text else text.split("\n")
            if text or kept == [""] == comments:
                lines += [f"{kind} {line}" if line else kind for line in comments]
    if entry.occurrences:
        lines += _references(entry.occurrences)
    flags, wrap = _canonical_flags(tuple(entry.flags)) if entry.flags else ((), True)
    if "fuzzy" in flags and entry.msgid and not first_form(entry):
        flags = flags[1:]  # GNU: an untranslated entry is not fuzzy (and fuzzy comes first)
    if flags:
        lines.append("#, " + ", ".join(flags))
    obsolete = entry.obsolete
    prefix = "#~| " if obsolete else "#| "
    if entry.previous_msgid is not None:  # GNU reads #| msgctxt only before a #| msgid
        for name, value in (
            ("msgctxt", entry.previous_msgctxt),
            ("msgid", entry.previous_msgid),
            ("msgid_plural", entry.previous_msgid_plural),
        ):
            if value is not None and (value or name != "msgid_plural"):
                lines += wrap_string(prefix, name, value, wrap, cjk)
    prefix = "#~ " if obsolete else ""
    if entry.msgctxt is not None:
        lines += wrap_string(prefix, "msgctxt", entry.msgctxt, wrap, cjk)
    lines += wrap_string(prefix, "msgid", entry.msgid, wrap, cjk)
    if entry.msgid_plural:
        lines += wrap_string(prefix, "msgid_plural", entry.msgid_plural, wrap, cjk)
        forms = {int(k): v for k, v in entry.msgstr_plural.items()} or {0: entry.msgstr or ""}
        for index in range(max(forms) + 1):
            lines += wrap_string(prefix, f"msgstr[{index}]", forms.get(index, ""), wrap, cjk)
    else:
        lines += wrap_string(prefix, "msgstr", entry.msgstr or "", wrap, cjk)
    return "\n".join(lines) + "\n"


def _references(occurrences: list[tuple[str, str]]) -> list[str]:
    """``#:`` lines filled to the page width as GNU does (duplicates dropped)."""
    lines, current, column, seen = [], "#:", 2, set()
    for file, number in occurrences:
        while file.startswith("./"):
            file = file[2:]
        reference = f"{file}:{number}" if number else file
        if reference in seen:
            continue
        seen.add(reference)
        width = len(reference)  # GNU does not count the isolates
        if " " in file or "\t" in file:
            reference = f"{ISOLATE_START}{file}{ISOLATE_END}" + (f":{number}" if number else "")
        if column > 2 and column + width + 1 > PAGE_WIDTH:
            lines.append(current)
            current, column = "#:", 2
        current += " " + reference
        column += width + 1
    if column > 2:
        lines.append(current)
    return lines


@lru_cache(maxsize=256)
def _canonical_flags(flags: tuple[str, ...]) -> tuple[tuple[str, ...], bool]:
    """``canonical_flags``, remembered: most entries of a catalog have one of a few sets."""
    result, wrap = canonical_flags(list(flags))
    return tuple(result), wrap


def canonical_flags(flags: list[str]) -> tuple[list[str], bool]:
    """Flags in the order msgcat writes them, and whether the entry's strings wrap.

    Like GNU: ``fuzzy`` first, then one flag per format language (the last one given wins),
    ``range:``, ``no-wrap``. Flags GNU does not know are kept, at the end.
    """
    fuzzy, formats, ranges, wrap, other = False, {}, [], True, []
    for flag in flags:
        match = _FORMAT_FLAG.match(flag)
        if flag == "fuzzy":
            fuzzy = True
        elif match and match.group(2) in _FORMAT_RANK:
            formats[match.group(2)] = match.group(1) or ""
        elif flag.startswith("range:"):
            ranges = [flag]
        elif flag in ("wrap", "no-wrap"):
            wrap = flag == "wrap"
        elif flag not in other:
            other.append(flag)
    result = ["fuzzy"] if fuzzy else []
    for name in sorted(formats, key=_FORMAT_RANK.__getitem__):
        state = formats[name]
        if state != "impossible-":
            result.append(f"{'no-' if state == 'no-' else ''}{name}-format")
    result += ranges + ([] if wrap else ["no-wrap"]) + other
    return result, wrap


def wrap_string(
    prefix: str, name: str, value: str, wrap: bool = True, cjk: bool = False
) -> list[str]:
    """The lines of ``name "value"``, split and wrapped as GNU's ``write-po.c`` does."""
    after_break = len(prefix) + 1
    width = (PAGE_WIDTH if wrap else 1 << 30) - 1 - after_break
    start = len(prefix) + len(name) + 2 - after_break
    # Most strings: one line (no character is wider than two columns), nothing to escape.
    if start + (len(value) if value.isascii() else 2 * len(value)) <= width and not (
        _NEEDS_ESCAPE.search(value)
    ):
        return [f'{prefix}{name} "{value}"']
    portions = value.split("\n")
    portions = [p + "\n" for p in portions[:-1]] + ([portions[-1]] if portions[-1] else [])
    portions = portions or [""]
    lines: list[str] = []
    first_line = True
    for number, portion in enumerate(portions):
        text, fixed = _escaped(portion)
        columns = gnuwrap.text_columns(text, cjk)
        breaks = _breaks(text, width, 0, fixed, cjk, columns)
        # Does it go on the keyword's line? Not when it breaks where that line starts at 0
        # (then it breaks there too), nor when it breaks where that line starts after it.
        if (
            first_line
            and text
            and (
                number < len(portions) - 1
                or start > width
                or breaks
                or _breaks(text, width, start, fixed, cjk, columns)
            )
        ):
            lines.append(f'{prefix}{name} ""')
            first_line = False
        head = f'{prefix}{name} "' if first_line else f'{prefix}"'
        if not breaks:
            lines.append(f'{head}{text}"')
        else:
            lines.append(f'{head}{text[: breaks[0]]}"')
            ends = breaks[1:] + [len(text)]
            lines += [f'{prefix}"{text[a:b]}"' for a, b in zip(breaks, ends)]
        first_line = False
    return lines


_ESCAPING = str.maketrans({char: "\\" + letter for char, letter in _ESCAPES.items()}
                          | {"\\": "\\\\", '"': '\\"'})  # fmt: skip
_NEEDS_ESCAPE = re.compile(r'[\a\b\f\n\r\t\v\\"]')
_ESCAPE_PAIR = re.compile(r"\\.", re.DOTALL)


def _escaped(portion: str) -> tuple[str, set[int]]:
    """A string as written (escapes are two characters) and the indices before which GNU
    forbids a line break (inside an escape, and before a final \\n)."""
    if not _NEEDS_ESCAPE.search(portion):
        return portion, set()
    text = portion.translate(_ESCAPING)
    fixed = {match.start() + 1 for match in _ESCAPE_PAIR.finditer(text)}
    if portion.endswith("\n"):
        fixed.add(len(text) - 2)  # never break right before the final \n
    return text, fixed


def _breaks(
    text: str, width: int, start: int, fixed: set[int], cjk: bool, columns: list[int] | None
) -> list[int]:
    """Indices of ``text`` where GNU starts a new line (none when it fits)."""
    if start + (len(text) if columns is None else columns[-1]) <= width:
        return []  # fits: GNU inserts no break
    return gnuwrap.line_breaks(text, width, start, fixed, cjk, columns)


# ---- saving -------------------------------------------------------------------------------


def encode(po: polib.POFile) -> bytes:
    """The bytes of a catalog, in the charset its header declares. In UTF-8 each entry is
    encoded as it is written, so the catalog's text is never held whole beside its bytes."""
    charset = charset_of(po)
    with without_gc():
        if codecs.lookup(charset).name == "utf-8":
            try:
                out = io.BytesIO()
                for number, block in enumerate(_blocks(po)):
                    out.write(b"\n" + block.encode("utf-8") if number else block.encode("utf-8"))
                return out.getvalue()
            except UnicodeEncodeError:
                pass  # a lone surrogate: found again below, with its line
        text = dumps(po)
    try:
        return text.encode(charset)
    except UnicodeEncodeError as exc:
        line = text[: exc.start].count("\n") + 1
        char = text[exc.start]
        raise L10nError(
            f"{char!r} cannot be written in {charset} (`l10n format --to-utf-8` converts the file)",
            po.fpath,
            line,
        ) from None


def save(po: polib.POFile, path: str | Path, base: str | None = None) -> bool:
    """Write a catalog atomically, only when its bytes change; True when written. ``base``:
    see ``write_bytes``."""
    return write_bytes(path, encode(po), base)
