"""Where GNU gettext 0.21 breaks a PO string across lines, reproduced exactly.

msgcat, msgmerge and xgettext wrap strings with libunistring 1.0: break opportunities by
UAX #14 (its own pair table and class data, Unicode 14) and display widths by ``uc_width``
(East Asian wide = 2; in legacy CJK charsets most non-ASCII characters are wide too). This
module is that algorithm over Python strings; the class and width data it needs are in
``pipeline.gnuwrap_tables``, generated from libunistring itself (``python -m pipeline.gnuwrap``
regenerates them; a test compares them with the library where it is installed).
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import accumulate

# Line break classes as libunistring 1.0 numbers them (0..32 index its pair table).
WJ, GL, B2, BA, BB, HY, CL, CP1, CP2, EX, IN, NS, OP1, OP2, QU, IS = range(16)
NU, PO, PR, SY, AL, H2, H3, ID1, ID2, JL, JV, JT, HL, RI, ZWJ, EB, EM = range(16, 33)
BK, CR, LF, CM, ZW, SP, CB, AI, SA, XX = range(33, 43)
HL_BA = 100  # a Hebrew letter followed by a hyphen or BA (rule LB21a)

PROHIBITED, POSSIBLE, MANDATORY = 0, 1, 2
_DIRECT, _INDIRECT = 1, 2  # pair table entries; 3 is "prohibited"

# Legacy charsets in which libunistring counts non-ASCII characters as wide and resolves
# ambiguous (AI) characters as ideographs.
CJK_CHARSETS = frozenset({"EUC-JP", "GB2312", "GBK", "EUC-TW", "BIG5", "EUC-KR", "CP949", "JOHAB"})


@lru_cache(maxsize=1)
def _tables() -> tuple[list[int], list[int], list[int], list[int], list[bytes]]:
    from pipeline import gnuwrap_tables as data

    def runs(text: str) -> tuple[list[int], list[int]]:
        starts, values = [], []
        for item in text.split():
            start, value = item.split(":")
            starts.append(int(start, 16))
            values.append(int(value))
        return starts, values

    lb_starts, lb_values = runs(data.LINE_BREAK)
    w_starts, w_values = runs(data.WIDTH)
    pairs = [bytes(int(c) for c in row) for row in data.PAIRS.split()]
    return lb_starts, lb_values, w_starts, w_values, pairs


@lru_cache(maxsize=4096)
def break_class(char: str) -> int:
    """The UAX #14 class libunistring gives ``char`` (before AI/CB/SA/XX are resolved)."""
    starts, values = _tables()[0:2]
    return values[bisect.bisect_right(starts, ord(char)) - 1]


@lru_cache(maxsize=4096)
def char_width(char: str, cjk: bool = False) -> int:
    """Display columns of ``char`` as ``uc_width`` counts them; -1 for control characters."""
    starts, values = _tables()[2:4]
    code = ord(char)
    width = values[bisect.bisect_right(starts, code) - 1]
    if cjk and width == 1 and 0xA1 <= code < 0xFF61 and code != 0x20A9:
        return 2
    return width


