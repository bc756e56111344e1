"""Pictures kept with the sources: copied beside each language's pages, kept up to date and
removed with their source, at the cost of what changed (``pipeline.pictures``)."""

from __future__ import annotations

import base64
import os
import re
import sqlite3

import pytest
from conftest import LANGUAGES, l10n, l10n_ok

PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
ARTICLE = (
    "# Cranes at work\n\nThe port is busy today and its cranes move containers.\n\n"
    "![Cranes at the port](images/cranes.png)\n\nMore ships will call here next week.\n"
)
CODES = ("en", *LANGUAGES)


@pytest.fixture
def project(make_project):
    return make_project(sources={"2026/12/cranes.md": ARTICLE, "2026/12/images/cranes.png": PIXEL})


def build() -> list[str]:
    l10n_ok("extract")
    l10n_ok("update")
    return l10n_ok("build").stdout.splitlines()


def copies(root) -> dict[str, bytes]:
    return {
        p.relative_to(root / "build").as_posix(): p.read_bytes()
        for p in (root / "build").rglob("*")
        if p.suffix.lower() in (".png", ".jpg", ".svg") and p.is_file()
    }


def test_a_picture_beside_a_source_is_beside_each_languages_page(project):
    build()
    picture = project / "source" / "2026" / "12" / "images" / "cranes.png"
    assert copies(project) == {f"{code}/2026/12/images/cranes.png": PIXEL for code in CODES}
    for code in CODES:  # the copy keeps the source's time: the next build compares them
        copy = project / "build" / code / "2026" / "12" / "images" / "cranes.png"
        assert copy.stat().st_mtime_ns == picture.stat().st_mtime_ns
    page = (project / "build" / "en" / "2026" / "12" / "cranes.html").read_text("utf-8")
    assert '<img src="images/cranes.png"' in page
    assert re.match(r"build/index\.html: 0 written", l10n_ok("build").stdout)


def test_a_changed_picture_is_copied_again_and_a_deleted_one_removed(project):
    build()
    picture = project / "source" / "2026" / "12" / "images" / "cranes.png"
    picture.write_bytes(PIXEL + b"\0")
    lines = l10n_ok("build").stdout.splitlines()
    assert lines[0].startswith(f"build/index.html: {len(CODES)} written")
    assert set(copies(project).values()) == {PIXEL + b"\0"}
    picture.unlink()
    lines = l10n_ok("build").stdout.splitlines()
    assert sorted(line for line in lines if line.startswith("removed:")) == [
        f"removed: build/{code}/2026/12/images/cranes.png" for code in sorted(CODES)
    ]
    assert copies(project) == {}
    assert not (project / "build" / "en" / "2026" / "12" / "images").exists()
    assert (project / "build" / "en" / "2026" / "12" / "cranes.html").is_file()
    # (Korean is not published, below its threshold: its folder held only the picture)
    assert not (project / "build" / "ko" / "2026").exists() and (project / "build" / "ko").is_dir()


def test_copies_are_found_by_listing_where_the_last_build_is_not_known(project):
    """No record of what was copied (its file lost): the language's folder is listed, and a
    copy whose picture is gone still goes."""
    build()
    (project / "source" / "2026" / "12" / "images" / "cranes.png").unlink()
    (project / "build" / ".l10n" / "pictures.json").unlink()
    l10n_ok("build")
    assert copies(project) == {}


def test_a_picture_replaced_unseen_is_compared_byte_by_byte_where_the_state_is_lost(
    project, steadiness
):
    """The state lost (a new version of the program, the state folder deleted), and a picture
    replaced meanwhile by bytes of its size and time: its copy is compared and made again."""
    build()
    picture = project / "source" / "2026" / "12" / "images" / "cranes.png"
    info = picture.stat()
    picture.write_bytes(PIXEL[:-1] + b"\2")
    os.utime(picture, ns=(info.st_atime_ns, info.st_mtime_ns))
    with sqlite3.connect(project / "build" / ".l10n" / "state.sqlite") as db:
        assert db.execute("DELETE FROM facts WHERE command = 'build pictures'").rowcount == 1
    l10n_ok("build")
    assert set(copies(project).values()) == {PIXEL[:-1] + b"\2"}


