"""Decoding on a Ray cluster (``l10n translate --ray``).

A run drafts as it does locally (``pipeline.translate``): the translation memory and the
people's memory answer what they can, masking and glossary protection happen here, and the
distinct sentences left are cut into the batches a local run would make (``mt.Encoder``). Only
the decoding of each batch moves: a ``Cluster`` is the run's ``TranslatorFactory``, and its
workers (Ray actors, each holding one ``mt.Translator`` on its CPU threads or its GPU) decode
the batches with the local code (``Translator.decode_batch``: the same beam settings and
degenerate-draft retry). Each batch's drafts come back to this process as it finishes, go into
the translation memory (committed per batch) and fill the catalogs as a local run's do; the
same batches through the same code give the same drafts, so the catalogs written are the same
bytes.

No shared file system is assumed. The code reaches the workers as a Ray runtime env (this
``pipeline`` folder as ``py_modules``), the model as bytes in Ray's object store: a tar of
what decoding reads from the package, which a worker checks against its SHA-256 before it
unpacks it (into ``l10n-pipeline-models/<digest>`` in its node's temporary folder, shared by
the workers of that node) and refuses, in one line, when it does not match.

Faults: a worker that dies is restarted by Ray, and its batches retried on it
(``max_restarts``, ``max_task_retries``); a batch whose worker is gone for good goes to
another; each batch's drafts are taken once. Ctrl-C (or a head that goes away) keeps what was
decoded, which is in the memory: a rerun decodes the rest. ``ray`` is imported only here, and
only once something has to be decoded.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import socket
import tarfile
import tempfile
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from pipeline import mt
from pipeline.errors import L10nError
from pipeline.packages import Broken, Package, read_package

EXTRA = (
    "decoding on a Ray cluster needs the cluster extra (no module 'ray'): pip install '.[cluster]'"
)
RESTARTS = 3  # times Ray restarts a worker that died, retrying its batches on it
IN_FLIGHT = 2  # batches sent to a worker at once: one decoding, the next one waiting
MODELS = "l10n-pipeline-models"  # in a node's temporary folder: unpacked models, by digest


@dataclass(frozen=True)
class ClusterSettings:
    """Where and on what to decode: ``address`` as ``ray.init`` takes it (None: $RAY_ADDRESS,
    else the cluster this machine runs, else a new Ray instance on this machine; "auto",
    "HOST:6379", "ray://HOST:10001"); ``workers``: how many (0: one per GPU, or per ``cpus``
    CPUs, of the cluster); ``cpus``: CPU threads per worker that decodes on the CPU."""

    address: str | None = None
    workers: int = 0
    cpus: int = 1


def settings_for(
    table: dict | None,
    address: str | None = None,
    workers: int | None = None,
    cpus: int | None = None,
    local: bool = False,
) -> ClusterSettings | None:
    """Where a run decodes: on Ray with these settings, or None (in its own process).
    ``table``: ``[tool.l10n.ray]`` as the config holds it; ``address``: ``--ray`` (``""``
    when given without an address); ``workers``, ``cpus``: ``--ray-workers``,
    ``--ray-cpus``; ``local``: ``--no-ray``."""
    if local:
        return None
    if address is None and table is None:
        if workers or cpus:
            raise L10nError("--ray-workers and --ray-cpus go with --ray (or [tool.l10n.ray])")
        return None
    table = table or {}
    return ClusterSettings(
        address=address or table.get("address") or None,
        workers=workers or table.get("workers", 0),
        cpus=cpus or table.get("cpus", 1),
    )


def available() -> bool:
    """Whether ``ray`` can be imported (without importing it)."""
    import importlib.util

    try:
        return importlib.util.find_spec("ray") is not None
    except (ValueError, ImportError):
        return False


def require() -> None:
    """Refuse, in one line naming the extra, where ``ray`` is not installed."""
    if not available():
        raise L10nError(EXTRA)


# ---- the model, as bytes ------------------------------------------------------------------


def package_files(package: Package) -> list[str]:
    """What decoding reads from a package, relative to its folder, sorted: ``metadata.json``,
    the tokenizer and the files of ``model/`` (not ``stanza/`` and the like)."""
    model = [
        p.relative_to(package.path).as_posix()
        for p in package.model_dir.rglob("*")
        if p.is_file() and not p.is_symlink()
    ]
    return sorted(["metadata.json", package.tokenizer_file, *model])


def package_archive(package: Package) -> tuple[str, bytes]:
    """(SHA-256, bytes) of a tar of ``package_files``: the same files give the same bytes."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in package_files(package):
            path = package.path / name
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = path.stat().st_size, 0o644, 0
            with path.open("rb") as data:
                tar.addfile(info, data)
    data = buffer.getvalue()
    return hashlib.sha256(data).hexdigest(), data


