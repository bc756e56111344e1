"""``l10n translate --ray``: decoding on a Ray cluster, here a local Ray of two one-CPU workers
(one per test module), with the copy-model packages from conftest.

The copy model's draft of a sentence is the sentence itself (glossary terms replaced by their
approved translation), so a run on Ray is compared byte for byte with a local run, and every
draft is checked exactly after a worker crashed, died for good or the run was cut short.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import polib
import pytest
import ray
from conftest import l10n, l10n_ok, po_path, snapshot

from pipeline import cluster, mt, packages
from pipeline import translate as drafting
from pipeline.config import load_config
from pipeline.errors import L10nError
from pipeline.project import Project

GLOSSARY = "en,ko,zh_Hans,ms,note\nLawrence Wong,로런스 웡,黄循财,,\nSeoul,서울,首尔,,\n"
LANGUAGES = {"ko": 'argos = "ko"', "ms": 'argos = "ms"'}
SMALL_BATCHES = mt.Settings(batch_tokens=48)  # the seed article in about a dozen batches

pytestmark = pytest.mark.usefixtures("argos_store")


@pytest.fixture(scope="module", autouse=True)
def local_ray(tmp_path_factory):
    """One Ray instance for the module: two CPUs, on loopback, no dashboard and no usage
    statistics, the workers' temporary files (their unpacked models) under pytest's temporary
    folder; the code reaches the workers as ``Cluster`` sends it to a cluster's."""
    folder = tmp_path_factory.mktemp("ray")
    # Ray's sockets live under its temporary folder, whose path may be at most 107 bytes: pytest's
    # (with a worker's folder under pytest-xdist) is too deep, so Ray's is a short one of its own.
    sockets = Path(tempfile.mkdtemp(prefix="ray", dir="/tmp"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("RAY_USAGE_STATS_ENABLED", "0")
        patch.setenv("RAY_AUTH_MODE", "disabled")  # loopback only; writes no ~/.ray token
        patch.setenv("TMPDIR", str(folder))  # the workers' temporary folder
        ray.init(
            address="local",
            num_cpus=2,
            num_gpus=0,
            runtime_env=cluster.runtime_env(),
            include_dashboard=False,
            _node_ip_address="127.0.0.1",
            _temp_dir=str(sockets),
            logging_level="WARNING",
            log_to_driver=False,
        )
        try:
            yield folder
        finally:
            ray.shutdown()
            shutil.rmtree(sockets, ignore_errors=True)


@pytest.fixture
def models(argos_package, kind_package):
    """The ko copy model and an ms one that forces a target prefix (two packages: each worker
    changes model between the languages)."""
    return [
        packages.install_file(argos_package)[0],
        packages.install_file(kind_package("prefix"))[0],
    ]


@pytest.fixture
def project(make_project, models):
    """The seed article in ko and ms with a glossary, extracted and updated; its own memory."""
    root = make_project(settings='cache_dir = "tm"', languages=LANGUAGES, glossary=GLOSSARY)
    l10n_ok("extract")
    l10n_ok("update")
    return root


def twin(project: Path, name: str = "twin") -> Path:
    """A copy of ``project`` (same catalogs, byte for byte) with an empty memory."""
    other = project.parent / name
    shutil.copytree(project, other, ignore=shutil.ignore_patterns("tm", "build"))
    return other


def catalogs(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(root / "locales").items() if k.endswith(".po")}


def memory_rows(root: Path) -> list[tuple]:
    with sqlite3.connect(root / "tm" / "memory.sqlite3") as db:
        return db.execute("SELECT * FROM mt ORDER BY package, source").fetchall()


def expected(msgid: str, lang: str) -> str:
    if lang == "ko":
        for en, target in (("Lawrence Wong", "로런스 웡"), ("Seoul", "서울")):
            msgid = msgid.replace(en, target)
    return msgid


def drafts(root: Path, lang: str) -> dict[str, str]:
    return {e.msgid: e.msgstr for e in polib.pofile(str(po_path(root, lang))) if e.msgid}


def sentences(root: Path, lang: str = "ko") -> int:
    return len(drafts(root, lang))


# ---- the same drafts -------------------------------------------------------------------


def record_batches(monkeypatch, cls, seen: list) -> None:
    """Record the token lists of each batch that ``cls.decode_batches`` is asked for."""
    real = cls.decode_batches

    def recording(self, *args):
        tokens, groups = args[-2:]
        seen.extend([tokens[i] for i in group] for group in groups)
        return real(self, *args)

    monkeypatch.setattr(cls, "decode_batches", recording)


def test_a_run_on_ray_writes_the_catalogs_a_local_run_writes(project, monkeypatch):
    other = twin(project)
    here, there = [], []
    record_batches(monkeypatch, mt.Translator, here)
    record_batches(monkeypatch, cluster.Cluster, there)
    local = l10n_ok("translate", "--batch-size", "48", "--no-ray")
    monkeypatch.chdir(other)
    on_ray = l10n_ok("translate", "--batch-size", "48", "--ray")
    assert there == here and len(here) > 2  # the same batches: what makes the same drafts
    assert catalogs(other) == catalogs(project)
    assert memory_rows(other) == memory_rows(project)
    n = sentences(project)
    for lang in ("ko", "ms"):
        assert all(text == expected(m, lang) for m, text in drafts(other, lang).items())
    assert on_ray.stdout.count(f"{n} drafted ({n} from the model, 0 from memory") == 2
    assert on_ray.stdout.count("decoded on Ray, 2 workers × 1 CPU thread\n") == 2
    assert local.stdout.count(f"{n} sentences decoded on cpu") == 2


def test_settings_and_the_ray_table_choose_where_to_decode(make_project):
    assert cluster.settings_for(None) is None
    assert cluster.settings_for(None, "") == cluster.ClusterSettings()
    table = {"address": "ray://head:10001", "workers": 4, "cpus": 2}
    assert cluster.settings_for(table) == cluster.ClusterSettings("ray://head:10001", 4, 2)
    assert cluster.settings_for(table, "", 8) == cluster.ClusterSettings("ray://head:10001", 8, 2)
    assert cluster.settings_for(table, "auto").address == "auto"
    assert cluster.settings_for(table, local=True) is None
    with pytest.raises(L10nError, match="go with --ray"):
        cluster.settings_for(None, None, 2)
    root = make_project(settings="[tool.l10n.ray]\nworkers = 3\n", languages=LANGUAGES)
    assert load_config(root).ray == {"address": None, "workers": 3, "cpus": 1}
    for bad, message in (
        ("workers = -1", "[tool.l10n.ray] workers: expected a whole number from 0"),
        ("cpus = 1.5", "[tool.l10n.ray] cpus: expected a whole number, not 1.5"),
        ("adress = 'x'", "[tool.l10n.ray] 'adress': unknown key (did you mean 'address'?)"),
    ):
        make_project(settings=f"[tool.l10n.ray]\n{bad}\n", languages=LANGUAGES)
        result = l10n("translate")
        assert result.exit_code == 2 and result.stderr.count("\n") == 1
        assert message in result.stderr, result.stderr


# ---- faults ------------------------------------------------------------------------------


def claim(marker: str, me: str) -> bool:
    """Whether this call is the first to claim the marker file (then it holds ``me``)."""
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        return False
    os.write(fd, me.encode())
    os.close(fd)
    return True


class CrashesOnce(cluster.Worker):
    """A worker whose process dies in the middle of a batch, once in the run (the marker file
    says it did): Ray restarts it and retries the batch on it."""

    marker = ""

    def decode(self, digest, box, settings, batch):
        if claim(self.marker, str(os.getpid())):
            os._exit(1)
        return super().decode(digest, box, settings, batch)


class OneAlwaysCrashes(cluster.Worker):
    """The first worker to get a batch dies in the middle of every batch, however often Ray
    restarts it (an actor keeps its id across restarts)."""

    marker = ""

    def decode(self, digest, box, settings, batch):
        me = ray.get_runtime_context().get_actor_id()
        if claim(self.marker, me) or Path(self.marker).read_text() == me:
            os._exit(1)
        return super().decode(digest, box, settings, batch)


ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import tests


def library_run(root: Path, workers: cluster.Cluster, progress=None):
    """``run_translate`` on ``root`` (ko only) through ``workers``; its one report."""
    project = Project(load_config(root))
    [report] = drafting.run_translate(
        project, [project.config.language("ko")], SMALL_BATCHES, progress=progress,
        translator=workers,
    )  # fmt: skip
    return report


@pytest.mark.parametrize("worker", [CrashesOnce, OneAlwaysCrashes])
def test_a_worker_that_dies_mid_batch_loses_nothing_and_no_batch_is_taken_twice(
    project, tmp_path, worker
):
    """A worker that dies once is restarted by Ray, which retries its batches on it; one that
    dies for good (here after one restart) leaves its batches to the other."""
    other = twin(project)
    l10n_ok("translate", "--lang", "ko", "--batch-size", "48", "--no-ray")
    worker.marker = str(tmp_path / "crashed")
    with cluster.Cluster(worker=worker, restarts=1) as workers:
        report = library_run(other, workers)
        batches, planned = sum(workers.batches_by.values()), workers.planned
        live, requeued = len(workers.live), workers.requeued
    assert Path(worker.marker).read_text()  # a worker did die mid-batch
    if worker is CrashesOnce:
        assert (live, requeued) == (2, 0)  # restarted, its batch retried there by Ray
    else:
        assert live == 1 and requeued >= 1  # gone for good: its batches went to the other
    n = sentences(project)
    assert (report.decoded, report.sentences, report.failed) == (n, n, [])
    assert batches == planned > 1  # each batch's drafts taken once
    assert catalogs(other) == catalogs(project)
    assert memory_rows(other) == memory_rows(project) and len(memory_rows(other)) == n


def test_a_run_cut_short_keeps_its_drafts_and_a_rerun_decodes_only_the_rest(project):
    """The head goes away after the first batches: nothing was saved to the catalogs, but
    what was decoded is in the memory, and a rerun on Ray decodes the rest only."""
    seen = []

    def head_gone(lang, done, total):
        seen.append(done)
        if len(seen) == 3:  # the start, then two batches
            raise KeyboardInterrupt

    config = load_config(project)
    before = catalogs(project)
    with cluster.Cluster() as workers, pytest.raises(drafting.Interrupted):
        catalogs_ko = {"ko": Project(config).catalogs("ko")}
        drafting.translate(
            config, catalogs_ko, SMALL_BATCHES, progress=head_gone, translator=workers
        )
    assert catalogs(project) == before  # no catalog was written
    kept = len(memory_rows(project))
    assert kept == seen[-1] > 0
    n = sentences(project)
    again = l10n_ok("translate", "--lang", "ko", "--batch-size", "48", "--ray")
    assert f"{n} drafted ({n - kept} from the model, {kept} from memory" in again.stdout
    assert f"{n - kept} sentences decoded on Ray" in again.stdout
    assert all(text == expected(m, "ko") for m, text in drafts(project, "ko").items())


# ---- refusals ----------------------------------------------------------------------------


def test_a_model_that_does_not_match_its_digest_is_refused_in_one_line(project, monkeypatch):
    real = cluster.package_archive
    monkeypatch.setattr(cluster, "package_archive", lambda p: ("0" * 64, real(p)[1]))
    before = snapshot(project, exclude=("tm", "build"))
    result = l10n("translate", "--lang", "ko", "--ray")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "the model's bytes have SHA-256" in result.stderr
    assert f"not {'0' * 16}… as sent; refused" in result.stderr
    assert snapshot(project, exclude=("tm", "build")) == before


def test_an_address_where_nothing_answers_is_refused_at_once_in_one_line(project, monkeypatch):
    from conftest import closed_port

    before = snapshot(project, exclude=("tm", "build"))
    monkeypatch.setattr(ray, "is_initialized", lambda: False)  # the run reaches Ray itself
    for address in (f"127.0.0.1:{closed_port()}", f"ray://127.0.0.1:{closed_port()}"):
        result = l10n("translate", "--lang", "ko", "--ray", address)
        assert result.exit_code == 2 and result.stderr.count("\n") == 1
        assert result.stderr.startswith(f"l10n: error: nothing answers at {address} (")
    assert snapshot(project, exclude=("tm", "build")) == before


_WITHOUT_RAY = """\
import sys
sys.modules["ray"] = None  # as if the cluster extra were not installed
from pipeline.cli import main
main({args!r})
"""


def test_without_the_cluster_extra_ray_is_refused_in_one_line(project):
    before = snapshot(project)
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_RAY.format(args=["translate", "--ray"])],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(cluster.__file__).parents[1])},
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        "l10n: error: decoding on a Ray cluster needs the cluster extra (no module 'ray'): "
        "pip install '.[cluster]'\n"
    )
    assert snapshot(project) == before


def test_nothing_to_decode_never_imports_ray(project):
    from heavy import run_probe

    l10n_ok("translate", "--no-ray")
    shutil.rmtree(project / "locales" / "ko")  # drafted again, every one from the memory
    l10n_ok("update")
    status, loaded, stderr = run_probe(["translate", "--ray"], project)
    assert status == 0, stderr
    assert loaded == []  # no ray, and no model: the memory answered
