"""``L10N_FSMONITOR=watchman``: the stages ask a file system monitor which files changed since
their last full run, and look (a ``stat`` a file) only at the groups those files are in; what
they make is what they make without it (the property test, tests/test_incremental.py, runs
with the monitor as well)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import l10n

from pipeline import fsmonitor, ledger

SOURCES = {
    "alpha.txt": "Port handles record cargo\n\nThe port handled 4 million containers.\n",
    "2026/12/beta.md": "# Leaders meet\n\nThe *leaders* met in Seoul. They signed 3 agreements.\n",
    "2025/01/gamma.txt": "Rain expected\n\nHeavy rain is expected on Monday.\n",
}


@pytest.fixture(autouse=True)
def said_anew(monkeypatch):
    """What the monitor said, which projects it failed and the watches it found, forgotten
    between tests (a process says each problem once, and asks for a watch once)."""
    monkeypatch.setattr(fsmonitor, "_SAID", set())
    monkeypatch.setattr(fsmonitor, "_FAILED", {})
    monkeypatch.setattr(fsmonitor, "_WATCHES", {})


def run_all() -> str:
    """extract, update, translate and build, as ``make`` runs them; their output."""
    result = l10n("run", "extract", "update", "translate", "build")
    assert result.exit_code == 0, result.output
    return result.output


def built_after_an_edit(root: Path, count: int, folder: str = "source") -> str:
    """``alpha.txt`` (in ``folder``) edited to ``count`` million containers and the pipeline
    run: the English text built."""
    (root / folder / "alpha.txt").write_text(
        f"Port handles record cargo\n\nThe port handled {count} million containers.\n",
        encoding="utf-8",
    )
    run_all()
    return (root / "build" / "en" / "alpha.txt").read_text(encoding="utf-8")


@pytest.fixture
def looked(monkeypatch) -> list[int]:
    """How many groups a run looked at file by file (``Groups._as_recorded``), appended to
    for each run."""
    counts = [0]
    real = ledger.Groups._as_recorded

    def counted(self, *args):
        counts[-1] += 1
        return real(self, *args)

    monkeypatch.setattr(ledger.Groups, "_as_recorded", counted)
    return counts


def test_a_run_with_nothing_changed_looks_at_no_file_of_a_group(
    make_project, argos_store, fsmonitor, looked
):
    root = make_project(sources=SOURCES)
    run_all()  # the first: the monitor has no clock to answer since
    for _ in range(3):
        looked.append(0)
        run_all()
    # the second run looks at the groups whose files the first one wrote; after it, none
    assert looked[1] > 0
    assert looked[2:] == [0, 0]
    page = root / "build" / "en" / "2026" / "12" / "beta.html"
    assert "Seoul" in page.read_text(encoding="utf-8")


def test_an_edit_that_keeps_the_file_s_size_and_times_is_seen(
    make_project, argos_store, fsmonitor, looked
):
    root = make_project(sources=SOURCES)
    run_all()
    run_all()
    source = root / "source" / "2026" / "12" / "beta.md"
    info = source.stat()
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Seoul", "Busan"), encoding="utf-8")  # the same size
    os.utime(source, ns=(info.st_atime_ns, info.st_mtime_ns))  # as `cp -p` leaves it
    looked.append(0)
    run_all()
    assert looked[-1] > 0
    page = root / "build" / "en" / "2026" / "12" / "beta.html"
    assert "Busan" in page.read_text(encoding="utf-8")
    template = root / "locales" / "2026" / "12" / "beta.pot"
    assert 'msgid "The <1>leaders</1> met in Busan."' in template.read_text(encoding="utf-8")


def test_a_project_inside_a_larger_watch_is_asked_about_by_its_own_paths(
    tmp_path, make_project, argos_store, fsmonitor, looked
):
    (tmp_path / ".watchmanconfig").write_text("{}\n", encoding="utf-8")  # the watch's root
    root = make_project("news/project", sources=SOURCES)
    run_all()
    run_all()
    looked.append(0)
    run_all()
    assert looked[-1] == 0
    assert "5 million" in built_after_an_edit(root, 5)


def test_without_watchman_the_run_says_so_and_looks_at_every_file(
    make_project, argos_store, monkeypatch, looked, tmp_path
):
    root = make_project(sources=SOURCES)
    monkeypatch.setenv("L10N_FSMONITOR", "watchman")
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    first = run_all()
    assert "l10n: warning: L10N_FSMONITOR: watchman: not installed" in first
    looked.append(0)
    run_all()
    assert looked[-1] > 0  # every group looked at, file by file
    assert (root / "build" / "en" / "alpha.html").is_file()


def test_a_monitor_this_program_does_not_know_is_said_and_ignored(
    make_project, argos_store, monkeypatch
):
    make_project(sources=SOURCES)
    monkeypatch.setenv("L10N_FSMONITOR", "inotifywait")
    output = run_all()
    assert (
        "l10n: warning: L10N_FSMONITOR: inotifywait: L10N_FSMONITOR='inotifywait' is not a "
        "monitor this program knows (watchman); every file is looked at"
    ) in output


@pytest.mark.parametrize(
    ("where", "ignored"),
    [
        ("project", "project/build"),  # the outputs' folder
        ("project", "project/source/2026"),  # a folder of sources
        ("news/project", "news"),  # the folder the project is in
    ],
)
def test_a_watch_that_leaves_out_a_folder_of_the_project_s_files_is_not_asked(
    tmp_path, make_project, argos_store, fsmonitor, looked, where, ignored
):
    (tmp_path / ".watchmanconfig").write_text(f'{{"ignore_dirs": ["{ignored}"]}}\n', "utf-8")
    root = make_project(where, sources=SOURCES)
    output = run_all()
    assert f"leave out {ignored} (ignore_dirs or ignore_vcs)" in output
    run_all()
    looked.append(0)
    run_all()
    assert looked[-1] > 0  # each group looked at: the monitor would not see its files change
    beta = root / "source" / "2026" / "12" / "beta.md"
    beta.write_text(beta.read_text(encoding="utf-8").replace("Seoul", "Tokyo"), encoding="utf-8")
    run_all()
    assert "Tokyo" in (root / "build" / "en" / "2026" / "12" / "beta.html").read_text("utf-8")


@dataclass(frozen=True)
class Text:
    text: str


class Told:
    """A monitor that answers what the test tells it, a clock a run ("all may have changed"
    where it is asked since no clock)."""

    def __init__(self):
        self.clock, self.files = 0, None

    def changes(self, since, watch):
        self.clock += 1
        return fsmonitor.Changes(str(self.clock), "watch", None if since is None else self.files)


def begun(root: Path, monitor: Told | None):
    """A full run of a stage whose item is ``a.txt`` and whose fact is its text, up to what it
    looked at and found; the function that ends it (records, saves) and gives the text."""
    state = ledger.State(root / "state", root, b"k" * 32)
    state.monitor = monitor
    step = ledger.Step(state.ledger("stage"), Text)
    groups = ledger.Groups(step, {}, lambda item, body: [])
    fact = groups.trusted(["a.txt"], lambda item, inputs, fact: fact).get("a.txt")
    if fact is None:
        inputs = {"a": step.ledger.digest(root / "a.txt")}
        fact = step.known("a.txt", inputs)
        if fact is None:
            fact = Text((root / "a.txt").read_text(encoding="utf-8"))
            step.learn("a.txt", inputs, fact)

    def end() -> str:
        groups.learn(["a.txt"])
        state.save()
        return fact.text

    return end


def a_run(root: Path, monitor: Told | None) -> str:
    return begun(root, monitor)()


def test_a_group_that_could_not_be_recorded_again_is_not_trusted_later(tmp_path, monkeypatch):
    # A run that finds a group's files changed and cannot record the group again (a file
    # seen "racily clean", modified in the tick it was seen) forgets its row: the monitor
    # will not name those files to the next run, which would trust the row as it was.
    monitor = Told()
    (tmp_path / "a.txt").write_text("first", encoding="utf-8")
    assert a_run(tmp_path, monitor) == "first"  # no clock yet: every file looked at
    monitor.files = frozenset()
    assert a_run(tmp_path, monitor) == "first"
    (tmp_path / "a.txt").write_text("second", encoding="utf-8")
    monitor.files = frozenset({"a.txt"})
    with monkeypatch.context() as racy:
        racy.setattr(ledger, "_steady_state", lambda state, signature: False)
        assert a_run(tmp_path, monitor) == "second"
    monitor.files = frozenset()  # nothing changed since that run's clock
    assert a_run(tmp_path, monitor) == "second"


def test_a_source_that_is_a_link_is_looked_at_where_it_leads(make_project, argos_store, fsmonitor):
    # the monitor names the file a link leads to when that file changes, not the link
    root = make_project(sources=SOURCES)
    (root / "shared").mkdir()
    target = root / "shared" / "delta.txt"
    target.write_text("Trade grows\n\nExports rose 5 percent in May.\n", encoding="utf-8")
    (root / "source" / "delta.txt").symlink_to("../shared/delta.txt")
    run_all()
    run_all()
    target.write_text("Trade grows\n\nImports fell 7 percent in June.\n", encoding="utf-8")
    run_all()
    built = (root / "build" / "en" / "delta.txt").read_text(encoding="utf-8")
    assert "Imports fell 7 percent" in built


def test_a_source_folder_that_is_a_link_is_looked_at_where_it_leads(
    make_project, argos_store, fsmonitor
):
    root = make_project(sources=SOURCES)
    (root / "source").rename(root / "articles")
    (root / "source").symlink_to("articles")
    run_all()
    run_all()
    assert "6 million" in built_after_an_edit(root, 6, "articles")


def test_a_source_with_another_name_outside_the_project_is_looked_at(
    tmp_path, make_project, argos_store, fsmonitor
):
    root = make_project(sources=SOURCES)
    other = tmp_path / "elsewhere.txt"
    os.link(root / "source" / "alpha.txt", other)  # a hard link: one file, two names
    run_all()
    run_all()
    with open(other, "r+", encoding="utf-8") as handle:  # written in place, through the other
        handle.write("Port handles secret cargo")
    run_all()
    assert "secret cargo" in (root / "build" / "en" / "alpha.txt").read_text(encoding="utf-8")


FAKE = """#!{python}
import json, sys, time
asked = json.load(sys.stdin)
with open({log!r}, "a") as log:
    log.write(asked[0] + "\\n")