def unpacked(digest: str, fetch: Callable[[], bytes], root: Path) -> Package:
    """The package whose archive has SHA-256 ``digest``, unpacked in ``root/<digest>``: taken
    from there where a worker of this node unpacked it already, else ``fetch()``-ed, checked
    against ``digest`` (a mismatch is refused) and unpacked (atomically: a folder is renamed
    into place)."""
    folder = root / digest
    if not folder.is_dir():
        data = fetch()
        got = hashlib.sha256(data).hexdigest()
        if got != digest:
            raise L10nError(
                f"worker on {socket.gethostname()}: the model's bytes have SHA-256 {got[:16]}…, "
                f"not {digest[:16]}… as sent; refused (run again)"
            )
        root.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=f".{digest[:16]}-", dir=root))
        try:
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                tar.extractall(scratch, filter="data")
            try:
                os.rename(scratch, folder)
            except OSError:  # another worker of this node was first
                if not folder.is_dir():
                    raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    found = read_package(folder)
    if isinstance(found, Broken):
        raise L10nError(f"worker on {socket.gethostname()}: {found.reason}", folder)
    return found


def runtime_env() -> dict:
    """What Ray gives every worker of a run: this ``pipeline`` folder (``py_modules``), so the
    workers run the code this process runs. Ray takes a local folder only in ``ray.init``: a
    program that starts Ray itself before a run passes this there."""
    return {"py_modules": [str(Path(__file__).resolve().parent)]}


# ---- a worker -----------------------------------------------------------------------------


class Worker:
    """What a Ray actor holds: one translator, for the package and settings of its last batch
    (a run drafts one language after another, so a worker changes model once per language)."""

    def __init__(self):
        self.key: tuple[str, mt.Settings] | None = None
        self.translator: mt.Translator | None = None

    def ready(self) -> str:
        return f"{socket.gethostname()} pid {os.getpid()}"

    def decode(
        self, digest: str, box: list, settings: mt.Settings, batch: list[list[str]]
    ) -> list[mt.Draft]:
        """The drafts of one batch of token lists; ``box`` holds the reference to the model's
        bytes in the object store (in a list, so that Ray hands it over unfetched: a worker
        that holds the model already never fetches it again)."""
        if self.key != (digest, settings):
            import ray

            self.translator = None  # one model in memory at a time
            root = Path(tempfile.gettempdir()) / MODELS
            package = unpacked(digest, lambda: ray.get(box[0]), root)
            self.translator = mt.Translator(package, settings)
            self.key = (digest, settings)
        return self.translator.decode_batch(batch)


# ---- the head ----------------------------------------------------------------------------


