"""PO files read and written losslessly, in GNU gettext's canonical format.

The data model is polib's (``POFile`` of ``POEntry``), but reading and writing are ours:
polib rewraps comments and breaks lines where GNU does not, so files that translators' tools
(Poedit, msgmerge, Weblate) wrote would churn on every save. Here:

- ``load`` reads every kind of comment, ``#|`` previous fields (also ``#~|`` on obsolete
  entries), obsolete ``#~`` entries with ``msgctxt``, plural forms, the header exactly as
  written, and files in their own charset (``charset=`` of the header); any bad input is an
  ``L10nError`` naming file and line, never another exception.
- ``dumps`` writes what ``msgcat`` writes, byte for byte: strings wrapped at 79 columns of
  display width where GNU breaks them (``pipeline.gnuwrap``), comments as they were, references
  reflowed, flags in GNU's order, obsolete entries last.
- ``save`` writes through ``pipeline.files``: atomically, under a lock, only when the bytes
  change.
"""

from __future__ import annotations

import codecs
import contextlib
import gc
import re
from pathlib import Path

import polib

from pipeline import gnuwrap
from pipeline.errors import L10nError
from pipeline.state import first_form
from pipeline.files import digest, write_bytes

PAGE_WIDTH = 79
# GNU gettext 0.21's format languages, in the order msgcat writes their flags.
FORMATS = (
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp librep "
    "ruby sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl perl "
    "perl-brace php gcc-internal gfc-internal ycp"
).split()
_FORMAT_RANK = {name: rank for rank, name in enumerate(FORMATS)}
_FORMAT_FLAG = re.compile(r"^(no-|possible-|impossible-)?(.+)-format$")

_ESCAPES = {"\a": "a", "\b": "b", "\f": "f", "\n": "n", "\r": "r", "\t": "t", "\v": "v"}
_UNESCAPES = {v: k for k, v in _ESCAPES.items()} | {"\\": "\\", '"': '"'}
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?")
_STRING_LINE = re.compile(r'"((?:[^"\\]|\\.)*)"[ \t]*')
_KEYWORD_LINE = re.compile(
    r'(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?[ \t]+"((?:[^"\\]|\\.)*)"[ \t]*'
)
_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_Q = r'"(?:[^"\\\n]|\\.)*"'
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
        data = path.read_bytes()
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
        po_entry = polib.POEntry.__new__(polib.POEntry)
        po_entry.__dict__ = {
            "msgid": self.text(msgid, line),
            "msgstr": self.text(msgstr, line + msgid.count("\n") + 1),
            "msgid_plural": "",
            "msgstr_plural": {},
            "msgctxt": context,
            "obsolete": False,
            "encoding": self.charset,
            "tcomment": "\n".join(tcomment),
            "comment": "\n".join(extracted),
            "occurrences": occurrences,
            "flags": flags,
            "previous_msgctxt": None,
            "previous_msgid": None,
            "previous_msgid_plural": None,
            "linenum": line,
        }
        if tcomment == [""] or extracted == [""]:
            po_entry.comment_lines = {"#": tcomment, "#.": extracted}
        self.add(po_entry, line)

    def text(self, quoted: str, number: int) -> str:
        """The value of ``"…"`` strings on consecutive lines, unescaped and joined."""
        if "\n" not in quoted and "\\" not in quoted:
            return quoted[1:-1]
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
                    word = text[pos:].split()[0][:40]
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
        po_entry = polib.POEntry.__new__(polib.POEntry)
        po_entry.__dict__.update(
            msgid=text(fields["msgid"]),
            msgstr=text(fields.get("msgstr")) or "",
            msgid_plural=text(fields.get("msgid_plural")) or "",
            msgstr_plural={i: "".join(s) for i, s in entry.plural.items()},
            msgctxt=text(fields.get("msgctxt")),
            obsolete=bool(entry.obsolete),
            encoding=self.charset,
            tcomment="\n".join(entry.tcomment),
            comment="\n".join(entry.comment),
            occurrences=entry.occurrences,
            flags=entry.flags,
            previous_msgctxt=text(previous.get("msgctxt")) if previous else None,
            previous_msgid=text(previous.get("msgid")) if previous else None,
            previous_msgid_plural=text(previous.get("msgid_plural")) if previous else None,
            linenum=entry.line,
        )
        if entry.tcomment == [""] or entry.comment == [""]:
            # polib cannot tell one empty comment line ("#") from none: remember the lines.
            po_entry.comment_lines = {"#": entry.tcomment, "#.": entry.comment}
        return po_entry

    def catalog(self) -> polib.POFile:
        po = polib.POFile(wrapwidth=PAGE_WIDTH, encoding=self.charset)
        po.extend(self.entries)
        if self.header is not None:
            po.header = self.header.tcomment
            po.metadata = parse_metadata(self.header.msgstr)
            po.metadata_is_fuzzy = "fuzzy" in self.header.flags
            # Kept so that an unchanged header is written back exactly as it was.
            po.header_entry = self.header
            po.header_metadata = dict(po.metadata)
        return po


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
    cjk = _is_cjk(charset_of(po))
    blocks = []
    header = _header_entry(po)
    if header is not None:
        blocks.append(_format_entry(header, cjk))
    blocks += [_format_entry(e, cjk) for e in po if not e.obsolete]
    # An obsolete entry without a translation carries nothing: GNU drops it when reading.
    blocks += [_format_entry(e, cjk) for e in po if e.obsolete and first_form(e)]
    return "\n".join(blocks)


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
    read = getattr(entry, "comment_lines", {})
    for kind, text in (("#", entry.tcomment), ("#.", entry.comment)):
        kept = read.get(kind)
        comments = kept if kept is not None and "\n".join(kept) == text else text.split("\n")
        if text or kept == [""] == comments:
            lines += [f"{kind} {line}" if line else kind for line in comments]
    lines += _references(entry.occurrences)
    flags, wrap = canonical_flags(entry.flags)
    if entry.msgid and not first_form(entry) and "fuzzy" in flags:
        flags.remove("fuzzy")  # GNU: an untranslated entry is not fuzzy
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
    if (
        start + len(value) <= width
        and value.isascii()
        and value.isprintable()
        and '"' not in value
        and "\\" not in value
    ):
        return [f'{prefix}{name} "{value}"']  # most strings: one line, nothing to escape
    portions = value.split("\n")
    portions = [p + "\n" for p in portions[:-1]] + ([portions[-1]] if portions[-1] else [])
    portions = portions or [""]
    lines: list[str] = []
    first_line = True
    for number, portion in enumerate(portions):
        chars, fixed = _escaped(portion)
        start = start if first_line else 0
        breaks = _breaks(chars, width, start, fixed, cjk)
        if first_line and chars and (number < len(portions) - 1 or start > width or any(breaks)):
            lines.append(f'{prefix}{name} ""')
            first_line = False
            breaks = _breaks(chars, width, 0, fixed, cjk)
        line = f'{prefix}{name} "' if first_line else f'{prefix}"'
        pieces = [line]
        for char, brk in zip(chars, breaks):
            if brk:
                pieces.append(f'"\n{prefix}"')
            pieces.append(char)
        pieces.append('"')
        lines += "".join(pieces).split("\n")
        first_line = False
    return lines


