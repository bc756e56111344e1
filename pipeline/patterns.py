"""Text a translation carries over unchanged: URLs, e-mail addresses and MT sentinels.

The MT masker (``pipeline.mt``) hides these from the model and puts them back; the placeholder
check (``pipeline.qa``) looks for each of the source's in the translation. Both use these
patterns, so they agree on where a URL or an address ends.

Where a URL ends: at a space, a quotation mark, an angle bracket or CJK punctuation; a
parenthesis belongs to the URL only as a balanced pair inside it (Wikipedia's
``…/Seoul_(city)``), so the ``)`` of "(see https://example.com/a)" does not; nor does the
punctuation of the sentence around it (``.`` ``,`` ``;`` ``:`` ``!`` ``?`` ``'`` ``]`` ``}``
at the end).

Every pattern here takes time linear in the length of the text it searches, whatever its
shape (``tests/test_linear.py``).
"""

from __future__ import annotations

import re

# Characters of a URL: not space, quotes, angle brackets, parentheses (balanced pairs are
# matched as a unit) or full-width punctuation.
_URL_CHAR = r"[^\s<>\"“”‘’()（）。，、；：！？「」『』【】《》]"
# ... and those a URL may end with: not the punctuation of the sentence it stands in.
_URL_END = r"[^\s<>\"“”‘’()（）。，、；：！？「」『』【】《》.,;:!?'\]}]"
# Steps of URL characters, each up to one a URL may end with or up to a balanced "(…)"; the
# steps are atomic, so the longest such run is found once and never tried again shorter.
# A URL may follow CJK text directly ("访问https://…"), not a Latin letter or digit.
URL = re.compile(
    rf"(?<![A-Za-z0-9_])(?:https?://|www\.)"
    rf"(?>(?:{_URL_CHAR}*(?:{_URL_END}|\({_URL_CHAR}*\)))+)"
)

# user.name+tag@example.co.kr: the local part starts where its run of characters starts (so
# "1.1.1.1…" with no "@" is read once), and the address ends in a letter-only top-level
# domain.
EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*"
    r"\.[A-Za-z]{2,}(?![A-Za-z0-9\-])"
)

# A character that continues a word: a glossary term is matched only as a whole word, never
# as part of a hyphenated compound ("President" in "Vice-President", "Korea" in
# "Korea-based"), by the masker and by the glossary check alike.
IN_WORD = r"[\w\u2010\u2011-]"

# What the masker puts in the place of protected text: ``{0}``, ``{1}``, …
SENTINEL = re.compile(r"\{\d+\}")

# What a tokenizer leaves in text it did not decode: SentencePiece's space mark ``▁`` and its
# unknown mark ``⁇``, ``<unk>`` and ``</s>``, byte pieces (``<0xE2>``), BPE's ``@@`` joiners
# (``mainstre@@ am``, ``mainstre@@``) and the target-language tokens of multilingual models
# (``>>cmn_Hans<<``).
DEBRIS = re.compile(r"[▁⁇]|</?unk>|</s>|<0x[0-9A-Fa-f]{2}>|(?<=\w)@@(?!\w)|>>[A-Za-z_]{2,16}<<")


def debris(text: str, source: str = "") -> list[str]:
    """The tokenizer debris in ``text`` that ``source`` does not have too, each once."""
    return [d for d in dict.fromkeys(DEBRIS.findall(text)) if d not in source]