def test_a_language_taken_out_of_the_settings_loses_its_copies(project, make_project):
    build()
    make_project(sources={}, languages={k: v for k, v in LANGUAGES.items() if k != "ms"})
    build()
    assert sorted(copies(project)) == [
        f"{code}/2026/12/images/cranes.png" for code in sorted(CODES) if code != "ms"
    ]


def test_hidden_folders_links_and_other_files_are_not_copied(project, tmp_path):
    folder = project / "source" / "2026" / "12"
    (folder / ".drafts").mkdir()
    (folder / ".drafts" / "next.png").write_bytes(PIXEL)
    outside = tmp_path / "secret.png"
    outside.write_bytes(b"not the project's")
    os.symlink(outside, folder / "images" / "linked.png")
    (folder / "images" / "notes.psd").write_bytes(b"layers")
    (folder / "images" / "SHOT.JPG").write_bytes(b"\xff\xd8\xff")
    (folder / "images" / "Map.Png").write_bytes(PIXEL)
    (folder / "images" / "folder.png").mkdir()  # (a folder, not a picture)
    os.mkfifo(folder / "images" / "pipe.png")
    build()
    assert sorted(p for p in copies(project) if p.startswith("ko/")) == [
        "ko/2026/12/images/Map.Png",
        "ko/2026/12/images/SHOT.JPG",
        "ko/2026/12/images/cranes.png",
    ]
    assert not list((project / "build").rglob("*.psd"))
    assert not list((project / "build").rglob("folder.png"))


def test_the_folders_a_removed_copy_leaves_empty_go(project):
    nested = project / "source" / "2026" / "12" / "images" / "maps" / "coast"
    nested.mkdir(parents=True)
    (nested / "bay.png").write_bytes(PIXEL)
    build()
    assert (project / "build" / "ko" / "2026" / "12" / "images" / "maps" / "coast").is_dir()
    (nested / "bay.png").unlink()
    l10n_ok("build")
    assert not (project / "build" / "ko" / "2026" / "12" / "images" / "maps").exists()
    assert (project / "build" / "ko" / "2026" / "12" / "images" / "cranes.png").is_file()


@pytest.fixture(params=["recent", "steady"])
def steadiness(request, monkeypatch):
    """Pictures as a build finds them: changed within the last two seconds (their copies
    compared byte by byte), or long enough ago that their recorded state proves them."""
    from pipeline import pictures

    if request.param == "steady":
        monkeypatch.setattr(pictures, "_STEADY_NS", 0)
    return request.param


