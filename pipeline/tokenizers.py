"""The tokenizers of Argos packages, which turn a sentence into the model's tokens and its
output tokens back into text.

- SentencePiece (``sentencepiece.model``). A package trained by Argos shares one model between
  source and target; an OPUS-MT conversion ships only the source side, so most of the pieces
  its model writes are unknown to that file. Known pieces are decoded by ``sentencepiece``
  itself (underscores in URLs and masking sentinels survive, as they would not through
  argostranslate's decoder); unknown pieces are text: ``▁`` is a space, byte pieces
  (``<0xE2>``) are bytes, specials (``</s>``) are dropped.
- BPE (``bpe.model``: Moses tokenisation and subword-nmt codes, ``@@ `` joiners), as older
  OPUS-MT conversions ship: argostranslate's own ``BPETokenizer`` (sacremoses and its
  ``apply_bpe``).

Both import their libraries when a package is loaded, never when this module is.
"""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Sequence
from pathlib import Path

# The files a package's tokenizer may be, in the order Argos looks for them.
FILES = {"sentencepiece.model": "sentencepiece", "bpe.model": "bpe"}
SPECIALS = frozenset({"<s>", "</s>", "<pad>", "<blank>"})
BYTE_PIECE = re.compile(r"<0x([0-9A-Fa-f]{2})>")


class SentencePiece:
    """A SentencePiece model; decodes pieces it does not know as well as those it does."""

    kind = "sentencepiece"

    def __init__(self, path: Path):
        import sentencepiece

        self.processor = sentencepiece.SentencePieceProcessor(model_file=str(path))
        self.unknown_id = self.processor.unk_id()

    def encode(self, text: str) -> list[str]:
        return self.processor.encode(text, out_type=str)

    def known(self, piece: str) -> bool:
        """Whether the model has ``piece`` (its own ``<unk>`` included)."""
        return self.processor.piece_to_id(piece) != self.unknown_id or piece == "<unk>"

    def decode(self, pieces: Sequence[str]) -> str:
        """The text of ``pieces``: runs of known pieces through ``sentencepiece``, the others
        by ``unknown_text``."""
        parts: list[str] = []
        start = 0
        while start < len(pieces):
            known = self.known(pieces[start])
            end = start + 1
            while end < len(pieces) and self.known(pieces[end]) == known:
                end += 1
            run = list(pieces[start:end])
            if not known:
                parts.append(unknown_text(run))
            else:
                # sentencepiece drops the space of a text's first piece, not just this run's
                space = " " if parts and run[0].startswith("▁") else ""
                parts.append(space + self.processor.decode_pieces(run))
            start = end
        return "".join(parts)


def unknown_text(pieces: Sequence[str]) -> str:
    """The text of pieces a SentencePiece model does not know: ``▁`` is a space, a run of
    byte pieces is UTF-8 (a broken sequence becomes U+FFFD), specials are dropped."""
    parts: list[str] = []
    held = bytearray()
    for piece in pieces:
        byte = BYTE_PIECE.fullmatch(piece)
        if byte:
            held.append(int(byte.group(1), 16))
            continue
        if held:
            parts.append(held.decode("utf-8", "replace"))
            held.clear()
        if piece not in SPECIALS:
            parts.append(piece.replace("▁", " "))
    if held:
        parts.append(held.decode("utf-8", "replace"))
    return "".join(parts)


class Bpe:
    """A subword-nmt BPE model with Moses (de)tokenisation, through argostranslate."""

    kind = "bpe"

    def __init__(self, path: Path, from_code: str, to_code: str):
        from argostranslate.tokenizer import BPETokenizer

        self.tokenizer = BPETokenizer(path, from_code, to_code)
        # A bad file fails now, not at the first sentence; apply_bpe reports a bad line on
        # stderr and exits, which is an error of the package here.
        with contextlib.redirect_stderr(io.StringIO()) as said:
            try:
                self.tokenizer.lazy_load()
            except SystemExit:
                lines = said.getvalue().splitlines()
                raise ValueError(lines[0] if lines else "not a BPE codes file") from None

    def encode(self, text: str) -> list[str]:
        return self.tokenizer.encode(text)

    def decode(self, tokens: Sequence[str]) -> str:
        return self.tokenizer.decode([t for t in tokens if t not in SPECIALS])


def load(path: Path, from_code: str, to_code: str) -> SentencePiece | Bpe:
    """The tokenizer in ``path`` (``sentencepiece.model`` or ``bpe.model``)."""
    if FILES.get(path.name) == "bpe":
        return Bpe(path, from_code, to_code)
    return SentencePiece(path)
