"""Offline machine translation: batched CTranslate2 decoding of an Argos Translate package
(``pipeline.packages`` finds and installs them). We drive ``ctranslate2`` and the package's
tokenizer (``pipeline.tokenizers``) directly: ``argostranslate.translate`` costs seconds to
import, splits sentences again (downloading a splitter, so it fails offline) and its decoder
turns ``_`` into spaces. What the model must not touch is masked first (``pipeline.masking``).

What the model's ``config.json`` asks for (``add_source_bos`` with a ``bos_token`` such as
``>>cmn_Hans<<``, a ``decoder_start_token``) CTranslate2 applies itself; a ``target_prefix``
from ``metadata.json`` (NLLB-style packages) is forced as the first target token here and
taken off the draft.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from pipeline.errors import L10nError
from pipeline.packages import Package

ENGINE = "argos"


# ---- guarding against runaway output -----------------------------------------------------


def max_decoding_length(source_tokens: int) -> int:
    """The longest draft we let the model write for a source of ``source_tokens`` tokens."""
    return 2 * source_tokens + 10


def _longest_run(tokens: Sequence[str], max_phrase: int = 6) -> tuple[int, tuple[str, ...]]:
    """The most consecutive repeats of any phrase of up to ``max_phrase`` tokens that holds a
    letter (runs of digits or punctuation, as in 1000000, are normal)."""
    best: tuple[int, tuple[str, ...]] = (1, ())
    n_tokens = len(tokens)
    for size in range(1, max_phrase + 1):
        for start in range(min(size, n_tokens)):
            run, i = 1, start
            while i + 2 * size <= n_tokens:
                if tokens[i : i + size] == tokens[i + size : i + 2 * size]:
                    run += 1
                    phrase = tuple(tokens[i : i + size])
                    if run > best[0] and any(c.isalpha() for c in "".join(phrase)):
                        best = (run, phrase)
                else:
                    run = 1
                i += size
    return best


def degenerate(source: Sequence[str], output: Sequence[str], limit: int) -> str | None:
    """Why ``output`` (tokens) looks like a decoding failure, or None when it looks sane."""
    if len(output) >= limit:
        return f"draft ran to the length limit ({limit} tokens)"
    run, phrase = _longest_run(output)
    source_run, _ = _longest_run(source)
    if run >= 4 and run > source_run + 1:
        return f"draft repeats {''.join(phrase).replace('▁', ' ').strip()!r} {run} times"
    return None


# ---- decoding ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """A model's output for one source text: the (masked) draft, its score, or a problem."""

    text: str
    score: float | None = None
    problem: str | None = None


@dataclass(frozen=True)
class Settings:
    """Decoding settings. ``batch_tokens`` bounds the source tokens of a batch.

    The first pass decodes as the model would on its own (a ban on repeated n-grams also
    breaks legitimate repeats, such as a name written twice); only a draft that fails the
    degenerate check is decoded again under the ``retry_*`` repetition controls.
    """

    beam_size: int = 4
    batch_tokens: int = 2048
    compute_type: str = "int8"
    device: str = "auto"  # "cpu", "cuda", or "auto": CUDA where CTranslate2 sees a GPU
    inter_threads: int = 1  # batches decoded at once (one per GPU, or CPU core groups)
    intra_threads: int = 0  # threads per batch on the CPU; 0: every core this process may use
    length_penalty: float = 0.2
    max_input_length: int = 1024
    retry_no_repeat_ngram_size: int = 4
    retry_repetition_penalty: float = 1.2

    def memory_key(self, version: str) -> str:
        """What the translation memory files a package version's drafts under: the version,
        plus the settings that change a draft when they differ from the defaults (so a draft
        decoded with ``--beam-size 1`` is not served to a later run with beam 4)."""
        default = Settings()
        changed = [
            f"{name}={getattr(self, name)}"
            for name in ("beam_size", "compute_type", "length_penalty")
            if getattr(self, name) != getattr(default, name)
        ]
        return " ".join([version, *changed])