answers = {answers}
answer = answers.get(asked[0], {{}})
if answer == "hang":
    time.sleep(30)
print(json.dumps(answer))
"""


def fake_watchman(folder: Path, monkeypatch, **answers) -> Path:
    """A ``watchman`` on the PATH that answers each command (``watch-project``, ``clock``,
    ``query``, …) as told, and logs what it was asked; the log's path."""
    import sys

    folder.mkdir()
    log = folder / "asked"
    program = folder / "watchman"
    program.write_text(FAKE.format(python=sys.executable, log=str(log), answers=answers))
    program.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("L10N_FSMONITOR", "watchman")
    monkeypatch.delenv("WATCHMAN_SOCK", raising=False)
    return log


@pytest.mark.parametrize(
    ("watch", "query", "said"),
    [
        ({}, {}, "an answer without its watch"),
        ({"watch": "ROOT", "config": 3}, {}, "an answer without its clock"),
        (None, {"clock": "c:2", "is_fresh_instance": False}, "an answer this program cannot"),
        (
            None,
            {"clock": "c:2", "is_fresh_instance": False, "files": [{"name": "x"}]},
            "an answer this",
        ),
        (None, {"is_fresh_instance": False, "files": []}, "an answer without its clock"),
    ],
)
def test_an_answer_the_program_cannot_read_is_said_and_every_file_looked_at(
    tmp_path, make_project, argos_store, monkeypatch, watch, query, said
):
    root = make_project(sources=SOURCES)
    watch = {"watch": str(root)} if watch is None else watch
    if watch.get("watch") == "ROOT":
        watch["watch"] = str(root)
    fake_watchman(
        tmp_path / "bin",
        monkeypatch,
        **{"watch-project": watch, "clock": {"clock": "c:1"}},
        **{"get-config": {"config": {}}, "query": query},
    )
    first, second = run_all(), run_all()
    assert f"l10n: warning: L10N_FSMONITOR: watchman: {said}" in first + second
    assert "8 million" in built_after_an_edit(root, 8)