def test_a_picture_replaced_with_its_old_size_and_time_is_copied_again(project, steadiness):
    # `cp -p`, `rsync -a` and `tar -x` write new bytes and then the old modification time
    build()
    picture = project / "source" / "2026" / "12" / "images" / "cranes.png"
    info = picture.stat()
    picture.write_bytes(PIXEL[:-1] + b"\1")
    os.utime(picture, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert picture.stat().st_size == info.st_size
    lines = l10n_ok("build").stdout.splitlines()
    assert lines[0].startswith(f"build/index.html: {len(CODES)} written")
    assert set(copies(project).values()) == {PIXEL[:-1] + b"\1"}


def test_a_copy_deleted_by_hand_is_made_again(project, steadiness):
    build()
    copy = project / "build" / "ko" / "2026" / "12" / "images" / "cranes.png"
    copy.unlink()
    assert l10n_ok("build").stdout.startswith("build/index.html: 1 written")
    assert copy.read_bytes() == PIXEL
    assert l10n_ok("build").stdout.startswith("build/index.html: 0 written")


def test_a_build_that_fails_while_copying_leaves_no_copy_it_made_anew(project):
    build()
    folder = project / "source" / "2026" / "12" / "images"
    (folder / "bay.png").write_bytes(PIXEL)
    (folder / "dock.png").write_bytes(PIXEL)
    (project / "build" / "ms" / "2026" / "12" / "images" / "dock.png").mkdir(parents=True)
    result = l10n("build")
    assert result.exit_code == 2
    assert result.output == (
        "l10n: error: build/ms/2026/12/images/dock.png: cannot write: Is a directory\n"
    )
    assert sorted(p for p in copies(project) if "cranes" not in p) == []
    (project / "build" / "ms" / "2026" / "12" / "images" / "dock.png").rmdir()
    (folder / "bay.png").unlink()
    (folder / "dock.png").unlink()
    l10n_ok("build")
    assert sorted(copies(project)) == [
        f"{code}/2026/12/images/cranes.png" for code in sorted(CODES)
    ]


def test_a_picture_whose_name_holds_a_control_character_stops_the_build(project):
    (project / "source" / "2026" / "12" / "images" / "bad\nname.png").write_bytes(PIXEL)
    result = l10n("build")
    assert result.exit_code == 2 and len(result.output.splitlines()) == 1
    assert "a control character in the file name; rename the file" in result.output


def test_a_partial_build_leaves_the_other_languages_to_be_copied_by_the_next(project, steadiness):
    build()
    picture = project / "source" / "2026" / "12" / "images" / "cranes.png"
    picture.write_bytes(PIXEL + b"\3")
    (picture.parent / "bay.png").write_bytes(PIXEL)
    l10n_ok("build", "--lang", "ko")
    assert sorted(p for p in copies(project) if "bay" in p) == [
        "en/2026/12/images/bay.png",
        "ko/2026/12/images/bay.png",
    ]
    l10n_ok("build")
    assert set(copies(project).values()) == {PIXEL + b"\3", PIXEL}
    assert sorted(p for p in copies(project) if "bay" in p) == [
        f"{code}/2026/12/images/bay.png" for code in sorted(CODES)
    ]
    assert copies(project)["ms/2026/12/images/cranes.png"] == PIXEL + b"\3"


def test_a_build_stopped_after_copying_leaves_nothing_the_next_does_not_remove(
    project, monkeypatch
):
    """Ctrl-C after the copies, before the build saves what it learnt: the file of what was
    copied, written before the copies, names them, and the next build removes those of
    pictures gone since."""
    from pipeline import pictures

    build()
    bay = project / "source" / "2026" / "12" / "images" / "bay.png"
    bay.write_bytes(PIXEL)
    real = pictures.mirror

    def interrupted(*args, **kwargs):
        real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(pictures, "mirror", interrupted)
    assert l10n("build").exit_code != 0  # (click reports the interrupt: "Aborted!")
    monkeypatch.setattr(pictures, "mirror", real)
    assert any("bay" in p for p in copies(project))
    bay.unlink()
    l10n_ok("build")
    assert not any("bay" in p for p in copies(project))


def test_a_picture_of_a_long_name_is_copied(project):
    name = "p" * 245 + ".png"  # (a file beside it, while it is copied, may not add to it)
    (project / "source" / "2026" / "12" / "images" / name).write_bytes(PIXEL)
    build()
    assert (project / "build" / "ko" / "2026" / "12" / "images" / name).read_bytes() == PIXEL


def test_a_folder_of_the_build_that_only_looks_like_a_language_is_left_alone(project):
    """``build/img/`` is no language the build made, though its name could be one: pictures
    put there by hand are not removed as a dropped language's copies."""
    (project / "build" / "img").mkdir(parents=True)
    (project / "build" / "img" / "logo.png").write_bytes(PIXEL)
    build()
    l10n_ok("build")
    assert (project / "build" / "img" / "logo.png").read_bytes() == PIXEL
