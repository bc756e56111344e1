"""Numbers in a sentence, as values, the way each language writes them.

"US$4.5 million", "450万美元", "450만 달러" and "4.5 juta" are all 4,500,000: a number is its
digits (with the locale's grouping and decimal symbols, from CLDR via babel; full-width and
other Unicode digits read as ASCII) times the scale words that follow it. East Asian scales go
by myriads (万/만 = 10⁴, 亿/억 = 10⁸) and combine ("4억 5천만" = 450,000,000, "1.2万亿" =
1.2 × 10¹²); Chinese numerals ("三十", "两") are read too. Percent signs and words do not change
a value, so "30 per cent" and "30%" are both 30.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import cache

# Scale words by primary language subtag. Values below 10⁴ are "small" scales (they multiply
# the digits right before them), the others "big" scales (they multiply the whole group).
SCALES: dict[str, dict[str, int]] = {
    "en": {
        "thousand": 10**3,
        "million": 10**6,
        "mn": 10**6,
        "billion": 10**9,
        "bn": 10**9,
        "trillion": 10**12,
        "tn": 10**12,
    },
    "ms": {
        "ratus": 10**2,
        "ribu": 10**3,
        "juta": 10**6,
        "bilion": 10**9,
        "billion": 10**9,
        "trilion": 10**12,
    },
    "id": {"ratus": 10**2, "ribu": 10**3, "juta": 10**6, "miliar": 10**9, "triliun": 10**12},
    "ko": {"십": 10, "백": 10**2, "천": 10**3, "만": 10**4, "억": 10**8, "조": 10**12},
    "zh": {"十": 10, "百": 10**2, "千": 10**3, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8},
    "ja": {"十": 10, "百": 10**2, "千": 10**3, "万": 10**4, "億": 10**8, "兆": 10**12},
}
# Languages written without spaces between a number and its scale, whose scales chain into
# one number ("4억 5천만", "1万2千").
MYRIAD = frozenset({"ko", "zh", "ja"})
# Words allowed between digits and a scale meaning "and more" ("100多万", "100여만").
FILLERS = {"zh": "多|余|餘", "ja": "余", "ko": "여"}
CJK_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
# Chinese numerals stand for a number where they stand as one: before a classifier or a unit
# (两个, 第一次, 三十年), or on their own; inside a word they are part of its meaning (二进制
# "binary", 一些 "some", 统一 "unified") and render no number of the source.
CLASSIFIERS = frozenset(
    "个位次年月日天号倍岁点分秒周项种字行列页张条件名人级层组步部元米克度台本篇段节章遍回届期份套"
    "只把排针帧像素键层大强佳"
)
BEFORE_NUMERAL = frozenset("第共前后约每近逾超过达至到或和及与是为有了用之")
_NUMERAL_RUN = re.compile(r"[零〇一二两兩三四五六七八九十百千万萬亿億]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Small numbers as words, which render a digit of the source: "takes 1 argument" is
# "하나의 인자", "2-byte" is "双字节", "two" is "dua". (Korean native numerals, at the start of
# a word, before a counter or a particle.)
NUMBER_WORDS: dict[str, dict[str, int]] = {
    "ko": {
        "하나": 1,
        "한": 1,
        "둘": 2,
        "두": 2,
        "셋": 3,
        "세": 3,
        "석": 3,
        "넷": 4,
        "네": 4,
        "넉": 4,
        "다섯": 5,
        "여섯": 6,
        "일곱": 7,
        "여덟": 8,
        "아홉": 9,
        "열": 10,
        "스물": 20,
        "스무": 20,
    },
    "zh": {"单": 1, "双": 2, "俩": 2, "两": 2, "兩": 2},
    "ms": {
        "satu": 1,
        "dua": 2,
        "tiga": 3,
        "empat": 4,
        "lima": 5,
        "enam": 6,
        "tujuh": 7,
        "lapan": 8,
        "sembilan": 9,
        "sepuluh": 10,
    },
    "id": {
        "satu": 1,
        "dua": 2,
        "tiga": 3,
        "empat": 4,
        "lima": 5,
        "enam": 6,
        "tujuh": 7,
        "delapan": 8,
        "sembilan": 9,
        "sepuluh": 10,
    },
}
_KO_AFTER_NUMBER = "개|가지|번|명|자|바이트|비트|줄|글자|배|째|의|이|가|를|을|와|과|로|도|만|또는"
# A number base written as a word (Base-10 → 십진, 十进制), where the source speaks of a base.
RADIX_WORDS = {
    "ko": {"이진": 2, "팔진": 8, "십진": 10, "십육진": 16},
    "zh": {"二进制": 2, "八进制": 8, "十进制": 10, "十六进制": 16},
}
RADIX_SOURCE = re.compile(r"base|binary|octal|decimal|hexadecimal|radix", re.IGNORECASE)
# "3..9" is a range of two numbers (a lone "." before a digit would be read as a decimal).
_RANGE = re.compile(r"(?<=\d)\.\.(?=\d)")
MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)
# "Nov 1", "1 November": a month name next to a day, which languages that number their months
# (11월 1일, 11月1日) write with digits.
DATE = re.compile(
    rf"(?P<before>{_MONTH})\.?\s+\d{{1,2}}(?!\d)|(?<!\d)\d{{1,2}}\s+(?P<after>{_MONTH})"
)
NUMBERED_MONTHS = frozenset({"ko", "zh", "ja"})
TIME = re.compile(r"(?<![\d.:])(\d{1,2})(?:[.:](\d{2}))?\s?([ap])\.?m\b\.?", re.IGNORECASE)


@dataclass(frozen=True)
class Quantity:
    """A number in the source: how it is written, and the values that render it faithfully."""

    text: str
    values: frozenset[Decimal]

    @property
    def shown(self) -> str:
        return " or ".join(sorted(format(v, ",f") for v in self.values))


@dataclass(frozen=True)
class _Token:
    kind: str  # "num" (digits), "cjk" (a Chinese numeral digit) or "scale"
    value: Decimal
    start: int
    end: int


@cache
def primary(lang: str) -> str:
    """``zh_Hans`` → ``zh``, ``ko-KR`` → ``ko``."""
    return re.split(r"[_\-@.]", lang or "", maxsplit=1)[0].lower()


@cache
def symbols(lang: str) -> tuple[str, str]:
    """The locale's decimal and group symbols (CLDR, via babel); English ones if unknown."""
    from babel import Locale, UnknownLocaleError

    try:
        numbers = Locale.parse(lang.replace("-", "_")).number_symbols["latn"]
        return numbers.get("decimal", "."), numbers.get("group", ",")
    except (UnknownLocaleError, ValueError, KeyError, TypeError):
        return ".", ","