def test_a_monitor_that_does_not_answer_is_asked_once_a_run(
    tmp_path, make_project, argos_store, monkeypatch
):
    make_project(sources=SOURCES)
    log = fake_watchman(tmp_path / "bin", monkeypatch, **{"watch-project": "hang"})
    monkeypatch.setattr(fsmonitor, "TIMEOUT", 1)
    output = run_all()  # four stages, one question
    assert output.count("l10n: warning: L10N_FSMONITOR: watchman: did not answer") == 1
    assert log.read_text().splitlines() == ["watch-project"]


def test_an_output_replaced_by_a_folder_is_seen(make_project, argos_store, fsmonitor):
    root = make_project(sources=SOURCES)
    run_all()
    run_all()
    page = root / "build" / "en" / "alpha.html"
    page.unlink()
    page.mkdir()  # where the page was, a folder of the same name
    result = l10n("run", "extract", "update", "translate", "build")
    assert result.exit_code == 2  # as without a monitor: the page cannot be written there
    assert "build/en/alpha.html" in result.output


def test_a_source_folder_moved_and_linked_back_after_a_run_is_looked_at_where_it_leads(
    make_project, argos_store, fsmonitor
):
    root = make_project(sources=SOURCES)
    run_all()
    run_all()
    (root / "source").rename(root / "articles")  # each file keeps its size, times and inode
    (root / "source").symlink_to("articles")
    run_all()
    run_all()
    assert "6 million" in built_after_an_edit(root, 6, "articles")


