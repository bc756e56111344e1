"""The ``l10n`` command: argument parsing, output and exit codes; the work is in the library."""

from __future__ import annotations

import contextlib
import gc
import json
import os
import sys
from dataclasses import asdict

import click

from pipeline.config import Config, load_config
from pipeline.errors import L10nError

# What the ``mt`` extra installs; a command that needs one of them says so in one line.
MT_MODULES = frozenset({"argostranslate", "ctranslate2", "sentencepiece", "sacremoses"})


class Group(click.Group):
    """Turns the project's errors into one line on stderr and exit status 2.

    A command is a short-lived process whose catalogs hold no reference cycles: cyclic garbage
    collection is off while it runs (refcounting frees what it drops), since each full
    collection would walk every entry of every catalog loaded so far."""

    def invoke(self, ctx: click.Context):
        collecting = gc.isenabled()
        gc.disable()
        try:
            return super().invoke(ctx)
        except L10nError as exc:
            exc.path = _shown(exc.path)
            click.echo(f"l10n: error: {exc}", err=True)
            ctx.exit(2)
        except click.UsageError as exc:  # a bad option or argument: one line, as every error
            where = exc.ctx.command_path if exc.ctx is not None else "l10n"
            message = " ".join(exc.format_message().split()).rstrip(".")  # (one line)
            click.echo(f"l10n: error: {message} (see {where} --help)", err=True)
            ctx.exit(2)
        except ModuleNotFoundError as exc:
            if (exc.name or "").split(".")[0] not in MT_MODULES:
                raise
            click.echo(
                f"l10n: error: machine translation needs the mt extra (no module {exc.name!r}): "
                "pip install '.[mt]'",
                err=True,
            )
            ctx.exit(2)
        except BrokenPipeError:  # `l10n check | head`: the reader has all it wanted
            _quiet_stdout()
            ctx.exit(141)  # as a process that SIGPIPE ended (128 + 13)
        except OSError as exc:  # a file system error no library code turned into an L10nError
            where = f"{_shown(str(exc.filename))}: " if exc.filename else ""
            click.echo(f"l10n: error: {where}{exc.strerror or exc}", err=True)
            ctx.exit(2)
        finally:
            if collecting:
                gc.enable()


def _shown(path: str | None) -> str | None:
    """A file's path as an error names it: relative to the project (the folder the command
    runs in) where it is inside it, else as it is."""
    if path is None or not os.path.isabs(path):
        return path
    try:
        relative = os.path.relpath(path)
    except ValueError:  # (another drive)
        return path
    return path if relative == ".." or relative.startswith(".." + os.sep) else relative


def _quiet_stdout() -> None:
    """Point stdout at /dev/null, so that flushing it at exit raises no second broken pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (a test's capture): nothing to flush
        pass
    finally:
        os.close(devnull)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="l10n-pipeline")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    envvar="L10N_JOBS",
    metavar="N",
    help="Processes for work over many documents (default: every core; env L10N_JOBS).",
)
@click.pass_context
def main(ctx: click.Context, jobs: int | None) -> None:
    """Localisation pipeline for news articles: segment, extract, update, translate, check,
    build."""
    ctx.obj = None
    ctx.meta["jobs"] = jobs


def jobs_of(ctx: click.Context) -> int:
    """How many processes a command may use for work over many documents."""
    from pipeline.parallel import default_jobs

    return ctx.meta.get("jobs") or default_jobs()


def config_of(ctx: click.Context) -> Config:
    """The project's settings, read once per command."""
    root = ctx.find_root()
    if root.obj is None:
        root.obj = load_config()
    return root.obj


def _not_nan(value: float | None) -> float | None:
    if value is not None and value != value:
        raise click.BadParameter("nan is not a percentage")
    return value


lang_option = click.option(
    "--lang", "langs", multiple=True, metavar="L", help="Only this language (repeatable)."
)


def project_of(ctx: click.Context):
    """The project the command works on (its settings read once)."""
    from pipeline.project import Project

    return Project(config_of(ctx))


verbose_option = click.option(
    "-v", "--verbose", is_flag=True, help="Also list what is unchanged, one line each."
)