_OTHER_DIGIT = re.compile(r"(?![0-9])\d")  # a decimal digit of another script (category Nd)


def normalise_digits(text: str) -> str:
    """Every Unicode decimal digit as ASCII, and full-width ．/， between digits as ./,."""
    if text.isascii():
        return text  # nothing to normalise, as in most source sentences
    if _OTHER_DIGIT.search(text):  # not char by char: most translations have none
        text = _OTHER_DIGIT.sub(lambda m: str(unicodedata.decimal(m.group())), text)
    if "．" in text:
        text = re.sub(r"(?<=\d)．(?=\d)", ".", text)
    if "，" in text:
        text = re.sub(r"(?<=\d)，(?=\d{3}(?!\d))", ",", text)
    return text


@cache
def _token_pattern(lang: str) -> re.Pattern[str]:
    decimal, group = (re.escape(s) for s in symbols(lang))
    number = (
        rf"(?<![\d.,])(?:\d{{1,3}}(?:{group}\d{{3}}(?!\d))+(?:{decimal}\d+)?"
        rf"|\d+(?:{decimal}\d+)?)"
    )
    words = sorted(SCALES.get(primary(lang), {}), key=len, reverse=True)
    parts = [f"(?P<num>{number})"]
    if primary(lang) in ("zh", "ja"):
        parts.append(f"(?P<cjk>[{''.join(CJK_DIGITS)}])")
    if words:
        alternatives = "|".join(re.escape(w) for w in words)
        boundary = r"(?![^\W\d_])" if words[0].isascii() else ""
        flags = "(?i:" if words[0].isascii() else "(?:"
        parts.append(f"(?P<scale>{flags}{alternatives}){boundary})")
    return re.compile("|".join(parts))


def _tokens(text: str, lang: str) -> list[_Token]:
    decimal, group = symbols(lang)
    scales = {k.lower(): v for k, v in SCALES.get(primary(lang), {}).items()}
    tokens = []
    for match in _token_pattern(lang).finditer(text):
        kind = match.lastgroup or ""
        raw = match.group()
        if kind == "num":
            digits = raw.replace(group, "").replace(decimal, ".")
            try:
                value = Decimal(digits)
            except InvalidOperation:
                continue
        elif kind == "cjk":
            value = Decimal(CJK_DIGITS[raw])
        else:
            value = Decimal(scales[raw.lower()])
        tokens.append(_Token(kind, value, match.start(), match.end()))
    return tokens


