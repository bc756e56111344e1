"""Reading PO files losslessly: every kind of comment, ``#|`` previous fields (also ``#~|`` on
obsolete entries), obsolete ``#~`` entries with ``msgctxt``, plural forms, the header exactly
as written, and files in their own charset (``charset=`` of the header). Any bad input is an
``L10nError`` naming file and line, never another exception. The data model is polib's."""

from __future__ import annotations

import codecs
import contextlib
import gc
import re
from pathlib import Path

import polib

from pipeline.errors import L10nError
from pipeline import files
from pipeline.files import digest

_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
_UNESCAPES = {v: k for k, v in _ESCAPES.items()} | {"\\": "\\", '"': '"'}
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?")
_STRING_LINE = re.compile(r'"((?:[^"\\]|\\.)*)"[ \t]*')
_KEYWORD_LINE = re.compile(
    r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?[ \t]+"((?:[^"\\]|\\.)*)"[ \t]*'
)
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_Q = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_FAST_ENTRY = re.compile(
    rf"((?:#(?:[ .:,][^\n]*)?\n)*)(?:msgctxt ({_Q}(?:\n{_Q})*)\n)?"
    rf"msgid ({_Q}(?:\n{_Q})*)\nmsgstr ({_Q}(?:\n{_Q})*)(?=\n[\n#m]|\n?\Z)"
)
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9a-fA-F]+)|(.)|$)", re.DOTALL)
_CHARSET = re.compile(rb"Content-Type:[^\"\n]*?charset=([^\s\"\\]+)", re.IGNORECASE)


# ---- reading ------------------------------------------------------------------------------


def load(path: str | Path) -> polib.POFile:
    """Parse a PO/POT file; a syntax or encoding error becomes an L10nError with its line."""
    path = Path(path)
    try:
        data = files.read_bytes(path)
    except FileNotFoundError:
        raise L10nError("file not found", path) from None
    except OSError as exc:
        raise L10nError(f"cannot read: {exc.strerror}", path) from None
    po = loads(data, path)
    po.fpath = str(path)
    po.digest = digest(data)  # to tell at save time whether someone changed the file meanwhile
    return po


def loads(data: bytes, path: str | Path = "<string>") -> polib.POFile:
    """Parse the bytes of a PO file (decoded with the charset its header declares)."""
    charset = _declared_charset(data, path)
    if data.startswith(codecs.BOM_UTF8) and codecs.lookup(charset).name == "utf-8":
        data = data[3:]
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise L10nError(
            f"invalid {charset} byte sequence (0x{data[exc.start]:02x})", path, line
        ) from None
    with without_gc():
        return _Parser(path, charset).parse(text)


@contextlib.contextmanager
def without_gc():
    """No cyclic garbage collection inside: parsing, merging and formatting make many objects
    and no cycles, and each full collection walks every live object, so on a large catalog the
    collections alone would make the work grow faster than the catalog."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _declared_charset(data: bytes, path: str | Path) -> str:
    """The header's ``charset=``; UTF-8 when there is none or it is the POT placeholder."""
    match = _CHARSET.search(data)
    if not match:
        return "UTF-8"
    name = match.group(1).decode("ascii", "replace")
    if name.upper() == "CHARSET":
        return "UTF-8"
    if not is_text_charset(name):
        line = data[: match.start()].count(b"\n") + 1
        raise L10nError(f"unknown charset {name!r} in the header", path, line) from None
    return name