def report_saved(ctx: click.Context, project, saved, verb: str, verbose: bool = False) -> None:
    """A summary line, then one line per catalog saved (with ``verbose``, per catalog left
    unchanged too), paths relative to the project; a conflict is an error, exit 2, and
    otherwise the project remembers the run."""
    relative = project.config.relative
    written, conflicts = set(map(id, saved.written)), set(map(id, saved.conflicts))
    unchanged = len(saved.catalogs) - len(saved.written) - len(saved.conflicts) + saved.kept
    removed = f", {len(saved.removed)} removed" if saved.removed else ""
    click.echo(f"{len(saved.written)} {verb}, {unchanged} unchanged{removed}")
    for item in saved.catalogs:
        if id(item) not in conflicts and (verbose or id(item) in written):
            state = verb if id(item) in written else "unchanged"
            click.echo(f"{state}: {relative(item.path)} ({len(item)} entries)")
    config = project.config
    for path in saved.removed:
        catalogs = relative(config.po_path("*", config.document_name(path, config.locales_dir)))
        click.echo(f"removed: {relative(path)} (its source is gone; its catalogs {catalogs} stay)")
    for item in saved.conflicts:
        click.echo(f"l10n: error: {relative(item.path)}: {CHANGED_MEANWHILE}", err=True)
    if saved.unsaved:
        click.echo(
            f"l10n: interrupted while saving: {len(saved.unsaved)} files not written; run it again",
            err=True,
        )
        ctx.exit(130)
    if saved.conflicts:
        ctx.exit(2)
    project.remember()


CHANGED_MEANWHILE = "changed by another program while this command ran; not written (run it again)"


# ---- segment / extract / update: the gettext workflow -----------------------------------


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--all", "show_chrome", is_flag=True, help="Also show site chrome (not extracted).")
@click.pass_context
def segment(ctx: click.Context, file: str, fmt: str, show_chrome: bool) -> None:
    """Print the sentence segments of a source document (.txt, .md or .html); in JSON, a
    sentence with inline markup also lists what each of its tags stands for."""
    from pipeline.sources import read_document

    config = config_of(ctx)
    doc = read_document(file, config.chrome_patterns, config.label_patterns)
    segments = doc.segments(include_chrome=show_chrome)
    if fmt == "json":
        rows = [asdict(s) for s in segments]
        for row in rows:
            if not row["tags"]:
                del row["tags"]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for seg in segments:
        click.echo(f"{seg.line:>4}  {seg.role:<10} {seg.text}")


@main.command(name="import")
@click.argument("page", type=click.Path(dir_okay=False))
@click.option(
    "--name",
    metavar="NAME",
    help="The document's name (default: the page's file name, spaces and the like as '-'); "
    "with '/', in folders: 2026/12/slug writes source/2026/12/slug.md.",
)
@click.option(
    "--url",
    metavar="URL",
    help="Where the page came from (https://…): its relative links are made absolute against "
    "it, and it is the source's url. Default: the address the page names (<base>, canonical "
    "link, og:url); a page that names none keeps its relative links.",
)
@click.pass_context
def import_(ctx: click.Context, page: str, name: str | None, url: str | None) -> None:
    """Write a saved HTML page's article as source/<name>.md, for editors to read and correct:
    title, standfirst, key points, figures and body, with links and emphasis; site chrome
    (navigation, ads, related links) left out."""
    from pathlib import Path

    from pipeline import files
    from pipeline.sources import html_to_markdown, markdown_document, relative_links, web_address

    from pipeline.config import check_new_name, document_slug

    config = config_of(ctx)
    address = web_address(url) if url is not None else ""
    stem = name if name is not None else document_slug(Path(page).stem)
    if name is not None and stem.lower().endswith(".md"):
        stem = stem[:-3]  # (--name x.md writes source/x.md, not x.md.md)
    if name is None and not stem:
        raise L10nError("no document name can be made of this file name: give one with --name")
    check_new_name(stem, "--name")
    target = config.source_dir / f"{stem}.md"
    config.check_name(target, stem)
    markdown, _ = html_to_markdown(None, page, address)  # read there; over 2 MiB refused
    markdown_document(markdown, stem, target, config.chrome_patterns, config.label_patterns)
    if config.source_dir.is_dir():
        for existing in config.sources():
            if config.document_name(existing) == stem:
                raise L10nError("a source of this name exists already (see --name)", existing)
    files.write_text(target, markdown)
    click.echo(f"written: {config.relative(target)}")
    relative = relative_links(markdown)
    if relative:  # the page names no address of its own, and none was given
        count, first = len(relative), relative[0]
        many = f"{count} links are" if count > 1 else "1 link is"
        click.echo(
            f"l10n: warning: {config.relative(target)}: {many} relative to the page's address "
            f"({first}{', …' if count > 1 else ''}), which the page does not name, so "
            f"{'they lead' if count > 1 else 'it leads'} nowhere once published; to make "
            f"{'them' if count > 1 else 'it'} absolute, delete the source and import the page "
            "again with --url URL",
            err=True,
        )


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(dir_okay=False))
@verbose_option
@click.pass_context
def extract(ctx: click.Context, sources: tuple[str, ...], verbose: bool) -> None:
    """Write locales/<doc>.pot for each source document (default: all of source/).

    Run over every source, it also removes the template of each document whose source is
    gone (deleted or renamed); its catalogs stay (docs/design.md, "Renaming or deleting an
    article")."""
    from pipeline.project import run_extract

    project = project_of(ctx)
    with progress_bar("extracting") as bar:
        saved = run_extract(project, sources, bar, jobs_of(ctx), itemised=verbose)
    report_saved(ctx, project, saved, "written", verbose)