def resolve_device(wanted: str) -> str:
    """The device to decode on: ``wanted``, or for "auto" CUDA when CTranslate2 sees a GPU
    (``ARGOS_DEVICE_TYPE=cpu|cuda`` decides, as it does for Argos Translate), else the CPU."""
    if wanted != "auto":
        return wanted
    chosen = os.environ.get("ARGOS_DEVICE_TYPE", "")
    if chosen in ("cpu", "cuda"):
        return chosen
    import ctranslate2

    try:
        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    except RuntimeError:  # a build without CUDA
        return "cpu"


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def batches(lengths: Sequence[int], batch_tokens: int) -> list[list[int]]:
    """Indices grouped into batches as CTranslate2 groups one big call: longest first, each
    batch holding at most ``batch_tokens`` source tokens (a longer text gets a batch alone).

    Deciding the batches here rather than in CTranslate2 lets each batch get its own
    ``max_decoding_length`` and its drafts be saved as soon as it is done.
    """
    order = sorted(range(len(lengths)), key=lambda i: (-lengths[i], i))
    groups: list[list[int]] = []
    current: list[int] = []
    size = 0
    for i in order:
        if current and size + lengths[i] > batch_tokens:
            groups.append(current)
            current, size = [], 0
        current.append(i)
        size += lengths[i]
    if current:
        groups.append(current)
    return groups


class Encoder:
    """A package's tokenizer, and how a list of texts is cut into batches for its model: what
    decoding needs before the model. ``Translator`` decodes the batches here; the workers of a
    Ray cluster (``pipeline.cluster``) decode the same batches elsewhere."""

    def __init__(self, package: Package, settings: Settings = Settings()):
        from pipeline import tokenizers

        self.package = package
        self.settings = settings
        config = package.model_config()
        # the tokens CTranslate2 adds to every source: </s>, and the bos token if asked
        self.added_tokens = 1 + bool(config.get("add_source_bos"))
        # the model's table of positions, where it has one (512 rows: a source or a draft
        # longer than that fails the whole batch it is in)
        self.positions = package.model_positions()
        try:
            self.tokenizer = tokenizers.load(package.tokenizer, package.from_code, package.to_code)
        except (RuntimeError, ValueError, OSError) as exc:
            raise L10nError(f"cannot load the tokenizer: {exc}", package.tokenizer) from None

    def encode(self, texts: Sequence[str]) -> list[list[str]]:
        return [self.tokenizer.encode(text) for text in texts]

    def translate(
        self,
        texts: Sequence[str],
        on_batch: Callable[[list[int], list[Draft]], None] | None = None,
    ) -> list[Draft]:
        """Drafts for ``texts``, in their order. Texts are sorted by length and decoded in
        batches; ``on_batch(indices, drafts)`` runs after each batch (to save progress)."""
        tokens = self.encode(texts)
        drafts: list[Draft | None] = [None] * len(texts)
        limit_in = min(self.settings.max_input_length, self.positions or 1 << 30)
        limit_in -= self.added_tokens
        too_long = [i for i, t in enumerate(tokens) if len(t) > limit_in]
        for i in too_long:
            drafts[i] = Draft(
                "", None, f"sentence too long for the model ({len(tokens[i])} tokens)"
            )
        todo = [i for i in range(len(texts)) if drafts[i] is None]
        groups = [
            [todo[g] for g in group]
            for group in batches([len(tokens[i]) for i in todo], self.settings.batch_tokens)
        ]
        for indices, done in self.decode_batches(tokens, groups):
            for i, draft in zip(indices, done):
                drafts[i] = draft
            if on_batch is not None:
                on_batch(indices, done)
        return [d for d in drafts if d is not None]

    def decoding_limit(self, source_tokens: int) -> int:
        """``max_decoding_length``, and no more steps than the model has positions for."""
        limit = max_decoding_length(source_tokens)
        return min(limit, self.positions) if self.positions else limit

    def decode_batches(
        self, tokens: list[list[str]], groups: list[list[int]]
    ) -> Iterator[tuple[list[int], list[Draft]]]:
        """(indices, drafts) of each batch of ``groups`` (indices into ``tokens``), each
        batch once, in any order."""
        raise NotImplementedError