def _join(prev: _Token, tok: _Token, gap: str, lang: str) -> str | None:
    """How two neighbouring tokens belong together: "hard", "soft" (either reading) or None."""
    lang = primary(lang)
    space = gap in ("", " ", "\u00a0", "\u202f")
    filler = lang in FILLERS and re.fullmatch(FILLERS[lang], gap) is not None
    if prev.kind in ("num", "cjk") and tok.kind == "scale":
        return "hard" if space or filler else None
    if prev.kind == "scale" and tok.kind == "scale":
        return "hard" if space else None
    if lang in MYRIAD and prev.kind == "scale" and tok.kind in ("num", "cjk"):
        if gap == "":
            return "hard"
        return "soft" if lang == "ko" and gap == " " else None
    if prev.kind == "cjk" and tok.kind == "cjk" and gap == "":
        return "hard"
    return None


def _combine(run: list[_Token]) -> Decimal:
    """The value of a chain such as [4, 억, 5, 천, 만] (= 450,000,000)."""
    total = section = current = Decimal(0)
    last_big: Decimal | None = None
    previous_kind = ""
    for tok in run:
        if tok.kind == "cjk" and previous_kind == "cjk":
            current = current * 10 + tok.value  # 一九七五 reads digit by digit
        elif tok.kind in ("num", "cjk"):
            section += current
            current = tok.value
        elif tok.value < 10**4:
            section += (current or 1) * tok.value
            current = Decimal(0)
        else:
            group = section + current
            if group == 0 and total:
                total *= tok.value  # 万亿: a scale of the scale before it
            elif total and last_big is not None and tok.value > last_big:
                total = (total + group) * tok.value
            else:
                total += (group or 1) * tok.value
            last_big = tok.value
            section = current = Decimal(0)
        previous_kind = tok.kind
    return total + section + current


def _runs(text: str, lang: str) -> list[tuple[int, int, list[Decimal]]]:
    """(start, end, readings) of each number in ``text``; the first reading is the whole chain."""
    tokens = _tokens(text, lang)
    runs: list[list[list[_Token]]] = []  # runs → pieces joined softly → tokens joined hard
    for tok in tokens:
        last = runs[-1][-1][-1] if runs else None
        how = _join(last, tok, text[last.end : tok.start], lang) if last else None
        if how == "hard":
            runs[-1][-1].append(tok)
        elif how == "soft":
            runs[-1].append([tok])
        else:
            runs.append([[tok]])
    found = []
    for pieces in runs:
        flat = [t for piece in pieces for t in piece]
        if not any(t.kind in ("num", "cjk") for t in flat) and not _lone_ten(flat, lang):
            continue  # a scale word on its own ("만나다", "万一") is not a number
        try:
            readings = [_combine(flat)] + ([_combine(p) for p in pieces] if len(pieces) > 1 else [])
        except ArithmeticError:  # a chain of scale words past any real number (万亿亿亿…)
            continue
        found.append((flat[0].start, flat[-1].end, readings))
    return found


def _lone_ten(run: list[_Token], lang: str) -> bool:
    return primary(lang) in ("zh", "ja") and len(run) == 1 and run[0].value == 10


_DIGIT = re.compile(r"\d")


def _numberless(text: str, lang: str) -> bool:
    """Whether ``text`` surely holds no number: it has no digit of any script, and it is not
    Chinese or Japanese, whose numerals are characters. Every number, clock time and range
    the patterns below read has a digit (a scale word alone is no number), so these texts, a
    news article's most, skip them: ``build`` and ``check`` ask of every entry."""
    return primary(lang) not in ("zh", "ja") and _DIGIT.search(text) is None


def values(text: str, lang: str) -> set[Decimal]:
    """Every value a number in ``text`` (written in ``lang``) can be read as."""
    if _numberless(text, lang):
        return set()
    text = _RANGE.sub("  ", normalise_digits(text))
    return {v.normalize() for _, _, readings in _runs(text, lang) for v in readings}


def quantities(text: str, lang: str = "en") -> list[Quantity]:
    """The numbers of a source sentence, each with the values a translation may render it as.

    A clock time ("3.30pm") asks for its hour (3, or 15) and its minutes (30), or 3.30 as
    written.
    """
    if _numberless(text, lang):
        return []
    text = _RANGE.sub("  ", normalise_digits(text))
    found: list[Quantity] = []
    for match in TIME.finditer(text):
        hour, minute, half = int(match.group(1)), match.group(2), match.group(3).lower()
        as_written = {Decimal(f"{hour}.{minute}")} if minute else set()
        hours = {Decimal(hour)} | ({Decimal(hour + 12)} if half == "p" and hour < 12 else set())
        found.append(Quantity(match.group().strip(), frozenset(hours | as_written)))
        if minute and minute != "00":
            found.append(Quantity(match.group().strip(), frozenset({Decimal(minute)} | as_written)))
    text = TIME.sub(lambda m: " " * len(m.group()), text)
    for start, end, readings in _runs(text, lang):
        found.append(Quantity(text[start:end], frozenset({readings[0].normalize()})))
    unique: dict[tuple[str, frozenset[Decimal]], Quantity] = {}
    for quantity in found:
        unique.setdefault((quantity.text, quantity.values), quantity)
    return list(unique.values())