def test_a_run_beside_another_keeps_no_clock_of_the_other_s(tmp_path, monkeypatch):
    # A run without a monitor saw the file, another with one saw it changed again and kept
    # its clock; the first then keeps its group as it saw it: under the other's clock, the
    # next run would trust it. The first keeps the clock row as it read it, or none at all.
    monkeypatch.setattr(ledger, "_steady_state", lambda state, signature: True)  # (no tick)
    monitor = Told()
    (tmp_path / "a.txt").write_text("first", encoding="utf-8")
    a_run(tmp_path, monitor)
    monitor.files = frozenset()
    assert a_run(tmp_path, monitor) == "first"
    (tmp_path / "a.txt").write_text("second", encoding="utf-8")
    end_unwatched = begun(tmp_path, None)  # looks: "second"
    (tmp_path / "a.txt").write_text("third", encoding="utf-8")
    monitor.files = frozenset({"a.txt"})
    assert a_run(tmp_path, monitor) == "third"  # keeps its clock
    assert end_unwatched() == "second"  # keeps its group, as it saw it
    monitor.files = frozenset()  # nothing changed since the last clock given
    assert a_run(tmp_path, monitor) == "third"


def test_a_run_asks_for_the_project_s_watch_once(tmp_path, make_project, argos_store, monkeypatch):
    root = make_project(sources=SOURCES)
    answers = {"watch-project": {"watch": str(root)}, "get-config": {"config": {}}}
    log = fake_watchman(tmp_path / "bin", monkeypatch, **answers, clock={"clock": "c:1"})
    run_all()  # four stages: a clock each, the watch once
    assert log.read_text().splitlines() == ["watch-project", "get-config", *["clock"] * 4]


def stages_calling(monkeypatch, name: str) -> list[str]:
    """The stages (by their ledger's command) that call ``Groups.<name>``, in order."""
    stages: list[str] = []
    real = getattr(ledger.Groups, name)

    def called(self, *args):
        stages.append(self.step.ledger.command)
        return real(self, *args)

    monkeypatch.setattr(ledger.Groups, name, called)
    return stages


