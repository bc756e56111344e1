"""Checks of what a translation keeps of its source as it is: the whitespace at its ends, its
accelerator, the markup vocabulary of a help catalog, the labels its ``<gui>`` elements name,
and both ends of each number range.

Each function takes a (source, translation) pair, or an entry, and the catalog's context, and
returns messages; ``pipeline.checks.CHECKS`` declares them. Every pattern here runs in time
linear in the text (``tests/test_linear.py``).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import polib

from pipeline import numbers

if TYPE_CHECKING:
    from pipeline.checks import Context

# Full-width marks that carry their own spacing: "Size: " → "大小：" keeps the space's role.
WIDE_MARKS = frozenset("：，。；！？、）」』】》")


def _ends(text: str) -> tuple[str, str, str]:
    """(leading whitespace, body, trailing whitespace) of ``text``."""
    body = text.strip()
    if not body:
        return text, "", ""
    start = text.index(body[0])
    return text[:start], body, text[start + len(body) :]


def _blank_lines(space: str) -> int:
    return space.count("\n")


# A Korean particle that starts a translation (" is not a folder" → "은(는) 폴더가 아닙니다")
# attaches to the word the program prints before it: no space between is right.
KOREAN_PARTICLE = re.compile(
    r"(?:은\(는\)|는\(은\)|이\(가\)|가\(이\)|을\(를\)|를\(을\)|와\(과\)|과\(와\)|\(으\)로"
    r"|으로|에서|에게|까지|부터|[은는을를의에로와과도만])(?![\uac00-\ud7af])"
)


def check_whitespace(source: str, target: str, ctx: Context) -> list[str]:
    """Whitespace at either end of the source lost (``'Verify '`` → ``'Tentusah'``: what the
    program prints next is glued to the word), or line breaks at either end lost or added
    (a ``--help`` text's trailing blank line), a space added before the final line break, a
    space lost between the items of a usage line. Spaces the translation adds at its ends are
    reported by ``punctuation``; a full-width mark (``：``) stands for the space after it,
    and a Korean particle that starts the translation attaches to what precedes it."""
    if not source.strip() or not target.strip():
        return []
    (s_lead, _, s_trail), (t_lead, t_body, t_trail) = _ends(source), _ends(target)
    problems = []
    if s_lead and not t_lead and not (ctx.script == "ko" and KOREAN_PARTICLE.match(t_body)):
        problems.append(f"the source starts with {s_lead!r}, the translation does not")
    if s_trail and not t_trail and t_body[-1] not in WIDE_MARKS:
        problems.append(f"the source ends with {s_trail!r}, the translation does not")
    for where, s, t in (("start", s_lead, t_lead), ("end", s_trail, t_trail)):
        if s and t and _blank_lines(s) != _blank_lines(t):
            problems.append(
                f"{_blank_lines(s)} line break(s) at the {where} of the source, "
                f"{_blank_lines(t)} in the translation"
            )
    if "\n" in s_trail and re.match(r"[ \t]+\n", t_trail) and not re.match(r"[ \t]", s_trail):
        problems.append("a space before the final line break that the source lacks")
    glued = len(USAGE_GAP.findall(source)) > len(USAGE_GAP.findall(target))
    if glued and USAGE_GLUED.search(target):
        problems.append("a space between the items of a usage line lost ('...[FILE]')")
    return problems


# The items of a usage line: "[OPTION]... [FILE]...", "[OPTION]... FILE1 FILE2".
USAGE_GAP = re.compile(r"(?<=[\]A-Z])\.\.\.[ \t]+(?=[\[A-Z])")
USAGE_GLUED = re.compile(r"(?<=[\]A-Z])\.\.\.(?=[\[A-Z])")


# A C directive at an end of a text, with the whitespace that separates it from what the
# program prints before or after: " %s", "%s ", "%d: " is no such.
_C_DIRECTIVE = (
    r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|Z|t)?"
    r"[diouxXeEfFgGaAcsSp]"
)
_LEAD_SPACE = re.compile(rf"^([ \t]+)(?={_C_DIRECTIVE})")
_ENDS_IN_DIRECTIVE = re.compile(rf"{_C_DIRECTIVE}[ \t]+$")


def check_directive_space(entry: polib.POEntry, ctx: Context) -> list[str]:
    """In a ``c-format`` entry, a space between a directive and an end of the text that the
    translation loses (``" %s"`` → ``"%s"``, ``"%s "`` → ``"%s"``): the printed value is glued
    to what the program prints next to it."""
    if "c-format" not in entry.flags:
        return []
    problems = []
    for source, target in _pairs(entry):
        if not target.strip():
            continue
        if _LEAD_SPACE.match(source) and not target[:1].isspace():
            problems.append("the space before the directive that starts the source is lost")
        if _ENDS_IN_DIRECTIVE.search(source) and not target[-1:].isspace():
            problems.append("the space after the directive that ends the source is lost")
    return problems


def _pairs(entry: polib.POEntry) -> list[tuple[str, str]]:
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)]
    forms = sorted((int(k), v) for k, v in entry.msgstr_plural.items())
    return [(entry.msgid if i == 0 else entry.msgid_plural, text) for i, text in forms]


# Accelerator marks: GTK's "_Save", Qt's and Windows' "&Save", LibreOffice's "~Save". A mark
# starts a word (or follows a lower-case letter: "Sa_ve"), is followed by a letter or a digit,
# and is the only one of its kind in the text ("file_name", "AT&T", "~/path" are none).
ACCELERATOR = {
    "_": re.compile(r"(?:^|(?<=[\s(\[\"“'a-z]))_(?=[^\W_])"),
    "&": re.compile(r"(?:^|(?<=[\s(\[\"“'a-z]))&(?=[^\W_])(?![#\w]+;)"),
    "~": re.compile(r"(?:^|(?<=[\s(\[\"“'a-z]))~(?=[^\W_])"),
}


def accelerator(text: str) -> str | None:
    """The accelerator mark of a label (``_``, ``&`` or ``~``), where it has one."""
    for mark, pattern in ACCELERATOR.items():
        if text.count(mark) == 1 and pattern.search(text):
            return mark
    return None


def check_accelerator(source: str, target: str, ctx: Context) -> list[str]:
    """A label's accelerator (``Do not _split words``) that the translation lost: the
    translation has the mark before a letter or digit (``拆分(_S)``), anywhere."""
    mark = accelerator(source)
    if mark is None or re.search(rf"{re.escape(mark)}[^\W_]", target):
        return []
    return [f"the accelerator {mark!r} of the source is not in the translation"]


# Markup in help catalogs (Mallard, DocBook, HTML): a start, end or empty tag, its name.
TAG = re.compile(r"</?([A-Za-z][\w.:-]{0,40})(?:\s[^<>]{0,500})?/?>")
# Elements whose text names a part of the program's interface: translated as the program's
# translation has it, not left in English.
GUI_ELEMENTS = frozenset(
    {"gui", "guilabel", "guibutton", "guimenu", "guimenuitem", "guisubmenu", "guiicon"}
)
# Elements whose text is code, kept as it is in any language.
CODE_ELEMENTS = frozenset(
    {
        "code",
        "cmd",
        "command",
        "input",
        "output",
        "screen",
        "sys",
        "var",
        "file",
        "filename",
        "key",
        "keycap",
        "literal",
        "userinput",
        "computeroutput",
        "replaceable",
        "envar",
        "option",
        "parameter",
        "tt",
        "kbd",
        "samp",
        "pre",
    }
)


# The extracted comment itstool gives an entry whose text is a code element of a help page.
ITSTOOL_CODE = re.compile(
    r"\(itstool\) path: \S*/(?:code|cmd|command|input|output|screen|sys|var|userinput|"
    r"computeroutput|programlisting|literal|envar|option|filename|file)(?:\[\d+\])?\s*$",
    re.MULTILINE,
)
_CODE_ELEMENT = re.compile(r"<(\w+)(?:\s[^<>]{0,500})?>[^<>]{0,2000}</\1>")


def without_code(text: str) -> str:
    """``text`` with the content of its code elements (``<code>…</code>``, ``<cmd>``, …)
    blanked out: a command keeps its English."""
    if "</" not in text:
        return text
    return _CODE_ELEMENT.sub(lambda m: " " if m.group(1) in CODE_ELEMENTS else m.group(), text)


def tag_names(text: str) -> list[str]:
    """The element names of the tags in ``text``, in order (numbered tags are not elements)."""
    return [m.group(1) for m in TAG.finditer(text)] if "<" in text else []


def check_tags(source: str, target: str, ctx: Context) -> list[str]:
    """Elements the translation uses that the source does not, in a text with markup
    (``<guibutton>`` in a Mallard page whose source says ``<gui>``): not valid where the
    catalog's markup language has no such element. (``html`` reports HTML elements.)"""
    from pipeline.checks import HTML_ELEMENTS

    theirs = set(tag_names(source))
    if not theirs or "</" not in source:
        return []  # "<internal>", "<file>" alone are words in brackets, not markup
    added = [n for n in dict.fromkeys(tag_names(target)) if n not in theirs]
    added = [n for n in added if n.lower() not in HTML_ELEMENTS or n.lower() in GUI_ELEMENTS]
    return [f"<{name}> is not an element of the source's markup" for name in added]


def _element_texts(text: str, names: frozenset[str]) -> list[str]:
    """The texts inside the elements ``names`` (no nested markup), in order."""
    pattern = re.compile(r"<(\w+)(?:\s[^<>]{0,500})?>([^<>]{1,200})</\1>")
    return [m.group(2) for m in pattern.finditer(text) if m.group(1) in names]


_MARKED = re.compile("[<\"“'‘]|&quot;")  # markup or a quotation: what the check reads


def check_gui_labels(source: str, target: str, ctx: Context) -> list[str]:
    """An interface label inside ``<gui>`` (or DocBook's ``<guibutton>`` …), or a label of the
    catalog that the source quotes (``See the &quot;Help&quot; page``, where the catalog
    translates ``_Help``), left in English in a translation into another script whose text
    around it is translated: the reader looks for the label the program shows in their
    language."""
    if ctx.script not in ("ko", "zh", "ja") or not _MARKED.search(source):
        return []
    from pipeline.checks import HAN, HANGUL, KANA, quoted_labels

    script = {"ko": HANGUL, "zh": HAN, "ja": KANA}[ctx.script]
    kept: list[str] = []
    if "<" in source and script.search(re.sub(r"<[^<>]*>[^<>]*</[^<>]*>", " ", target)):
        labels = _element_texts(source, GUI_ELEMENTS)
        kept = [
            label
            for label in _element_texts(target, GUI_ELEMENTS)
            if label in labels and re.search(r"[a-z]{2}", label) and not script.search(label)
        ]
    problems = [f"the label {label!r} is left in English" for label in dict.fromkeys(kept)]
    # a quoted label is capitalised ("Help"); a quoted lower-case word is a value ("index")
    for label, translation in quoted_labels(source, ctx):
        if label in kept or not label[0].isupper() or translation in target:
            continue
        pattern = rf"(?<![\w-]){re.escape(label)}(?![\w-])"
        if re.search(pattern, target) and script.search(re.sub(pattern, " ", target)):
            problems.append(
                f"the label {label!r} is left in English (this catalog translates it as "
                f"{translation!r})"
            )
    return problems


# A range of two numbers: "01..12", "3-9", "1–5"; the same in a translation also with "~",
# "～", "至", "到" between.
SOURCE_RANGE = re.compile(r"(?<![\w.])(\d+) ?(?:\.\.|[-–]) ?(\d+)(?![\w.])")
TARGET_RANGE = re.compile(r"(?<![\w.])(\d+) ?(?:\.\.|[-–~～至到]|から) ?(\d+)(?![\d.])")


def check_ranges(source: str, target: str, ctx: Context) -> list[str]:
    """A range of the source (``01..12``) that the translation, which writes ranges with
    digits too, does not have with both its ends (``00-12``), though each end may appear
    elsewhere in the entry (``numbers`` is satisfied by those)."""
    if "-" not in source and ".." not in source and "–" not in source:
        return []
    src = numbers.normalise_digits(source)
    tgt = numbers.normalise_digits(target)
    wanted = [(int(m.group(1)), int(m.group(2)), m.group()) for m in SOURCE_RANGE.finditer(src)]
    wanted = [w for w in wanted if w[0] < w[1]]  # "2023-10" or "1-0" is no range
    if not wanted:
        return []
    have = {(int(a), int(b)) for a, b in TARGET_RANGE.findall(tgt)}
    if not have:
        return []  # ranges written otherwise ("1월부터 12월까지"): numbers judges them
    present = {int(n) for n in re.findall(r"\d+", tgt)}
    return [
        f"the range {text!r} is not in the translation with both its ends"
        for low, high, text in dict.fromkeys(wanted)
        if (low, high) not in have and {low, high} <= present  # else ``numbers`` says it
    ]
