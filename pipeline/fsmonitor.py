"""Which of a project's files changed since a run, as a file system monitor saw them: the
commands told what changed, instead of looking at every file of an archive.

A stage that keeps its facts by group (``ledger.Groups``) looks at each file of each group
with a ``stat`` to know that the group's facts still hold: 1.9 million files for a build of
100,000 articles. With ``L10N_FSMONITOR=watchman`` in the environment, it asks Watchman
(https://facebook.github.io/watchman/) instead which files changed since the clock its last
full run was given, and looks only at the groups those files are in. Watchman keeps watching
between runs (its server starts on the first query and stays); the first query of a project
starts the watch and answers "everything may have changed", as does a clock of a server
that was restarted since, so a lost clock costs looking, never a wrong answer.

Where the monitor cannot answer (Watchman not installed, not answering, an answer that cannot
be read, its watch leaving out a folder of the project's files), the run looks at every
file, as it does without one, after one line on standard error."""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ENVIRONMENT = "L10N_FSMONITOR"
TIMEOUT = 60  # seconds a query may take: the first one of a project waits for its crawl
_FAILED: dict[str, str] = {}  # project → why the monitor did not answer this process
_WATCHES: dict[str, tuple[str, str]] = {}  # project → its watch, and its path in the watch


@dataclass(frozen=True)
class Changes:
    """What the monitor answered: its clock now (for the next run to ask since), the watch it
    is of, and the files (relative to the project, with ``/``) changed since the clock asked
    about; ``files`` is None where it cannot tell (no clock yet, a new watch, a restarted
    server): every file may have changed."""

    clock: str
    watch: str
    files: frozenset[str] | None


class Watchman:
    """Queries to a Watchman server about one project (``root``), leaving out the project's
    own state folder (``private``, relative to the root), which every run writes."""

    def __init__(self, root: Path, private: str, folders: list[str]):
        self.root = os.path.abspath(root)
        self.private = private
        self.folders = folders  # what the project's files are in, relative to the root

    def changes(self, since: str | None, watch: str) -> Changes | None:
        """The files changed since ``since`` (a clock this monitor gave for ``watch``), or
        None where the monitor cannot answer (said once on standard error; a monitor that
        failed once is not asked again by this process: each stage would wait for it)."""
        if self.root in _FAILED:
            return None
        try:
            return self._changes(since, watch)
        except _Unanswered as problem:
            _FAILED[self.root] = str(problem)
            _say(str(problem))
            return None

    def _changes(self, since: str | None, watch: str) -> Changes:
        root, relative = self._watched()
        if since is None or watch != root:  # nothing to ask since: the clock now
            answer = self._ask(["clock", root, {"sync_timeout": TIMEOUT * 1000}])
            return Changes(_text(answer, "clock"), root, None)
        # every name under the state folder, and the folder itself, left out
        private = ["anyof", ["dirname", self.private], ["name", self.private, "wholename"]]
        query = {
            "since": since,
            "fields": ["name"],
            "expression": ["not", private],
            "empty_on_fresh_instance": True,
        }
        if relative:
            query["relative_root"] = relative
        answer = self._ask(["query", root, query])
        clock = _text(answer, "clock")
        if answer.get("is_fresh_instance", True):  # another server's clock: all may be new
            return Changes(clock, root, None)
        found = answer.get("files")
        if not isinstance(found, list) or not all(isinstance(name, str) for name in found):
            raise _Unanswered(f"an answer this program cannot read ({str(found)[:60]})")
        return Changes(clock, root, frozenset(found))

    def _watched(self) -> tuple[str, str]:
        """The watch the project is in and the project's path inside it (``watch-project``);
        refused where the watch's settings leave out a folder that holds the project's files."""
        if self.root not in _WATCHES:  # asked once a process (``l10n run``: four stages)
            answer = self._ask(["watch-project", self.root])
            root, relative = _text(answer, "watch"), str(answer.get("relative_path") or "")
            config = self._ask(["get-config", root]).get("config")
            config = config if isinstance(config, dict) else {}
            ignored = [*_names(config, "ignore_dirs"), *_names(config, "ignore_vcs")]
            inside = [f"{relative}/{folder}".strip("/") for folder in self.folders]
            for folder in ignored:  # one of the project's folders, one in it, or one above
                folder = folder.strip("/")
                for path in inside:
                    if not folder or _nested(path, folder) or _nested(folder, path):
                        raise _Unanswered(
                            f"its settings for {root} leave out {folder} (ignore_dirs or "
                            "ignore_vcs), where the project's files are"
                        )
            _WATCHES[self.root] = (root, relative)
        return _WATCHES[self.root]

    def _ask(self, command: list) -> dict:
        import subprocess  # (only where a monitor is asked: the commands start without it)

        program = shutil.which("watchman")
        if program is None:
            raise _Unanswered("not installed (no `watchman` on the PATH)")
        # the server's socket as newer clients take it from the environment (this one
        # passes it on, for clients that do not)
        sockname = os.environ.get("WATCHMAN_SOCK")
        arguments = [f"--sockname={sockname}"] if sockname else []
        try:
            done = subprocess.run(
                [program, *arguments, "--no-pretty", "-j"],
                input=json.dumps(command).encode("utf-8"),
                capture_output=True,
                timeout=TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise _Unanswered(f"did not answer ({exc})") from None
        try:
            answer = json.loads(done.stdout)
        except ValueError:
            reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise _Unanswered(reason[-1] if reason else f"exit status {done.returncode}") from None
        if not isinstance(answer, dict) or "error" in answer:
            error = answer.get("error") if isinstance(answer, dict) else answer
            raise _Unanswered(str(error).strip().splitlines()[0])
        return answer


def _nested(path: str, folder: str) -> bool:
    """Whether ``path`` is ``folder`` or in it (both relative, with ``/``)."""
    return f"{path}/".startswith(f"{folder}/")


def _text(answer: dict, key: str) -> str:
    """A field of an answer that must be a string (a clock, a watch's path)."""
    value = answer.get(key)
    if not isinstance(value, str) or not value:
        raise _Unanswered(f"an answer without its {key}")
    return value


def _names(config: dict, key: str) -> list[str]:
    """A setting of the watch's that lists folders."""
    value = config.get(key, [])
    if not isinstance(value, list):
        raise _Unanswered(f"its setting {key} is not a list of folders")
    return [str(name) for name in value]


class _Unanswered(Exception):
    pass


def configured(root: Path, private: str, folders: list[str]) -> Watchman | None:
    """The monitor ``L10N_FSMONITOR`` names (``watchman``), or None: every file is looked at.
    Another value is said once on standard error and ignored."""
    name = os.environ.get(ENVIRONMENT, "").strip()
    if not name:
        return None
    if name != "watchman":
        _say(f"{ENVIRONMENT}={name!r} is not a monitor this program knows (watchman)", name)
        return None
    outside = [folder for folder in folders if folder == ".." or folder.startswith(("../", "/"))]
    if outside:
        _say(f"{outside[0]} is outside the project's folder, which is what is watched")
        return None
    return Watchman(root, private, folders)


_SAID: set[str] = set()


def _say(problem: str, monitor: str = "watchman") -> None:
    """One line on standard error, once a process: the run goes on, looking at every file."""
    if problem not in _SAID:
        _SAID.add(problem)
        print(
            f"l10n: warning: {ENVIRONMENT}: {monitor}: {problem}; every file is looked at",
            file=sys.stderr,
        )