@pytest.fixture
def items_read(monkeypatch) -> list[str]:
    """The stages whose groups' items a run read (``Groups._known``), in order."""
    return stages_calling(monkeypatch, "_known")


@pytest.fixture
def expanded(monkeypatch) -> list[str]:
    """The stages that read a group taken whole after all (``Groups.expand``), in order."""
    return stages_calling(monkeypatch, "expand")


def test_a_run_with_nothing_changed_takes_every_group_whole(
    make_project, argos_store, fsmonitor, items_read, expanded, monkeypatch
):
    root = make_project(sources=SOURCES)
    run_all()
    run_all()
    items_read.clear()
    output = run_all()
    assert items_read == []  # no stage read a group's items
    assert "0 written, 3 unchanged" in output  # the templates, counted by their groups
    assert "0 updated, 9 unchanged" in output
    # what the build counted is what a run that looks at every document says
    monkeypatch.delenv("L10N_FSMONITOR")
    assert run_all() == output
    monkeypatch.setenv("L10N_FSMONITOR", "watchman")
    # an edit: the groups of its files are looked at, and no other
    before = (root / "build" / "en" / "2025" / "01" / "gamma.txt").read_bytes()
    items_read.clear()
    assert "7 million" in built_after_an_edit(root, 7)
    assert (root / "build" / "en" / "2025" / "01" / "gamma.txt").read_bytes() == before
    assert 0 < items_read.count("update") <= 3 and items_read.count("extract") <= 1
    assert items_read.count("build") <= 1
    # an article added beside another: the folder's page is made from the line the index
    # keeps of the other, whose group is not read after all
    (root / "source" / "2026" / "12" / "delta.txt").write_text(
        "Ferry resumes\n\nThe ferry to the island resumed on Friday.\n", encoding="utf-8"
    )
    items_read.clear()
    run_all()
    assert "build" not in expanded
    page = (root / "build" / "index" / "2026" / "12" / "index.html").read_text(encoding="utf-8")
    assert "Ferry resumes" in page and "Leaders meet" in page


def test_after_a_run_that_drafted_update_reads_no_catalog_alone_with_the_monitor(
    make_project, argos_store, argos_package, fsmonitor, items_read, monkeypatch, request
):
    """The groups `run` records again after translate drafted (``settle_update``) keep the
    monitor's clock as update read it: the next update finds the drafted catalogs among the
    files changed since, and their groups as recorded, with a ``stat`` each."""
    from pipeline import packages

    monkeypatch.setattr(ledger, "GROUPS", 2)
    monkeypatch.setattr(ledger.State, "_clock", lambda self: 2**62)  # none "racily clean"
    make_project(sources=SOURCES)
    run_all()
    packages.install_file(argos_package)  # an en → ko model: the ko catalogs drafted
    assert run_all().count("  updated: ") == 3
    asked = request.getfixturevalue("rows_asked")  # counted from here on
    items_read.clear()
    result = l10n("update")
    assert result.exit_code == 0, result.output
    assert "update" in items_read  # the groups drafted into: their files changed since
    assert "update" not in asked  # and found as recorded: no catalog's own row asked


def test_a_translation_saved_in_one_catalog_reaches_a_group_taken_whole(
    make_project, argos_store, fsmonitor, monkeypatch
):
    monkeypatch.setattr(ledger, "GROUPS", 2)
    shared = "Officials said more details would follow.\n"
    sources = {
        "one.txt": "First story\n\nThe harbour opened.\n\n" + shared,
        "two.txt": "Second story\n\nThe bridge closed.\n\n" + shared,
    }
    groups = {ledger.Groups.of(f"locales/ko/LC_MESSAGES/{n}.po") for n in ("one", "two")}
    assert len(groups) == 2  # each catalog in a group of its own
    root = make_project(sources=sources)
    run_all()
    run_all()
    catalog = root / "locales" / "ko" / "LC_MESSAGES" / "one.po"
    text = catalog.read_text(encoding="utf-8")
    entry = 'msgid "Officials said more details would follow."\nmsgstr ""'
    assert entry in text
    catalog.write_text(
        text.replace(
            entry, entry[: -len('""')] + '"관계자들은 추가 세부 사항이 뒤따를 것이라고 말했다."'
        ),
        encoding="utf-8",
    )
    run_all()  # two.po's group is unchanged, and waits for the sentence one.po now has
    other = (root / "locales" / "ko" / "LC_MESSAGES" / "two.po").read_text(encoding="utf-8")
    assert "관계자들은 추가 세부 사항이 뒤따를 것이라고 말했다." in other