class Cluster:
    """The Ray workers of one run; called as ``translate``'s ``TranslatorFactory``. Ray is
    started (or joined) and the workers made when the first package has something to decode,
    so a run with nothing to decode never imports ``ray``; ``close`` (or leaving the ``with``
    block) ends the workers, and Ray if this run started it."""

    def __init__(
        self,
        settings: ClusterSettings = ClusterSettings(),
        worker: type = Worker,
        restarts: int = RESTARTS,
    ):
        self.settings = settings
        self.worker = worker  # the actor's class (a test's may fail on purpose)
        self.restarts = restarts
        self.ray = None
        self.started_ray = False
        self.workers: list = []  # actor handles
        self.live: list[int] = []  # workers that answered, by index
        self.pending: dict = {}  # ready() call → worker index, until it answers
        self.device = ""  # "cpu" or "cuda", for every worker
        self.describe = ""  # what the summary says decoded
        self.batches_by: Counter = Counter()  # worker index → batches it returned
        self.planned = 0  # batches asked for
        self.requeued = 0  # batches given to another worker, theirs being gone for good
        self._shipped: dict[tuple[str, str, Path], tuple[str, list]] = {}

    def __enter__(self) -> Cluster:  # noqa: PYI034
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __call__(self, package: Package, settings: mt.Settings) -> ClusterTranslator:
        self.start(settings)
        return ClusterTranslator(self, package, settings)

    # -- starting and stopping

    def start(self, settings: mt.Settings) -> None:
        """Join or start Ray and make the workers (once per run)."""
        if self.workers:
            return
        require()
        import ray

        self.ray = ray
        if not ray.is_initialized():
            answers(self.settings.address)
            # Ray's usage statistics would be sent over the internet: never from here.
            os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
            try:
                ray.init(
                    address=self.settings.address,
                    runtime_env=runtime_env(),
                    include_dashboard=False,
                    logging_level="WARNING",
                    log_to_driver=False,
                )
            except (ConnectionError, ValueError, RuntimeError) as exc:
                where = self.settings.address or "RAY_ADDRESS or this machine"
                message = f"cannot start or reach Ray at {where}: {_first_line(exc)}"
                raise L10nError(message) from None
            self.started_ray = True
        resources = ray.cluster_resources()
        device = settings.device
        if device == "auto":
            device = os.environ.get("ARGOS_DEVICE_TYPE", "")
            if device not in ("cpu", "cuda"):
                device = "cuda" if resources.get("GPU", 0) >= 1 else "cpu"
        cpus = self.settings.cpus
        if device == "cuda":
            each, most, unit = {"num_gpus": 1, "num_cpus": 1}, resources.get("GPU", 0), "GPU"
        else:
            each, most, unit = {"num_cpus": cpus}, resources.get("CPU", 0) // cpus, "CPU"
        count = self.settings.workers or int(most)
        if count < 1:
            what = "a GPU" if unit == "GPU" else f"{cpus} CPUs (--ray-cpus)"
            raise L10nError(
                f"the Ray cluster has no room for a worker of {what}; where it adds nodes on "
                "demand, give --ray-workers N"
            )
        self.device = device
        self.describe = f"Ray, {count} worker{'s' * (count != 1)} × " + (
            "1 GPU" if device == "cuda" else f"{cpus} CPU thread{'s' * (cpus != 1)}"
        )
        actor = ray.remote(self.worker).options(
            max_restarts=self.restarts, max_task_retries=self.restarts, **each
        )
        self.workers = [actor.remote() for _ in range(count)]
        self.pending = {worker.ready.remote(): i for i, worker in enumerate(self.workers)}

    def close(self) -> None:
        """End the workers, and Ray where this run started it."""
        ray, self.ray = self.ray, None
        if ray is None:
            return
        if self.started_ray:  # the run's workers end with it (a cluster ends a job's actors)
            ray.shutdown()
            self.started_ray = False
        else:
            for worker in self.workers:
                with contextlib.suppress(Exception):  # gone already: nothing left to end
                    ray.kill(worker, no_restart=True)
        self.workers, self.live, self.pending = [], [], {}
        self._shipped.clear()

    def worker_settings(self, settings: mt.Settings) -> mt.Settings:
        """``settings`` as a worker decodes with them: its device, one batch at a time, on the
        threads it holds."""
        threads = self.settings.cpus if self.device == "cpu" else settings.intra_threads
        return replace(settings, device=self.device, inter_threads=1, intra_threads=threads)

    def ship(self, package: Package) -> tuple[str, list]:
        """(digest, [reference]) of the package's bytes in the object store, put once."""
        key = (package.code, package.version, package.path)
        if key not in self._shipped:
            digest, data = package_archive(package)
            self._shipped[key] = (digest, [self.ray.put(data)])
        return self._shipped[key]

    # -- decoding

    def decode_batches(
        self, package: Package, settings: mt.Settings, tokens: list[list[str]], groups
    ) -> Iterator[tuple[list[int], list[mt.Draft]]]:
        """(indices, drafts) of each batch of ``groups``, as the workers finish them: each batch
        once, whatever worker died on the way."""
        digest, box = self.ship(package)
        settings = self.worker_settings(settings)
        self.planned += len(groups)
        waiting = deque(range(len(groups)))
        running: dict = {}  # call → (batch, worker)
        lost: Counter = Counter()  # batch → workers it was lost with for good
        try:
            while waiting or running:
                for w in self.live:  # IN_FLIGHT batches per worker that has started
                    while waiting and sum(v == w for _, v in running.values()) < IN_FLIGHT:
                        g = waiting.popleft()
                        batch = [tokens[i] for i in groups[g]]
                        call = self.workers[w].decode.remote(digest, box, settings, batch)
                        running[call] = (g, w)
                for call in self._finished(running):
                    g, w = running.pop(call)
                    drafts = self._result(call, w)
                    if drafts is None:  # its worker is gone: to another, once
                        lost[g] += 1
                        if lost[g] > 1:
                            raise L10nError(
                                f"a batch of {len(groups[g])} sentences was lost with two Ray "
                                "workers; the drafts decoded so far are kept: run again"
                            )
                        waiting.appendleft(g)
                        self.requeued += 1
                        continue
                    self.batches_by[w] += 1
                    yield groups[g], drafts
        finally:  # Ctrl-C, or an error: the batches still queued are not wanted
            for call in running:
                with contextlib.suppress(Exception):
                    self.ray.cancel(call)

    def _finished(self, running: dict) -> list:
        """The decode calls among ``running`` that have finished, waiting a second at most;
        a worker that answers its first call (it has started) joins ``live`` meanwhile."""
        if not running and not self.pending:
            raise L10nError(
                "every Ray worker is gone; the drafts decoded so far are kept in the "
                "translation memory: run again"
            )
        done, _ = self.ray.wait([*running, *self.pending], num_returns=1, timeout=1.0)
        for call in [c for c in done if c in self.pending]:
            w = self.pending.pop(call)
            try:
                self.ray.get(call)
            except self.ray.exceptions.RayError as exc:
                if not self.pending and not self.live:
                    raise L10nError(f"no Ray worker could start: {_first_line(exc)}") from None
                continue
            self.live.append(w)
        return [c for c in done if c in running]

    def _result(self, call, w: int) -> list[mt.Draft] | None:
        """The drafts of a finished call; None where its worker died (Ray restarted it
        ``restarts`` times, or its node went), the worker then left out where it is gone."""
        ray = self.ray
        try:
            return ray.get(call)
        except ray.exceptions.RayTaskError as exc:  # the decoding code raised
            raise _worker_error(exc) from None
        except ray.exceptions.RayError as exc:
            if isinstance(exc, ray.exceptions.ActorDiedError) and w in self.live:
                self.live.remove(w)
            return None