def is_text_charset(name: str) -> bool:
    """Whether ``name`` is a character encoding (Python also has codecs such as base64, rot13
    or zlib that transform bytes or text and are no charset of a PO file)."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError, TypeError):
        return False
    return getattr(info, "_is_text_encoding", True) and info.name not in _NOT_CHARSETS


# Text codecs that no PO file is written in: they encode text as other text or refuse it.
_NOT_CHARSETS = {"rot-13", "undefined", "unicode-escape", "raw-unicode-escape", "idna",
                 "punycode", "palmos", "mbcs", "oem"}  # fmt: skip


class _Entry:
    """An entry as it is being read: fields, the strings of each, where it started."""

    __slots__ = ("fields", "plural", "previous", "tcomment", "comment", "occurrences", "flags",
                 "obsolete", "line", "target", "target_line")  # fmt: skip

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}
        self.plural: dict[int, list[str]] = {}
        self.previous: dict[str, list[str]] = {}
        self.tcomment: list[str] = []
        self.comment: list[str] = []
        self.occurrences: list[tuple[str, str]] = []
        self.flags: list[str] = []
        self.obsolete: bool | None = None
        self.line = 0
        self.target: list[str] | None = None  # where a continuation string goes
        self.target_line = 0

    @property
    def complete(self) -> bool:
        return "msgstr" in self.fields or bool(self.plural)

    @property
    def started(self) -> bool:
        return bool(self.fields) or bool(self.plural)

    @property
    def has_comments(self) -> bool:
        return bool(
            self.tcomment or self.comment or self.occurrences or self.flags or self.previous
        )


class _Parser:
    def __init__(self, path: str | Path, charset: str):
        self.path = path
        self.charset = charset
        self.entries: list[polib.POEntry] = []
        self.seen: dict[tuple[str | None, str], int] = {}
        self.header: polib.POEntry | None = None
        self.entry = _Entry()
        self.line = 0

    def error(self, message: str, line: int | None = None) -> L10nError:
        return L10nError(message, self.path, line or self.line)

    def parse(self, text: str) -> polib.POFile:
        fast_entry = _FAST_ENTRY.match
        pos, end, number = 0, len(text), 1
        while pos < end:
            if text[pos] == "\n":  # a blank line
                pos, number = pos + 1, number + 1
                continue
            entry = self.entry
            if not entry.started and not entry.has_comments:
                match = fast_entry(text, pos)
                if match:
                    stop = match.end() + 1 if text.startswith("\n", match.end()) else match.end()
                    self.fast(match, number)
                    number += text.count("\n", pos, stop)
                    pos = stop
                    continue
            stop = text.find("\n", pos)
            stop = end if stop < 0 else stop
            self.line = number
            self.parse_line(text[pos:stop])
            pos, number = stop + 1, number + 1
        self.line = number
        self.finish()
        return self.catalog()

    def fast(self, match: re.Match, number: int) -> None:
        """A plain entry (comments, msgctxt, msgid, msgstr) matched whole, as most are."""
        comments, msgctxt, msgid, msgstr = match.groups()
        tcomment: list[str] = []
        extracted: list[str] = []
        occurrences: list[tuple[str, str]] = []
        flags: list[str] = []
        if comments:
            lines = comments.split("\n")[:-1]
            for line in lines:
                kind, text = line[1:2], line[2:]
                if kind == ":":
                    occurrences += references(text)
                elif kind == ",":
                    flags += [f.strip() for f in text.split(",") if f.strip()]
                elif kind == ".":
                    extracted.append(text[1:] if text.startswith(" ") else text)
                else:
                    tcomment.append(line[2:])  # "# text" or "#"
            number += len(lines)
        context = None
        if msgctxt is not None:
            context = self.text(msgctxt, number)
            number += msgctxt.count("\n") + 1
        line = number
        po_entry = _new_entry(
            self.text(msgid, line),
            self.text(msgstr, line + msgid.count("\n") + 1),
            "",
            {},
            context,
            False,
            self.charset,
            "\n".join(extracted),
            "\n".join(tcomment),
            occurrences,
            flags,
            None,
            None,
            None,
            line,
        )
        if tcomment == [""] or extracted == [""]:
            po_entry.comment_lines = {"#": tcomment, "#.": extracted}
        self.add(po_entry, line)

    def text(self, quoted: str, number: int) -> str:
        """The value of ``"…"`` strings on consecutive lines, unescaped and joined."""
        if "\\" not in quoted:
            return quoted[1:-1].replace('"\n"', "")
        return "".join(self.strings(quoted, number))

    def strings(self, quoted: str, number: int) -> list[str]:
        self.line = number
        return [self.unescape(b) if "\\" in b else b for b in _QUOTED.findall(quoted)]

    def parse_line(self, line: str) -> None:
        """One line outside the whole-entry fast path."""
        simple_string, simple_keyword = _STRING_LINE.fullmatch, _KEYWORD_LINE.fullmatch
        if line.endswith("\r"):
            line = line[:-1]
        if line[:1] in (" ", "\t", "\f", "\v"):
            line = line.lstrip(" \t\f\v")
        if not line:
            return
        first = line[0]
        # Fast paths for the lines most files are made of; anything else is tokenised.
        if first == '"' and (match := simple_string(line)):
            self.string(match.group(1), False, False)
        elif first == "m" and (match := simple_keyword(line)):
            index = match.group(2)
            self.keyword(match.group(1), None if index is None else _index(index), False, False)
            self.string(match.group(3), False, False)
        elif line.startswith("#~"):
            rest = line[2:]
            if rest.startswith("|"):
                self.tokens(rest[1:], obsolete=True, previous=True)
            elif rest.lstrip().startswith("#"):
                self.comment(rest.lstrip())
            else:
                self.tokens(rest, obsolete=True)
        elif line.startswith("#|"):
            self.tokens(line[2:], obsolete=False, previous=True)
        elif line.startswith("#"):
            self.comment(line)
        else:
            self.tokens(line, obsolete=False)

    # -- comments

    def comment(self, line: str) -> None:
        if self.entry.started:
            if not self.entry.complete:
                raise self.error("comment inside an entry (msgstr expected)")
            self.finish()
        kind, text = line[1:2], line[2:]
        entry = self.entry
        if kind == ",":
            entry.flags += [f.strip() for f in text.split(",") if f.strip()]
        elif kind == ".":
            entry.comment.append(text[1:] if text.startswith(" ") else text)
        elif kind == ":":
            entry.occurrences += references(text)
        else:
            text = line[1:]
            entry.tcomment.append(text[1:] if text.startswith(" ") else text)

    # -- keywords and strings

    def tokens(self, text: str, obsolete: bool, previous: bool = False) -> None:
        pos, end = 0, len(text)
        while pos < end:
            char = text[pos]
            if char in " \t\f\v\r":
                pos += 1
            elif char == '"':
                match = _STRING.match(text, pos)
                if not match:
                    raise self.error("unterminated string")
                self.string(match.group(1), obsolete, previous)
                pos = match.end()
            else:
                match = _KEYWORD.match(text, pos)
                if not match or (match.end() < end and text[match.end()] not in ' \t"'):
                    word = (text[pos : pos + 80].split() or [char])[0][:24]
                    raise self.error(f"syntax error: unexpected {word!r}")
                index = _index(match.group(2)) if match.group(2) is not None else None
                self.keyword(match.group(1), index, obsolete, previous)
                pos = match.end()

    def string(self, body: str, obsolete: bool, previous: bool) -> None:
        entry = self.entry
        if entry.target is None:
            raise self.error("string without a keyword before it")
        entry.target.append(self.unescape(body) if "\\" in body else body)

    def keyword(self, name: str, index: int | None, obsolete: bool, previous: bool) -> None:
        """A ``msgctxt``/``msgid``/``msgid_plural``/``msgstr[N]`` keyword: where it may stand
        after what came before (GNU's grammar, one branch per case, kept together so the
        grammar reads in one place), and the field it opens."""
        self.close_field()
        entry = self.entry
        if previous:
            if entry.started:
                if not entry.complete:
                    raise self.error(f"#| {name} inside an entry (msgstr expected)")
                self.finish()
                entry = self.entry
            if index is not None or name == "msgstr":
                raise self.error(f"#| {name} is not a previous field")
            if name in entry.previous:
                raise self.error(f"duplicate #| {name}")
            entry.line = entry.line or self.line
            entry.target = entry.previous[name] = []
            entry.target_line = self.line
            return
        if entry.complete and name in ("msgctxt", "msgid"):
            self.finish()
            entry = self.entry
        if entry.obsolete is not None and entry.obsolete != obsolete:
            raise self.error("entry mixes obsolete (#~) and active lines")
        if not entry.started:
            entry.obsolete = obsolete
            entry.line = self.line  # where the entry's msgctxt or msgid is
        fields = entry.fields
        if name == "msgctxt":
            if fields:
                raise self.error("msgctxt after msgid")
        elif name == "msgid":
            if "msgid" in fields:
                raise self.error("msgid without msgstr before it")
        elif "msgid" not in fields:
            raise self.error(f"{name} without msgid")
        elif name == "msgid_plural":
            if "msgid_plural" in fields or entry.complete:
                raise self.error("misplaced msgid_plural")
        elif index is None:
            if "msgid_plural" in fields:
                raise self.error("msgstr[N] expected after msgid_plural")
            if "msgstr" in fields:
                raise self.error("duplicate msgstr")
        else:
            if "msgid_plural" not in fields:
                raise self.error("msgstr[N] without msgid_plural")
            if index != len(entry.plural):
                expected = len(entry.plural)
                raise self.error(f"msgstr[{index}] out of order (expected msgstr[{expected}])")
            entry.target = entry.plural[index] = []
            entry.target_line = self.line
            return
        entry.target = fields[name] = []
        entry.target_line = self.line

    def close_field(self) -> None:
        """A keyword must be followed by at least one string."""
        entry = self.entry
        if entry.target is not None and not entry.target:
            raise self.error("keyword without a string", entry.target_line)
        entry.target = None

    def unescape(self, body: str) -> str:
        out: list[str] = []
        pending = bytearray()  # octal/hex escapes are bytes in the file's charset

        def flush() -> None:
            if pending:
                try:
                    out.append(pending.decode(self.charset))
                except UnicodeDecodeError:
                    raise self.error(f"escaped bytes are not valid {self.charset}") from None
                pending.clear()

        pos = 0
        for match in _ESCAPE.finditer(body):
            if match.start() > pos:
                flush()
                out.append(body[pos : match.start()])
            octal, hexa, char = match.groups()
            if octal or hexa:
                value = int(octal, 8) if octal else int(hexa[-2:], 16)
                if value == 0:
                    raise self.error("escape sequence for a NUL character")
                pending.append(value & 0xFF)
            elif char is not None and char in _UNESCAPES:
                flush()
                out.append(_UNESCAPES[char])
            else:
                raise self.error(f"invalid escape sequence \\{char or ''}")
            pos = match.end()
        flush()
        out.append(body[pos:])
        return "".join(out)

    # -- entries

    def finish(self) -> None:
        self.close_field()
        entry, self.entry = self.entry, _Entry()
        if not entry.started:
            if entry.previous:
                raise self.error("#| previous fields without an entry", entry.line)
            return  # comments at the end of the file: msgcat drops them too
        if not entry.complete:
            raise self.error("entry without msgstr", entry.line)
        if entry.previous and "msgid" not in entry.previous:
            raise self.error("#| msgctxt or msgid_plural without #| msgid", entry.line)
        self.add(self.build(entry), entry.line)

    def add(self, po_entry: polib.POEntry, line: int) -> None:
        key = (po_entry.msgctxt, po_entry.msgid)
        if key in self.seen:
            raise self.error(f"duplicate message definition (first at line {self.seen[key]})", line)
        self.seen[key] = line
        if not self.entries and self.header is None and key == (None, "") and not po_entry.obsolete:
            self.header = po_entry
        else:
            self.entries.append(po_entry)

    def build(self, entry: _Entry) -> polib.POEntry:
        def text(strings: list[str] | None) -> str | None:
            return None if strings is None else "".join(strings)

        fields, previous = entry.fields, entry.previous
        # The attributes polib.POEntry.__init__ sets, set directly: it is the hot path.
        po_entry = _new_entry(
            text(fields["msgid"]),
            text(fields.get("msgstr")) or "",
            text(fields.get("msgid_plural")) or "",
            {i: "".join(s) for i, s in entry.plural.items()},
            text(fields.get("msgctxt")),
            bool(entry.obsolete),
            self.charset,
            "\n".join(entry.comment),
            "\n".join(entry.tcomment),
            entry.occurrences,
            entry.flags,
            text(previous.get("msgctxt")) if previous else None,
            text(previous.get("msgid")) if previous else None,
            text(previous.get("msgid_plural")) if previous else None,
            entry.line,
        )
        if entry.tcomment == [""] or entry.comment == [""]:
            # polib cannot tell one empty comment line ("#") from none: remember the lines.
            po_entry.comment_lines = {"#": entry.tcomment, "#.": entry.comment}
        return po_entry

    def catalog(self) -> polib.POFile:
        po = polib.POFile(wrapwidth=79, encoding=self.charset)
        po.extend(self.entries)
        if self.header is not None:
            po.header = self.header.tcomment
            po.metadata = parse_metadata(self.header.msgstr)
            po.metadata_is_fuzzy = "fuzzy" in self.header.flags
            # Kept so that an unchanged header is written back exactly as it was.
            po.header_entry = self.header
            po.header_metadata = dict(po.metadata)
        return po


def _new_entry(
    msgid, msgstr, msgid_plural, msgstr_plural, msgctxt, obsolete, encoding, comment, tcomment,
    occurrences, flags, previous_msgctxt, previous_msgid, previous_msgid_plural, linenum,
) -> polib.POEntry:  # fmt: skip
    """A polib entry made without its ``__init__`` (the hot path of reading), its attributes set
    in the order ``__init__`` sets them: so set on every entry, Python holds them in the compact
    form it keeps for instances whose attributes all come in one order (half the size of a
    dictionary of their own, which assigning ``__dict__`` would give each entry)."""
    entry = polib.POEntry.__new__(polib.POEntry)
    entry.msgid, entry.msgstr, entry.msgid_plural = msgid, msgstr, msgid_plural
    entry.msgstr_plural, entry.msgctxt, entry.obsolete = msgstr_plural, msgctxt, obsolete
    entry.encoding, entry.comment, entry.tcomment = encoding, comment, tcomment
    entry.occurrences, entry.flags, entry.previous_msgctxt = occurrences, flags, previous_msgctxt
    entry.previous_msgid, entry.previous_msgid_plural = previous_msgid, previous_msgid_plural
    entry.linenum = linenum
    return entry


def _index(digits: str) -> int:
    """The N of ``msgstr[N]``; one too long to be an index becomes -1 (out of order)."""
    return int(digits) if len(digits) <= 9 and digits.isascii() else -1


# GNU gettext (0.22 on) writes a file name holding a space or tab between U+2068 FIRST STRONG
# ISOLATE and U+2069 POP DIRECTIONAL ISOLATE, and reads it back whole.
ISOLATE_START, ISOLATE_END = "\u2068", "\u2069"
_ISOLATED = re.compile(r"\u2068([^\u2069]*)(?:\u2069|$)(?:[ \t]*:[ \t]*([0-9]+)(?=[ \t]|$))?")


def references(text: str) -> list[tuple[str, str]]:
    """The ``(file, line or "")`` pairs of a ``#:`` comment's text, as GNU reads them."""
    if ISOLATE_START not in text:
        return [_reference(token) for token in text.split()]
    found: list[tuple[str, str]] = []
    pos, end = 0, len(text)
    while pos < end:
        if text[pos] in " \t":
            pos += 1
        elif text[pos] == ISOLATE_START:
            match = _ISOLATED.match(text, pos)
            assert match is not None  # the pattern matches any text after U+2068
            found.append((match.group(1), _line_number(match.group(2) or "")))
            pos = match.end()
        else:
            stop = pos
            while stop < end and text[stop] not in " \t":
                stop += 1
            found.append(_reference(text[pos:stop]))
            pos = stop
    return found


def _line_number(digits: str) -> str:
    """A line number as written back (no leading zeros), kept as text: any length is fine."""
    return digits.lstrip("0") or "0" if digits else ""


def _reference(token: str) -> tuple[str, str]:
    """``file:line`` of a ``#:`` comment as polib has it: (file, line or "")."""
    file, _, number = token.rpartition(":")
    if file and number.isascii() and number.isdigit():
        return (file, _line_number(number))
    return (token, "")


def parse_metadata(text: str) -> dict[str, str]:
    """``Name: value`` lines of a header msgstr (lines without a colon are not metadata)."""
    metadata = {}
    for line in text.split("\n"):
        name, colon, value = line.partition(":")
        if colon and name.strip():
            metadata[name.strip()] = value.strip()
    return metadata