def test_a_group_is_taken_whole_only_where_each_of_its_files_has_its_owner(tmp_path):
    """``Groups(owners=…)``: a group none of whose files changed is taken whole (its totals,
    not its items), but only if each of its files was found among its owners' when it was
    recorded; a file changed since makes its owners' groups looked at item by item."""
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Made:
        n: int

    (tmp_path / "a.txt").write_text("one")
    (tmp_path / "a.pot").write_text("made")
    for name in ("a.txt", "a.pot"):
        os.utime(tmp_path / name, ns=(0, 10**9))  # long before the file system's "now"
    told = {"files": None}  # what the monitor answers: the first run, no clock yet

    class Monitor:
        def changes(self, since, watch):
            return fsmonitor.Changes(f"c{since}", "w", told["files"])

    def run(owners, db: str) -> tuple[dict, dict]:
        state = ledger.State(tmp_path / db, tmp_path, b"k" * 32)
        state.monitor = Monitor()
        step = ledger.Step(state.ledger("extract"), Made)
        totals = lambda facts: {"n": sum(body["n"] for _, body in facts)}  # noqa: E731
        groups = ledger.Groups(step, {}, lambda item, _: ["a.txt"], owners=owners, totals=totals)
        trusted = groups.trusted(["a.pot"], lambda _, inputs, fact: fact, lambda t: True)
        if not trusted and not groups.kept:
            inputs = {"source": state.digest("a.txt"), "template": state.digest("a.pot")}
            step.learn("a.pot", inputs, Made(3))
        groups.learn(["a.pot"], lambda item, _: [state.seen_state(k) for k in (item, "a.txt")])
        state.save()
        return trusted, groups.whole

    blind = lambda key: (key,)  # noqa: E731  (does not know a.txt is a.pot's source)
    knowing = lambda key: (key, "a.pot" if key == "a.txt" else None)  # noqa: E731
    group = ledger.Groups.of("a.pot")
    assert run(blind, "blind") == ({}, {}) == run(knowing, "knowing")  # no clock: recorded
    told["files"] = frozenset()  # nothing changed since
    for _ in range(2):
        assert run(blind, "blind") == ({"a.pot": Made(3)}, {})  # its files looked at
        assert run(knowing, "knowing") == ({}, {group: {"n": 3}})  # taken whole
    told["files"] = frozenset({"a.txt"})  # the source changed (its state kept)
    assert run(knowing, "knowing") == ({"a.pot": Made(3)}, {})  # looked at item by item


def test_what_a_run_says_is_what_it_says_without_the_monitor(
    make_project, argos_store, fsmonitor, monkeypatch
):
    """Two projects, the same edits: one run with the monitor, one without; they say the same,
    line for line (a group taken whole and read after all keeps the documents' order)."""
    monkeypatch.setattr(ledger, "GROUPS", 3)
    shared = "Officials said more details would follow.\n"
    sources = {
        "2026/12/beta.txt": "Beta story\n\nThe bridge closed.\n\n" + shared,
        "alpha.txt": "Alpha story\n\nThe harbour opened.\n\n" + shared,
        "gamma.txt": "Gamma story\n\nThe market fell.\n\n" + shared,
        "new2.txt": "Another story\n\nThe rain stopped.\n\n" + shared,
    }
    roots = {
        "watchman": make_project("watched", sources=sources, chdir=False),
        None: make_project("plain", sources=sources, chdir=False),
    }

    def both(edit=None) -> None:
        said = []
        for monitor, root in roots.items():
            monkeypatch.chdir(root)
            if monitor:
                monkeypatch.setenv("L10N_FSMONITOR", monitor)
            else:
                monkeypatch.delenv("L10N_FSMONITOR", raising=False)
            if edit is not None:
                edit(root)
            said.append(run_all())
        assert said[0] == said[1]

    def move(root: Path) -> None:
        (root / "source" / "moved").mkdir()
        (root / "source" / "gamma.txt").rename(root / "source" / "moved" / "gamma.txt")

    def translate(root: Path) -> None:
        catalog = root / "locales" / "ko" / "LC_MESSAGES" / "2026" / "12" / "beta.po"
        entry = f'msgid "{shared.strip()}"\nmsgstr ""'
        text = catalog.read_text(encoding="utf-8")
        assert entry in text
        done = entry[: -len('""')] + '"관계자들은 추가 세부 사항이 뒤따를 것이라고 말했다."'
        catalog.write_text(text.replace(entry, done), encoding="utf-8")

    both()
    both()
    both(move)
    both(translate)
    both()