@main.command()
@lang_option
@verbose_option
@click.pass_context
def update(ctx: click.Context, langs: tuple[str, ...], verbose: bool) -> None:
    """Create or merge each language's PO files from the templates (msgmerge semantics)."""
    from pipeline.project import run_update

    from pipeline import qa

    project = project_of(ctx)
    with progress_bar("updating") as bar:
        languages = project.config.select(langs)
        saved = run_update(project, languages, bar, jobs_of(ctx), itemised=verbose)
    qa.remember_counts(project, saved.catalogs)  # so that check --coverage-only reads none
    report_saved(ctx, project, saved, "updated", verbose)


@main.command(name="mv")
@click.argument("old")
@click.argument("new")
@click.pass_context
def mv(ctx: click.Context, old: str, new: str) -> None:
    """Rename an article, its template and its catalogs together, by their names
    (`l10n mv 2026/12/old 2026/12/new`), so that its translations follow it. After a `git
    mv` of the source, moves the rest. A catalog already under the new name is an error."""
    from pipeline.project import move_document, pictures_left

    project = project_of(ctx)
    moves = move_document(project.config, old, new)
    relative = project.config.relative
    click.echo(f"{len(moves)} moved; run make to build {new!r}")
    for source, target in moves:
        click.echo(f"moved: {relative(source)} -> {relative(target)}")
    for picture in pictures_left(project.config, moves):
        click.echo(f"note: {picture} is named by the article and stays where it was: move it too")


# ---- models / translate: offline machine translation ------------------------------------


@main.group()
def models() -> None:
    """Argos Translate models: list, install (from a file or the Argos index), remove."""


@models.command("list")
@click.option(
    "--verify",
    is_flag=True,
    help="Translate the canary sentences with each package; exit 1 if one fails.",
)
@click.pass_context
def models_list(ctx: click.Context, verify: bool) -> None:
    """Installed packages (with their tokenizer), and which configured language each covers."""
    from pipeline import packages

    config = config_of(ctx)  # (bad settings: the one line of an error, before any listing)
    click.echo(f"package store: {packages.package_store()}")
    found, broken = packages.installed()
    failed = 0
    for p in found:
        click.echo(
            f"  {p.code:<18} {p.version:<6} {p.from_code} → {p.to_code:<6} {p.describe():<14} "
            f"{p.path}"
        )
        if verify:
            from pipeline import canary

            problem = canary.problem(p)
            failed += problem is not None
            click.echo(f"    {problem or 'canary passed'}")
    for b in broken:
        click.echo(f"  skipped {b.path}: {b.reason}", err=True)
    for lang in config.languages:
        model = packages.model_for(config.source_language, lang, found)
        covered = model.package.label() if model.package else "no model: " + model.instructions[0]
        click.echo(f"{lang.code:<8} {model.pair:<11} {covered}")
    if failed:
        ctx.exit(1)