def _escaped(portion: str) -> tuple[list[str], list[bool]]:
    """The characters of a string as written (escapes are two characters) and, for each,
    whether GNU forbids a line break before it (inside an escape, and before a final \\n)."""
    chars: list[str] = []
    fixed: list[bool] = []
    for char in portion:
        if char in _ESCAPES:
            chars += ("\\", _ESCAPES[char])
            fixed += (False, True)
        elif char in '\\"':
            chars += ("\\", char)
            fixed += (False, True)
        else:
            chars.append(char)
            fixed.append(False)
    if portion.endswith("\n"):
        fixed[-2] = True  # never break right before the final \n
    return chars, fixed


def _breaks(chars: list[str], width: int, start: int, fixed: list[bool], cjk: bool) -> list[bool]:
    text = "".join(chars)
    if start + gnuwrap.text_width(text, cjk) <= width:
        return [False] * len(chars)  # fits: GNU inserts no break
    return gnuwrap.width_breaks(text, width, start, fixed, cjk)


# ---- saving -------------------------------------------------------------------------------


def encode(po: polib.POFile) -> bytes:
    """The bytes of a catalog, in the charset its header declares."""
    charset = charset_of(po)
    with without_gc():
        text = dumps(po)
    try:
        return text.encode(charset)
    except UnicodeEncodeError as exc:
        line = text[: exc.start].count("\n") + 1
        char = text[exc.start]
        raise L10nError(f"{char!r} cannot be written in {charset}", po.fpath, line) from None


def save(po: polib.POFile, path: str | Path, base: str | None = None) -> bool:
    """Write a catalog atomically, only when its bytes change; True when written. ``base``:
    see ``write_bytes``."""
    return write_bytes(path, encode(po), base)


# ---- canonical formatting (``l10n format``) ----------------------------------------------


def to_utf8(po: polib.POFile) -> None:
    """Declare and write the catalog in UTF-8 (its text is already Unicode)."""
    po.metadata["Content-Type"] = (
        re.sub(r"charset=[^\s;]+", "charset=UTF-8", po.metadata.get("Content-Type", ""))
        or "text/plain; charset=UTF-8"
    )
    header = getattr(po, "header_entry", None)
    if header is not None:
        header.msgstr = re.sub(
            r"(Content-Type:[^\n]*?charset=)[^\s;]+", r"\g<1>UTF-8", header.msgstr
        )
        if parse_metadata(header.msgstr) == po.metadata:
            po.header_metadata = dict(po.metadata)
    po.encoding = "UTF-8"


def format_files(paths: list[str | Path], check: bool = False, utf8: bool = False) -> list[Path]:
    """Rewrite each PO file in canonical GNU layout; the files that changed (or would, with
    ``check``). Every file is read before any is written, so bad input changes nothing."""
    plans = []
    seen: set[Path] = set()
    for path in map(Path, paths):
        try:
            same = path.resolve()
        except (OSError, RuntimeError):
            same = path
        if same in seen:
            continue  # one file named twice (FILE ./FILE) is formatted once
        seen.add(same)
        po = load(path)
        if utf8:
            to_utf8(po)
        plans.append((path, encode(po), po.digest))
    changed = [path for path, data, base in plans if digest(data) != base]
    if not check:
        for path, data, base in plans:
            write_bytes(path, data, base)
    return changed