def test_sources_in_the_project_s_own_folder_are_taken_whole_too(
    make_project, argos_store, fsmonitor, items_read, monkeypatch
):
    asked: list[str] = []  # the items a stage asked about one by one
    real = ledger.Step.known
    monkeypatch.setattr(
        ledger.Step, "known", lambda self, *a: asked.append(self.ledger.command) or real(self, *a)
    )
    make_project(settings='source_dir = "."\n', sources=SOURCES)
    run_all()
    run_all()
    items_read.clear()
    asked.clear()
    run_all()
    assert items_read == [] and asked == []


def test_a_new_project_name_is_on_every_page_of_the_index(make_project, argos_store, fsmonitor):
    root = make_project(sources=SOURCES)
    for _ in range(3):
        run_all()
    settings = root / "pyproject.toml"
    settings.write_text(
        settings.read_text(encoding="utf-8").replace('name = "news"', 'name = "daily"'),
        encoding="utf-8",
    )
    run_all()
    for folder in ("2026/12", "2025/01"):
        page = root / "build" / "index" / folder / "index.html"
        assert f"<title>daily: {folder}</title>" in page.read_text(encoding="utf-8")


def test_a_folder_s_lines_lost_are_written_again(make_project, argos_store, fsmonitor, expanded):
    import sqlite3

    root = make_project(sources={**SOURCES, "2026/12/delta.txt": "Ferry\n\nIt ran again.\n"})
    run_all()
    run_all()
    db = sqlite3.connect(root / "build" / ".l10n" / "state.sqlite")
    with db:
        db.execute("DELETE FROM facts WHERE command = 'build index lines'")
    db.close()
    run_all()  # the lines are not there: the groups of the folders' documents are read
    assert "build" in expanded
    expanded.clear()
    run_all()  # and the lines were written again
    assert expanded == []


def test_facts_of_files_gone_are_forgotten_without_reading_every_row_s_key(
    make_project, argos_store, fsmonitor, monkeypatch
):
    """With the monitor, an item gone is a file the monitor saw go: its fact is forgotten
    without reading the keys of the stage's every row (``Ledger.stored``)."""
    import sqlite3

    scans: list[str] = []
    real = ledger.Ledger.stored
    monkeypatch.setattr(
        ledger.Ledger, "stored", lambda self: scans.append(self.command) or real(self)
    )
    many = {
        f"2025/01/story-{n}.txt": f"Story {n}\n\nThe council met {n} times.\n" for n in range(9)
    }
    root = make_project(sources={**SOURCES, **many})

    def rows(name: str) -> list[str]:
        db = sqlite3.connect(root / "build" / ".l10n" / "state.sqlite")
        try:
            found = db.execute("SELECT command, item FROM facts").fetchall()
        finally:
            db.close()
        return [command for command, item in found if item.endswith(name)]

    run_all()
    run_all()
    assert rows("source/2026/12/beta.md") == ["build"]
    (root / "source" / "2026" / "12" / "beta.md").unlink()
    scans.clear()
    run_all()
    # extract removed its template, and forgot what it knew of it
    assert not (root / "locales" / "2026" / "12" / "beta.pot").exists()
    assert scans == [] and rows("source/2026/12/beta.md") == []
    assert rows("locales/2026/12/beta.pot") == []