@models.command("install")
@click.argument("items", nargs=-1, required=True, metavar="FILE.argosmodel…|CODE…")
@click.option(
    "--index",
    "from_index",
    is_flag=True,
    help="Download the named packages (translate-en_ko …) from the Argos index.",
)
@click.option("--timeout", default=10.0, show_default=True, help="Network timeout (seconds).")
@click.option(
    "--no-canary",
    is_flag=True,
    help="Install without translating the canary sentences first (a package checked otherwise).",
)
@click.pass_context
def models_install(
    ctx: click.Context, items: tuple[str, ...], from_index: bool, timeout: float, no_canary: bool
):
    """Install package files into the Argos package store. Each is validated first and must
    translate a few fixed sentences into clean text in the target script (the canary)."""
    from pipeline import canary, packages

    verify = None if no_canary else canary.problem
    if from_index:
        try:
            done = packages.install_from_index(items, timeout=timeout, verify=verify)
        except packages.IndexUnreachable as exc:
            click.echo(f"l10n: error: {exc}", err=True)
            for line in exc.instructions:
                click.echo(f"  {line}", err=True)
            ctx.exit(2)
    else:
        done = packages.install_files(items, verify=verify)
    for package, replaced in done:
        click.echo(
            f"installed {package.label()} ({package.from_code} → {package.to_code}) "
            f"in {package.path}"
        )
        for old in replaced:
            click.echo(f"  replaced {old}")


@models.command("remove")
@click.argument("code")
def models_remove(code: str) -> None:
    """Remove an installed package (e.g. translate-en_ko)."""
    from pipeline import packages

    for path in packages.remove(code):
        click.echo(f"removed {path}")


@main.command()
@lang_option
@click.option("--refresh", is_flag=True, help="Also redo unreviewed machine drafts.")
@click.option("--dry-run", is_flag=True, help="Say what would be drafted; change nothing.")
@click.option(
    "--batch-size",
    "batch_tokens",
    default=2048,
    show_default=True,
    type=click.IntRange(1),
    help="Source tokens per batch.",
)
@click.option(
    "--beam-size",
    default=4,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Hypotheses kept while decoding (1: greedy; more: slower, sometimes better).",
)
@click.option(
    "--compute-type",
    default="int8",
    show_default=True,
    help="CTranslate2 compute type (int8, int8_float32, float32, …).",
)
@click.option(
    "--device",
    type=click.Choice(["auto", "cpu", "cuda"]),
    default="auto",
    show_default=True,
    help="Where the model runs (auto: a GPU where CTranslate2 sees one, else the CPU).",
)
@click.option(
    "--inter-threads",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Batches decoded at once (GPUs or CUDA streams; on the CPU, core groups).",
)
@click.option(
    "--intra-threads",
    default=0,
    show_default=True,
    type=click.IntRange(0, 1024),
    help="CPU threads per batch (0: every core this process may use).",
)
@click.option(
    "--ray",
    "ray_address",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[ADDRESS]",
    help="Decode on a Ray cluster at ADDRESS (auto, HOST:6379, ray://HOST:10001); alone: "
    "[tool.l10n.ray]'s address, else $RAY_ADDRESS, else Ray on this machine (docs/cluster.md).",
)
@click.option(
    "--ray-workers",
    type=click.IntRange(1),
    help="Workers on the cluster (default: one per GPU, or per --ray-cpus CPUs).",
)
@click.option(
    "--ray-cpus", type=click.IntRange(1, 1024), help="CPU threads per worker (default 1)."
)
@click.option("--no-ray", is_flag=True, help="Decode here even where [tool.l10n.ray] is set.")
@click.option("--strict", is_flag=True, help="Exit 1 when a language has no model.")
@click.option("-v", "--verbose", is_flag=True, help="Say in full how to install a missing model.")
@click.pass_context
def translate(
    ctx: click.Context,
    langs,
    refresh,
    dry_run,
    ray_address,
    ray_workers,
    ray_cpus,
    no_ray,
    strict,
    verbose,
    **decoding,
) -> None:
    """Pre-fill untranslated entries with machine drafts (fuzzy, with an MT: comment)."""
    from pipeline import cluster, mt
    from pipeline import translate as mt_translate

    project = project_of(ctx)
    languages = project.config.select(langs)
    settings = mt.Settings(**decoding)
    on_ray = cluster.settings_for(project.config.ray, ray_address, ray_workers, ray_cpus, no_ray)
    if on_ray is not None:
        cluster.require()
    bars = ProgressBars() if sys.stderr.isatty() else None
    interrupted = None
    try:
        with cluster.Cluster(on_ray) if on_ray else contextlib.nullcontext() as workers:
            reports = mt_translate.run_translate(
                project, languages, settings, refresh, dry_run, bars, translator=workers
            )
    except mt_translate.Interrupted as exc:
        reports, interrupted = exc.reports, exc
    finally:
        if bars:
            bars.close()
    if not dry_run:
        project.remember()
    if interrupted:
        for report in reports:
            for line in mt_translate.summary(report):
                click.echo(line, err=True)
        click.echo("l10n: interrupted; finished batches are saved, re-run to resume", err=True)
        ctx.exit(130)
    for report in reports:
        for line in mt_translate.summary(report, dry_run, verbose):
            click.echo(line)
        for path in report.written:
            click.echo(f"  updated: {project.config.relative(path)}")
    ctx.meta[WRITTEN] = [path for report in reports for path in report.written]  # for `run`
    if strict and any(r.package is None for r in reports):
        ctx.exit(1)
    if any(report.conflicts for report in reports):
        return UNFINISHED  # a catalog saved meanwhile waits for its drafts: not stamped