class ClusterTranslator(mt.Encoder):
    """A package's tokenizer here, its model on the cluster's workers: ``translate`` cuts the
    texts into the batches a local ``mt.Translator`` would, and the workers decode them."""

    def __init__(self, cluster: Cluster, package: Package, settings: mt.Settings):
        super().__init__(package, settings)
        self.cluster = cluster
        self.device = cluster.describe

    def decode_batches(self, tokens: list[list[str]], groups: list[list[int]]):
        return self.cluster.decode_batches(self.package, self.settings, tokens, groups)


def answers(address: str | None, timeout: float = 5.0) -> None:
    """Refuse at once, in one line, an address ``HOST:PORT`` (or ``ray://HOST:PORT``) where
    nothing accepts a connection: Ray itself would wait minutes before it gave up."""
    if not address or address in ("auto", "local"):
        return
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if not host or not port.isdigit():
        return  # Ray says what is wrong with it
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=timeout).close()
    except OSError as exc:
        raise L10nError(
            f"nothing answers at {address} ({exc.strerror or exc}): is the cluster started "
            "(`ray status` on its head node)?"
        ) from None


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def _worker_error(exc) -> L10nError:
    """One line for an error a worker raised: ours as it is, any other named."""
    cause = getattr(exc, "cause", None)
    if isinstance(cause, L10nError):
        return L10nError(str(cause))
    if cause is not None:
        return L10nError(f"a Ray worker failed: {type(cause).__name__}: {_first_line(cause)}")
    return L10nError(f"a Ray worker failed: {_first_line(exc)}")