def months(text: str) -> list[Quantity]:
    """English month names in dates ("Nov 1", "1 November"), as month numbers."""
    found = []
    for match in DATE.finditer(text):
        name = match.group("before") or match.group("after")
        number = MONTHS.index(name[:3].lower()) + 1
        found.append(Quantity(name, frozenset({Decimal(number)})))
    return found


def missing(source: str, target: str, lang: str, source_lang: str = "en") -> list[Quantity]:
    """The source's numbers that the target does not render (extra target numbers are fine);
    into Korean, Chinese and Japanese, the month of an English date too ("Nov 1" → 11월)."""
    return judge(source, target, lang, source_lang)[0]


def judge(
    source: str, target: str, lang: str, source_lang: str = "en"
) -> tuple[list[Quantity], list[Quantity]]:
    """The source's numbers the target surely lacks, and those it has only as a Chinese
    numeral inside a word (二进制 for 2: perhaps not the number at all). A number the target
    writes as a word ("하나의 인자" for 1 argument, 双字节 for 2-byte, dua) is rendered."""
    wanted = quantities(source, source_lang)
    if primary(source_lang) == "en" and primary(lang) in NUMBERED_MONTHS:
        wanted += months(source)
    if not wanted:
        return [], []
    sure = values(_blank_word_numerals(target, lang), lang)
    words = number_words(target, lang, radix=bool(RADIX_SOURCE.search(source)))
    loose: set[Decimal] | None = None
    lacking, unsure = [], []
    for q in wanted:
        if q.values & sure or q.values & words or _as_written(q.text, target):
            continue
        loose = values(target, lang) if loose is None else loose
        (unsure if q.values & loose else lacking).append(q)
    return lacking, unsure


# A digit followed by one of these is another number ("5亿" is not 5).
_SCALE_CHARS = "".join(
    sorted(
        {c for words in SCALES.values() for w in words for c in w if not c.isascii()}
        | {c for fillers in FILLERS.values() for c in fillers if c != "|"}
    )
)


def _as_written(text: str, target: str) -> bool:
    """Does ``target`` keep ``text`` (a number, a month name) exactly as the source writes it
    ("95 million", "Feb" left in English), not inside a longer number or Latin word (a
    particle may follow: "November에")?"""
    pattern = r"(?<![0-9A-Za-z.,])" + re.escape(text) + rf"(?![0-9A-Za-z{_SCALE_CHARS}]|[.,][0-9])"
    return re.search(pattern, normalise_digits(target)) is not None


def _blank_word_numerals(text: str, lang: str) -> str:
    """``text`` with the Chinese numerals that stand inside a word blanked out."""
    if primary(lang) not in ("zh", "ja") or not _NUMERAL_RUN.search(text):
        return text

    def blank(match: re.Match[str]) -> str:
        start, end = match.span()
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        after_word = bool(_HAN.match(after)) and after not in CLASSIFIERS
        before_word = bool(_HAN.match(before)) and before not in BEFORE_NUMERAL
        inside = after_word or (before_word and after not in CLASSIFIERS)
        ordinal = before == "第"  # 第三版 is "the third edition": the number stands
        return "□" * (end - start) if inside and not ordinal else match.group()

    return _NUMERAL_RUN.sub(blank, text)


def number_words(text: str, lang: str, radix: bool = False) -> set[Decimal]:
    """The values of small numbers written as words in ``text`` (하나, 두 개, 双, dua), and of
    number bases written as words (십진, 十进制) where ``radix``."""
    code = primary(lang)
    found = set()
    table = NUMBER_WORDS.get(code, {})
    if table:
        for match in _number_word_pattern(code).finditer(text):
            found.add(Decimal(table[match.group("word").lower()]))
    if radix:
        found.update(Decimal(v) for w, v in RADIX_WORDS.get(code, {}).items() if w in text)
    return found


@cache
def _number_word_pattern(code: str) -> re.Pattern[str]:
    words = "|".join(sorted(NUMBER_WORDS[code], key=len, reverse=True))
    if code == "ko":
        return re.compile(
            rf"(?<![\uac00-\ud7a3])(?P<word>{words})"
            rf"(?=[^\uac00-\ud7a3]|$|(?:{_KO_AFTER_NUMBER}))"
        )
    if code in ("zh", "ja"):
        return re.compile(rf"(?P<word>{words})")
    return re.compile(rf"(?<![^\W\d_])(?P<word>{words})(?![^\W\d_])", re.IGNORECASE)