@contextlib.contextmanager
def progress_bar(label: str):
    """A ``ProgressBar`` on a terminal (None elsewhere), closed however the step ends."""
    bar = ProgressBar(label) if sys.stderr.isatty() else None
    try:
        yield bar
    finally:
        if bar is not None:
            bar.close()


class ProgressBar:
    """A progress bar on stderr for a step over many files: ``bar(done, total)``; drawn only
    once the step has taken a second, so a fast run prints nothing."""

    def __init__(self, label: str):
        import time

        self.label, self.bar, self.done, self.start = label, None, 0, time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        import time

        if self.bar is None:
            if time.monotonic() - self.start < 1.0 or done >= total:
                return
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.__enter__()
        self.bar.length = total  # a step may learn its total as it goes (update: what merges)
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


class ProgressBars:
    """One progress bar per language on a terminal: segments done / total and rate."""

    def __init__(self):
        self.bar = None
        self.lang = None
        self.shown = 0

    def __call__(self, lang: str, done: int, total: int) -> None:
        import time

        if lang != self.lang:
            self.close()
            self.lang, self.shown, self.start = lang, 0, time.monotonic()
            self.bar = click.progressbar(
                length=total,
                label=lang,
                file=sys.stderr,
                show_pos=True,
                item_show_func=lambda _: (
                    f"{self.shown / max(time.monotonic() - self.start, 1e-9):.1f} seg/s"
                ),
            )
            self.bar.__enter__()
        step, self.shown = done - self.shown, done  # the rate shown counts this step too
        self.bar.update(step, current_item=lang)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


# ---- check / review: coverage and quality -----------------------------------------------


@main.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@lang_option
@click.option(
    "--min-coverage",
    type=click.FloatRange(0, 100),
    metavar="PCT",
    callback=lambda ctx, param, value: _not_nan(value),
    help="Required coverage for every language (default: [tool.l10n] thresholds).",
)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "github"]), default="text")
@click.option(
    "--badges",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Also write an SVG coverage badge per language into DIR.",
)
@click.option("--drafts", is_flag=True, help="Also check fuzzy entries (MT drafts, needs work).")
@click.option(
    "--coverage-only",
    is_flag=True,
    help="Count and enforce thresholds; skip the quality checks (fast).",
)
@click.option("--errors-only", is_flag=True, help="Text: list only error-level problems.")
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Text: every file and every warning, not only the first ones.",
)
@click.pass_context
def check(
    ctx: click.Context,
    files: tuple[str, ...],
    langs: tuple[str, ...],
    min_coverage: float | None,
    fmt: str,
    badges: str | None,
    drafts: bool,
    coverage_only: bool,
    errors_only: bool,
    verbose: bool,
) -> None:
    """Coverage and quality of the translations (default: the project's catalogs).

    Exit status 0 when every language meets its threshold with no error-level problem,
    1 otherwise, 2 for bad input."""
    from pipeline import qa, report

    project = project_of(ctx)
    config = project.config
    with progress_bar("checking") as bar:
        if files:
            targets = qa.load_files(config, files, langs)
            result = qa.check(config, targets, min_coverage, drafts, not coverage_only, bar)
        else:
            languages = qa.select_languages(config, langs)
            quality = not coverage_only
            result = qa.run_check(
                project, languages, min_coverage, drafts, quality, bar, jobs_of(ctx)
            )
            result.unchecked = [] if langs else qa.unconfigured_catalogs(config)
    color = fmt == "text" and sys.stdout.isatty()
    click.echo(report.render(result, fmt, color, verbose, errors_only), nl=False)
    if badges:
        report.write_badges(result, badges)
    project.remember()
    ctx.exit(0 if result.ok else 1)