class Translator(Encoder):
    """One package's model and tokenizer, loaded once; translates lists of texts in batches."""

    def __init__(self, package: Package, settings: Settings = Settings()):
        import ctranslate2

        self.device = resolve_device(settings.device)
        self.threads = (settings.inter_threads, settings.intra_threads or cores())
        super().__init__(package, settings)
        try:
            self.model = ctranslate2.Translator(
                str(package.model_dir),
                device=self.device,
                compute_type=settings.compute_type,
                inter_threads=self.threads[0],
                intra_threads=self.threads[1],
            )
        except (RuntimeError, ValueError, OSError) as exc:
            raise L10nError(f"cannot load the model: {exc}", package.model_dir) from None

    def decode(self, tokens: Sequence[str]) -> str:
        """The draft text of a hypothesis, without the target prefix."""
        prefix = self.package.target_prefix
        if prefix and tokens and tokens[0] == prefix:
            tokens = tokens[1:]
        return self.tokenizer.decode(list(tokens)).strip()

    def translate_tokens(
        self, batch: Sequence[Sequence[str]], repetition_controls: bool = False
    ) -> list[tuple[list[str], float]]:
        """One ``translate_batch`` call: best hypothesis tokens and score per input."""
        s = self.settings
        longest = max(len(tokens) for tokens in batch)
        prefix = self.package.target_prefix
        controls = {}
        if repetition_controls:
            controls = {
                "no_repeat_ngram_size": s.retry_no_repeat_ngram_size,
                "repetition_penalty": s.retry_repetition_penalty,
            }
        results = self.model.translate_batch(
            [list(tokens) for tokens in batch],
            target_prefix=[[prefix]] * len(batch) if prefix else None,
            max_batch_size=s.batch_tokens,
            batch_type="tokens",
            beam_size=s.beam_size,
            length_penalty=s.length_penalty,
            max_decoding_length=self.decoding_limit(longest) + (1 if prefix else 0),
            max_input_length=s.max_input_length,
            replace_unknowns=True,
            return_scores=True,
            **controls,
        )
        return [(r.hypotheses[0], r.scores[0]) for r in results]

    def _drafts(self, tokens: list[list[str]], indices: list[int]) -> list[Draft]:
        """Decode one batch; re-decode degenerate drafts under repetition controls. Where
        the model fails on the batch (CTranslate2 raises), each text is decoded alone, and
        one it fails on alone gets no draft, with the model's reason: the others' drafts
        are kept. Where it fails on every one alone, for a reason other than a length (a
        position it has no encoding for), the run stops with that reason."""
        try:
            outputs = self.translate_tokens([tokens[i] for i in indices])
        except RuntimeError as exc:
            if len(indices) == 1:
                return [Draft("", None, f"the model failed on it: {exc}")]
            alone = [d for i in indices for d in self._drafts(tokens, [i])]
            failed = [d.problem for d in alone if (d.problem or "").startswith("the model failed")]
            if len(failed) == len(alone) and not all("position" in p for p in failed):
                # (not one sentence's length: the model fails on everything, out of memory)
                raise L10nError(f"the model failed: {exc}") from None
            return alone
        problems = [
            degenerate(tokens[i], out, self.decoding_limit(len(tokens[i])))
            for i, (out, _) in zip(indices, outputs)
        ]
        retry = [k for k, problem in enumerate(problems) if problem]
        if retry:
            try:
                again = self.translate_tokens([tokens[indices[k]] for k in retry], True)
            except RuntimeError:  # (the drafts of the first pass stand, with their problems)
                again = []
            for k, (out, score) in zip(retry, again):
                i = indices[k]
                if not degenerate(tokens[i], out, self.decoding_limit(len(tokens[i]))):
                    outputs[k], problems[k] = (out, score), None
        return [
            Draft(self.decode(out), round(score, 4), problem)
            for (out, score), problem in zip(outputs, problems)
        ]

    def decode_batch(self, batch: Sequence[Sequence[str]]) -> list[Draft]:
        """The drafts of one batch of token lists (what a cluster's worker is asked for)."""
        return self._drafts([list(tokens) for tokens in batch], list(range(len(batch))))

    def decode_batches(self, tokens: list[list[str]], groups: list[list[int]]):
        """(indices, drafts) of each batch, in order. With ``inter_threads`` above 1 the
        batches are submitted together, so CTranslate2 decodes that many at once (one per GPU
        or CUDA stream, or per group of CPU cores); the drafts are the same either way."""
        workers = self.threads[0]
        if workers <= 1 or len(groups) <= 1:
            for indices in groups:
                yield indices, self._drafts(tokens, indices)
            return
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(self._drafts, tokens, indices) for indices in groups]
            try:
                for indices, future in zip(groups, futures):
                    yield indices, future.result()
            finally:
                for future in futures:
                    future.cancel()