def test_groups_double_as_the_items_outgrow_them(tmp_path, monkeypatch):
    """A group holds about ``GROUP_ITEMS`` items: past twice that, the groups double (the
    count kept with them), and a partial run forgets the group of what it learns among
    those recorded."""
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Made:
        n: int

    monkeypatch.setattr(ledger, "GROUPS", 1)
    monkeypatch.setattr(ledger, "GROUP_ITEMS", 1)
    names = [f"{n}.pot" for n in range(5)]
    for name in names:
        (tmp_path / name).write_text(name)
        os.utime(tmp_path / name, ns=(0, 10**9))  # long before the file system's "now"

    def run(items: list[str], every: bool = True) -> ledger.Groups:
        state = ledger.State(tmp_path / "db", tmp_path, b"k" * 32)
        step = ledger.Step(state.ledger("extract"), Made)
        groups = ledger.Groups(step, {}, lambda item, _: [])
        trusted = groups.trusted(items, lambda _, inputs, fact: fact) if every else {}
        for item in items:
            if item not in trusted:
                step.learn(item, {"file": state.digest(item)}, Made(len(item)))
        if every:
            groups.learn(items, lambda item, _: [state.seen_state(item)])
        else:
            groups.forget_learnt()
        groups.forgotten = set(groups.ledger.dropped)  # (the save clears it)
        state.save()
        return groups

    assert run(names[:2]).count == 2
    assert run(names).count == 8  # five items: past twice one a group, doubled to eight
    kept = run(names)
    assert kept.count == 8 and len(kept._trusted) == len(kept.split(names))
    partial = run(names[2:3], every=False)  # a partial run: the count as recorded
    assert partial.count == 8
    assert partial.forgotten == {ledger.Groups.of(names[2], 8)}


def test_a_folder_s_lines_are_read_only_where_one_of_its_articles_was_made_again(
    make_project, argos_store, fsmonitor, monkeypatch
):
    from pipeline import indexrows

    read: list[str] = []
    real = indexrows.IndexRows._lines
    monkeypatch.setattr(
        indexrows.IndexRows,
        "_lines",
        lambda self, name, head: read.append(name) or real(self, name, head),
    )
    root = make_project(sources=SOURCES)
    run_all()
    run_all()
    source = root / "source" / "2025" / "01" / "gamma.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("Monday", "Friday"))
    read.clear()
    run_all()
    assert set(read) <= {"2025/01", ""}  # its folder's, and the main page's
    page = root / "build" / "index" / "2025" / "01" / "index.html"
    before = page.stat().st_mtime_ns
    read.clear()
    run_all()  # what the last run wrote is looked at again; no article is made again
    assert set(read) <= {""} and page.stat().st_mtime_ns == before


def test_a_folder_s_lines_that_did_not_change_are_not_written_again(
    make_project, argos_store, fsmonitor, monkeypatch
):
    """A sentence edited in the one article of a folder whose page was deleted: the article
    is made again, and so is the page, from its lines alone (none of the folder's lines is
    kept to read). The line is as it was, so the row that holds the folder's lines is the
    one its head names, told by its text's start, and is not written again."""
    written: list[tuple[str, str]] = []
    real = ledger.Ledger.record_part
    monkeypatch.setattr(
        ledger.Ledger,
        "record_part",
        lambda self, key, **found: written.append((self.command, key)) or real(self, key, **found),
    )
    root = make_project(sources=SOURCES)
    run_all()
    run_all()
    source = root / "source" / "2025" / "01" / "gamma.txt"
    source.write_text(source.read_text(encoding="utf-8").replace("Monday", "Friday"))
    page = root / "build" / "index" / "2025" / "01" / "index.html"
    page.unlink()
    written.clear()
    run_all()
    assert page.is_file()
    assert any(command == "build group items" for command, _ in written)  # (made again)
    assert ("build index lines", "2025/01") not in written
