"""The ``l10n`` command: argument parsing, output and exit codes; the work is in the library."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

import click

from pipeline.config import Config, load_config
from pipeline.errors import L10nError


class Group(click.Group):
    """Turns the project's errors into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except L10nError as exc:
            click.echo(f"l10n: error: {exc}", err=True)
            ctx.exit(2)


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="l10n-pipeline")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Localisation pipeline for news articles: segment, extract, update, translate, check,
    build."""
    ctx.obj = None


def config_of(ctx: click.Context) -> Config:
    """The project's settings, read once per command."""
    root = ctx.find_root()
    if root.obj is None:
        root.obj = load_config()
    return root.obj


lang_option = click.option(
    "--lang", "langs", multiple=True, metavar="L", help="Only this language (repeatable)."
)


def report(results, verb: str) -> None:
    for item in results:
        state = verb if item.changed else "unchanged"
        click.echo(f"{state}: {item.path} ({item.entries} entries)")


# ---- segment / extract / update: the gettext workflow -----------------------------------


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
@click.option("--all", "show_chrome", is_flag=True, help="Also show site chrome (not extracted).")
@click.pass_context
def segment(ctx: click.Context, file: str, fmt: str, show_chrome: bool) -> None:
    """Print the sentence segments of a source document."""
    from pipeline.segment import read_document

    doc = read_document(file, config_of(ctx).chrome_patterns)
    segments = doc.segments(include_chrome=show_chrome)
    if fmt == "json":
        click.echo(json.dumps([asdict(s) for s in segments], ensure_ascii=False, indent=2))
        return
    for seg in segments:
        click.echo(f"{seg.line:>4}  {seg.role:<10} {seg.text}")


@main.command()
@click.argument("sources", nargs=-1, type=click.Path(dir_okay=False))
@click.pass_context
def extract(ctx: click.Context, sources: tuple[str, ...]) -> None:
    """Write locales/<doc>.pot for each source document (default: source/*.txt)."""
    from pipeline import project

    report(project.extract(config_of(ctx), sources), "written")


@main.command()
@lang_option
@click.pass_context
def update(ctx: click.Context, langs: tuple[str, ...]) -> None:
    """Create or merge each language's PO files from the templates (msgmerge semantics)."""
    from pipeline import project

    config = config_of(ctx)
    report(project.update(config, config.select(langs)), "updated")


# ---- models / translate: offline machine translation ------------------------------------

# ---- check / review: coverage and quality -----------------------------------------------

# ---- build / preview: localised outputs -------------------------------------------------

# ---- format: canonical PO formatting ----------------------------------------------------


if __name__ == "__main__":
    main(sys.argv[1:])