@main.command()
@lang_option
@click.option(
    "--doc",
    "docs",
    multiple=True,
    metavar="NAME",
    help="Only this article (its source's name without the suffix; repeatable).",
)
@verbose_option
@click.pass_context
def review(ctx: click.Context, langs: tuple[str, ...], docs: tuple[str, ...], verbose: bool):
    """Write build/review/<lang>/<doc>.html for translators (every segment side by side, what
    needs a person first) and build/review/index.html listing them. A page whose catalog,
    source and settings did not change since the last run is not made again."""
    from pipeline import review as pages

    project = project_of(ctx)
    config = project.config
    with progress_bar("reviewing") as bar:
        done = pages.run_review(project, config.select(langs), docs, bar)
    project.remember()
    made = [p for p in done.pages if p.written]
    todo = sum(p.todo for p in done.pages)
    click.echo(
        f"{config.relative(done.index)}: {len(made)} written, "
        f"{len(done.pages) - len(made)} unchanged; {todo} segments need a person"
    )
    for page in done.pages:
        if page.written or verbose:
            state = "written" if page.written else "unchanged"
            where = config.relative(page.path)
            click.echo(f"{state}: {where} ({page.segments} segments, {page.todo} need a person)")
    for path in done.removed:
        click.echo(f"removed: {config.relative(path)}")


# ---- build / preview: localised outputs -------------------------------------------------


BUILD_WARNINGS_SHOWN = 20  # warnings a build lists without --verbose


@main.command()
@lang_option
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["txt", "md", "html"]),
    help="Only this output format (repeatable; default: all).",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Every page's status and every warning, also of articles that did not change.",
)
@click.pass_context
def build(ctx: click.Context, langs: tuple[str, ...], formats: tuple[str, ...], verbose: bool):
    """Write build/<lang>/<doc>.{txt,md,html}, the .mo catalogs and build/index.html.

    The index lists the documents at the top of the source folder and each folder of them,
    whose documents are on its own page, build/index/<folder>/index.html.

    Prints a summary, then the status of each page made this run (every page with
    --verbose) and the files removed; on stderr, the first 20 warnings of the articles made
    this run (with --verbose, every warning, also those of articles kept as they were)."""
    from pipeline import build as outputs

    project = project_of(ctx)
    config = project.config
    with progress_bar("building") as bar:
        languages = config.select(langs)
        result = outputs.run_build(
            project, languages, formats or outputs.FORMATS, bar, jobs_of(ctx), itemised=verbose
        )
    project.remember()
    warnings = result.warnings if verbose else result.fresh_warnings
    shown = warnings if verbose else warnings[:BUILD_WARNINGS_SHOWN]
    for warning in shown:
        click.echo(f"l10n: warning: {warning}", err=True)
    if len(warnings) > len(shown):
        more = len(warnings) - len(shown)
        click.echo(f"l10n: … and {more} more warnings (--verbose lists them)", err=True)
    click.echo(f"{config.relative(config.build_dir)}/index.html: {outputs.summary(result)}")
    for page in result.pages if verbose else result.rendered:
        click.echo(outputs.describe(page))
    for path in result.removed:
        click.echo(f"removed: {config.relative(path)}")


# The steps `run` chains, in the order they may be given.
PIPELINE_STEPS = ("extract", "update", "translate", "build", "review")
# Where `translate` leaves the catalogs it wrote, for `run` (``settle_update``).
WRITTEN = "l10n.translate.written"
# What a step returns that succeeded but left work for the next run (`translate`, where a
# translator saved a catalog while it drafted): `run --stamps` takes its stamp away.
UNFINISHED = "unfinished"