def text_width(text: str, cjk: bool = False) -> int:
    """Display columns of ``text`` (control characters count 0, as when wrapping)."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(max(char_width(c, cjk), 0) for c in text)


def possible_breaks(text: str, cjk: bool = False) -> list[int]:
    """For each character: may a line break before it (``u8_possible_linebreaks_v2``)?"""
    pairs = _tables()[4]
    result = [PROHIBITED] * len(text)
    prev_prop = last_prop = BK
    seen_space = False
    ri_count = 0
    for i, char in enumerate(text):
        prop = break_class(char)
        if prop in (BK, LF, CR):
            result[i] = MANDATORY
            prev_prop, last_prop, seen_space = prop, BK, False
        else:
            if prop == AI:
                prop = ID1 if cjk else AL
            elif prop == CB:
                prop = ID1
            elif prop in (SA, XX):
                prop = AL
            if prop == SP:
                seen_space = True
            elif prop == ZW:
                last_prop, seen_space = ZW, False
            elif prop in (CM, ZWJ):
                if last_prop == BK:
                    last_prop, seen_space = AL, False
                elif last_prop == ZW or seen_space:
                    result[i] = POSSIBLE
                    last_prop, seen_space = AL, False
            else:
                if last_prop == BK:
                    pass
                elif last_prop == ZW:
                    result[i] = POSSIBLE
                elif prev_prop == ZWJ or prev_prop == HL_BA:
                    pass
                elif last_prop == RI and prop == RI:
                    if seen_space or ri_count % 2 == 0:
                        result[i] = POSSIBLE
                else:
                    rule = pairs[last_prop][prop]
                    if rule == _DIRECT or (rule == _INDIRECT and seen_space):
                        result[i] = POSSIBLE
                last_prop, seen_space = prop, False
            prev_prop = HL_BA if prev_prop == HL and prop in (HY, BA) else prop
        ri_count = ri_count + 1 if prop == RI else 0
    return result


def width_breaks(
    text: str, width: int, start_column: int, fixed: list[bool], cjk: bool = False
) -> list[bool]:
    """Where GNU breaks ``text`` (``ulc_width_linebreaks``): True before each character that
    starts a new line. Lines hold ``width`` columns, the first already ``start_column``;
    ``fixed[i]`` forbids a break before character ``i`` (inside escape sequences)."""
    result = [False] * len(text)
    for index in line_breaks(text, width, start_column, {i for i, f in enumerate(fixed) if f}, cjk):
        result[index] = True
    return result


def line_breaks(
    text: str,
    width: int,
    start_column: int,
    fixed: frozenset[int] | set[int] = frozenset(),
    cjk: bool = False,
    columns: list[int] | None | bool = False,
) -> list[int]:
    """The indices of the characters that start a new line where GNU breaks ``text`` (see
    ``width_breaks``); ``fixed`` holds the indices before which no break may go, ``columns``
    is ``text_columns(text, cjk)`` where the caller has it.

    GNU's greedy fill only looks at the break opportunities next to where a line overflows,
    and outside a few classes (mandatory breaks, combining marks, joiners, regional indicators,
    Hebrew letters) whether a break may go before a character depends only on that character
    and the last non-space one before it. So, for text without those classes, only the
    characters near each line's end are classified; other text takes the full state machine.
    """
    if not (text.isprintable() if text.isascii() else _no_stateful_class(text)):
        forbidden = [i in fixed for i in range(len(text))]
        by_state = _width_breaks_by_state(text, width, start_column, forbidden, cjk)
        return [i for i, brk in enumerate(by_state) if brk]
    n = len(text)
    if columns is False:
        columns = text_columns(text, cjk)
    classes = _CLASSES[cjk]
    pairs = _tables()[4]
    breaks: list[int] = []
    line, room = 0, width - start_column
    while True:
        # The first index at which the line [line, index) no longer fits.
        if columns is None:
            overflow = line + room + 1
        else:
            overflow = bisect.bisect_right(columns, room + columns[line])
        if overflow > n:
            return breaks
        # GNU breaks at the last opportunity before the overflow, else at the first after it.
        found = -1
        i = max(overflow, line + 1) - 1
        prop = classes[text[i]]
        while i > line:
            before = classes[text[i - 1]]
            if prop != SP:
                if before != SP:
                    if pairs[before][prop] == _DIRECT and i not in fixed:
                        found = i
                        break
                elif _after_spaces(text, i, prop, classes, pairs) and i not in fixed:
                    found = i
                    break
            i, prop = i - 1, before
        if found < 0:
            for i in range(max(overflow, line + 1), n):
                if _may_break_before(text, i, classes, pairs) and i not in fixed:
                    found = i
                    break
            else:
                return breaks
        breaks.append(found)
        line, room = found, width


def _may_break_before(text: str, i: int, classes: dict[str, int], pairs: list[bytes]) -> bool:
    """UAX #14 as libunistring applies it, at one index (> 0) of text without the classes
    ``_STATEFUL``."""
    prop = classes[text[i]]
    if prop == SP:
        return False
    before = classes[text[i - 1]]
    if before != SP:
        return pairs[before][prop] == _DIRECT
    return _after_spaces(text, i, prop, classes, pairs)


def _after_spaces(
    text: str, i: int, prop: int, classes: dict[str, int], pairs: list[bytes]
) -> bool:
    """May a break go before ``text[i]`` (of class ``prop``), which follows spaces?"""
    k = i - 2
    while k >= 0 and text[k] == " ":  # only U+0020 is of class SP
        k -= 1
    return k >= 0 and pairs[classes[text[k]]][prop] != _PROHIBITED


def text_columns(text: str, cjk: bool = False) -> list[int] | None:
    """``columns[i]``: the display width of ``text[:i]`` (control characters count 0); None
    when every character is one column wide."""
    if text.isascii() and text.isprintable() or _narrow(cjk)(text):
        return None
    widths = text.translate(_bmp_widths(cjk))  # indexing a tuple: translate at C speed
    if _UNMAPPED(widths):  # outside the BMP (translate left those characters as they were)
        return list(accumulate((max(char_width(c, cjk), 0) for c in text), initial=0))
    return list(accumulate(widths.encode("latin-1"), initial=0))


@lru_cache(maxsize=2)
def _bmp_widths(cjk: bool) -> tuple[int, ...]:
    """The width of each code point of the BMP as wrapping counts it (``char_width``, control
    characters 0), built from the runs of the width table."""
    starts, values = _tables()[2:4]
    table = bytearray(0x10000)
    for k, start in enumerate(starts):
        if start > 0xFFFF:
            break
        end = min(starts[k + 1] if k + 1 < len(starts) else 0x110000, 0x10000)
        table[start:end] = bytes([max(values[k], 0)]) * (end - start)
    if cjk:  # in CJK charsets, most non-ASCII characters are two columns wide
        table[0xA1:0xFF61] = table[0xA1:0xFF61].replace(b"\x01", b"\x02")
        table[0x20A9] = max(values[bisect.bisect_right(starts, 0x20A9) - 1], 0)
    return tuple(table)


@lru_cache(maxsize=2)
def _narrow(cjk: bool):
    """``fullmatch`` of text whose characters (in the BMP) are all one column wide."""
    starts, values = _tables()[2:4]
    ranges = []
    for k, (start, value) in enumerate(zip(starts, values)):
        end = min((starts[k + 1] if k + 1 < len(starts) else 0x110000) - 1, 0xFFFF)
        if value == 1 and start <= end:
            if cjk:  # in CJK charsets, most non-ASCII characters are two columns wide
                for low, high in ((start, min(end, 0xA0)), (max(start, 0xFF61), end)):
                    if low <= high:
                        ranges.append((low, high))
                if start <= 0x20A9 <= end:
                    ranges.append((0x20A9, 0x20A9))
            else:
                ranges.append((start, end))
    pattern = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)
    return re.compile(f"[{pattern}]*").fullmatch


class _Classes(dict):
    """character → its resolved break class (AI, CB, SA, XX as ``possible_breaks`` resolves
    them), filled on first use."""

    def __init__(self, cjk: bool):
        super().__init__()
        self.cjk = cjk

    def __missing__(self, char: str) -> int:
        prop = break_class(char)
        if prop == AI:
            prop = ID1 if self.cjk else AL
        elif prop == CB:
            prop = ID1
        elif prop in (SA, XX):
            prop = AL
        self[char] = prop
        return prop


_CLASSES = (_Classes(False), _Classes(True))


_UNMAPPED = re.compile("[^\x00-\x02]").search
_PROHIBITED = 3
# Classes after which, or at which, whether a break may go depends on more than the pair.
_STATEFUL = (BK, CR, LF, CM, ZWJ, ZW, RI, HL)


def _no_stateful_class(text: str) -> bool:
    """Has ``text`` no character of a class in ``_STATEFUL``?"""
    basic, astral = _stateful_patterns()
    return not basic(text) and not (astral(text) and _stateful_patterns(True)[0](text))


@lru_cache(maxsize=2)
def _stateful_patterns(astral: bool = False):
    """``search`` of a character class of ``_STATEFUL`` (in the BMP only, which ``re``
    matches by table, unless ``astral``), and of any character outside the BMP."""
    starts, values = _tables()[0:2]
    ranges = []
    for k, (start, value) in enumerate(zip(starts, values)):
        end = (starts[k + 1] if k + 1 < len(starts) else 0x110000) - 1
        if value in _STATEFUL and (astral or start <= 0xFFFF):
            ranges.append(f"\\U{start:08x}-\\U{end if astral else min(end, 0xFFFF):08x}")
    return re.compile("[" + "".join(ranges) + "]").search, re.compile("[^\\x00-\\uffff]").search


def _width_breaks_by_state(
    text: str, width: int, start_column: int, fixed: list[bool], cjk: bool = False
) -> list[bool]:
    """``width_breaks`` character by character over ``possible_breaks``: any text."""
    opportunities = possible_breaks(text, cjk)
    breaks = [False] * len(text)
    last = -1
    last_column = start_column
    piece_width = 0
    for i, char in enumerate(text):
        kind = PROHIBITED if fixed[i] else opportunities[i]
        if kind != PROHIBITED and last >= 0 and last_column + piece_width > width:
            breaks[last] = True
            last_column = 0
        if kind == MANDATORY:
            last, last_column, piece_width = -1, 0, 0
            continue
        if kind == POSSIBLE:
            last = i
            last_column += piece_width
            piece_width = 0
        w = char_width(char, cjk)
        if w > 0:
            piece_width += w
    if last >= 0 and last_column + piece_width > width:
        breaks[last] = True
    return breaks


def _libunistring_tables(library: str = "libunistring.so.2") -> dict[str, str]:
    """Read the class, width and pair data out of the installed libunistring (1.0 layout)."""
    import ctypes
    import struct

    lib = ctypes.CDLL(library)

    def symbol(name: str, size: int) -> bytes:
        return ctypes.string_at(ctypes.addressof(ctypes.c_ubyte.in_dll(lib, name)), size)

    pair_bytes = symbol("libunistring_unilbrk_table", 33 * 33)
    # struct { int level1[15]; int level2[4 << 9]; unsigned char level3[]; } unilbrkprop
    prop = symbol("libunistring_unilbrkprop", 60 + 4 * 2048 + 246 * 128)
    level1 = struct.unpack_from("<15i", prop, 0)
    classes = bytearray([XX]) * 0x110000
    for plane, lookup1 in enumerate(level1):
        if lookup1 < 0:
            continue
        for index2 in range(512):
            lookup2 = struct.unpack_from("<i", prop, 60 + 4 * (lookup1 + index2))[0]
            if lookup2 >= 0:
                start = (plane << 16) | (index2 << 7)
                offset = 60 + 4 * 2048 + lookup2
                classes[start : start + 128] = prop[offset : offset + 128]
    lib.uc_width.restype = ctypes.c_int
    lib.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    widths = [lib.uc_width(code, b"UTF-8") for code in range(0x110000)]

    def runs(values) -> str:
        items, previous = [], None
        for code, value in enumerate(values):
            if value != previous:
                items.append(f"{code:x}:{value}")
                previous = value
        lines = [" ".join(items[i : i + 10]) for i in range(0, len(items), 10)]
        return "\n".join(lines)

    pairs = "\n".join(
        "".join(str(b) for b in pair_bytes[row * 33 : row * 33 + 33]) for row in range(33)
    )
    return {"LINE_BREAK": runs(classes), "WIDTH": runs(widths), "PAIRS": pairs}


if __name__ == "__main__":
    tables = _libunistring_tables()
    print('"""Line break classes, display widths and the UAX #14 pair table of libunistring 1.0.')
    print()
    print("Generated by ``python -m pipeline.gnuwrap`` from the installed libunistring; runs of")
    print('``first code point (hex):value``. Do not edit."""')
    for name, text in tables.items():
        print(f'\n{name} = """\n{text}\n"""')