@main.command(name="run")
@click.option(
    "--stamps",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="After each step that succeeds, touch DIR/STEP (the stamps the Makefile reads).",
)
@click.argument("steps", nargs=-1, required=True, type=click.Choice(PIPELINE_STEPS))
@click.pass_context
def run(ctx: click.Context, stamps: str | None, steps: tuple[str, ...]):
    """Run pipeline steps one after the other in one process, each as its own command with
    its defaults: `l10n run extract update translate build` is what `make` runs, and costs
    one start of the program instead of four.

    Stops at the first step that fails, with its exit status; the steps before it are done
    (and stamped). A step that left work for the next run (a catalog a translator saved while
    `translate` drafted it) is not stamped, so the next `make` starts there."""
    if list(steps) != sorted(set(steps), key=PIPELINE_STEPS.index):
        raise click.UsageError(f"the steps go in the order {' '.join(PIPELINE_STEPS)}, each once")
    drafted = []  # catalogs translate wrote drafts into
    for step in steps:
        finished = ctx.invoke(main.get_command(ctx, step)) is not UNFINISHED
        drafted += ctx.meta.pop(WRITTEN, [])
        gc.collect()  # what the step left in cycles, with collection off while it ran (Group)
        if stamps:
            stamp = os.path.join(stamps, step)
            os.makedirs(stamps, exist_ok=True)
            if not finished:
                with contextlib.suppress(FileNotFoundError):
                    os.remove(stamp)
                continue
            with open(stamp, "a"):
                os.utime(stamp)
    if drafted:  # update's record of them made again, last: its memory is the build's, reused
        from pipeline.project import settle_update

        project = project_of(ctx)
        settle_update(project, drafted)
        project.remember()


@main.command()
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default=None,
    help="Where the PNG files go (default: build/preview).",
)
@lang_option
@click.option(
    "--doc", "docs", multiple=True, metavar="NAME", help="Only this article (repeatable)."
)
@click.option("--all", "every", is_flag=True, help="Take every screenshot again.")
@verbose_option
@click.pass_context
def preview(ctx: click.Context, out: str | None, langs, docs, every: bool, verbose: bool):
    """Screenshot the built pages in headless Chromium, at phone and desktop widths; a page
    not rebuilt since its screenshots keeps them (--all takes them again)."""
    from pathlib import Path

    from pipeline.browser import preview as screenshots

    config = config_of(ctx)
    others = tuple(code for code in langs if code != config.source_language)
    codes = tuple(code for code in langs if code == config.source_language)
    codes += tuple(lang.code for lang in config.select(others)) if others else ()
    if docs:
        project_of(ctx).check_named(docs)
    target = Path(out) if out else config.build_dir / "preview"
    shots = screenshots(config.build_dir, target, langs=codes, docs=docs, every=every)
    taken = [shot for shot in shots if shot.taken]
    click.echo(f"{len(taken)} written, {len(shots) - len(taken)} unchanged")
    for shot in shots:
        if shot.taken or verbose:
            state = "written" if shot.taken else "unchanged"
            click.echo(f"{state}: {config.relative(shot.path)}")


# ---- format: canonical PO formatting ----------------------------------------------------


@main.command(name="format")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--check", is_flag=True, help="Change nothing; exit 1 if a file would change.")
@click.option("--to-utf-8", "utf8", is_flag=True, help="Convert files in other charsets to UTF-8.")
@click.pass_context
def format_(ctx: click.Context, files: tuple[str, ...], check: bool, utf8: bool) -> None:
    """Rewrite PO files in canonical GNU layout (as msgcat writes them), losing nothing."""
    from pipeline import pofile

    with progress_bar("formatting") as bar:
        changed, read = pofile.format_files(list(files), check=check, utf8=utf8, progress=bar)
    done = "would be reformatted" if check else "reformatted"
    click.echo(f"{len(changed)} {done}, {read - len(changed)} unchanged")
    for path in changed:
        click.echo(f"{'would reformat' if check else 'reformatted'}: {path}")
    if check and changed:
        ctx.exit(1)


if __name__ == "__main__":
    main(sys.argv[1:])
