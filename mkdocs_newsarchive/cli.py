"""The `newsarchive` command line: a second adapter over the engine and the caches the plugin uses, so that a
command and a build always agree."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path

import click

from mkdocs_newsarchive.cache.archive_memory import ArchiveMemory
from mkdocs_newsarchive.console.check import exit_code, findings, text_lines
from mkdocs_newsarchive.console.files import Written, write_tree
from mkdocs_newsarchive.console.options import load_settings
from mkdocs_newsarchive.console.progress import ProgressBar
from mkdocs_newsarchive.console.stats import stats_lines
from mkdocs_newsarchive.engine import pipeline
from mkdocs_newsarchive.engine.export.markdown_files import markdown_files, mirrored_paths
from mkdocs_newsarchive.engine.export.material_blog import CATEGORY_MAPPINGS, material_blog, undated
from mkdocs_newsarchive.engine.pages.labels import words_for
from mkdocs_newsarchive.engine.read.sources import find_post_files
from mkdocs_newsarchive.engine.settings import Settings
from mkdocs_newsarchive.engine.stats import archive_stats

SOURCE = click.argument("source", type=click.Path(exists=True, file_okay=False, path_type=Path))
CONFIG = click.option("--config", "-f", "config_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                      help="Take the options (and the cache) from the `newsarchive` entry of this mkdocs.yml.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mkdocs-newsarchive")
def main() -> None:
    """Check, convert and export archives of scraped news posts (Hexo front matter over HTML) outside a
    build, with the code the MkDocs plugin uses.

    \b
    Examples:
      newsarchive check posts/
      newsarchive check posts/ --config mkdocs.yml --json > report.json
      newsarchive convert posts/ clean/
      newsarchive convert posts/ docs/blog --format material-blog
      newsarchive stats posts/
    """


@main.command()
@SOURCE
@CONFIG
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON instead of lines.")
def check(source: Path, config_file: Path | None, as_json: bool) -> None:
    """Read every file as a build would and report what it would warn about.

    Per file: unreadable or skipped, repaired (published with warnings: malformed YAML, no date, bad
    encoding...), what a limit cut, what the page would lose of the source, titles shared with another
    post; then the boilerplate a build would drop, and totals. Exit code: 0 clean, 1 warnings, 2 errors
    (files that would not be published).

    \b
    Examples:
      newsarchive check posts/
      newsarchive check posts/ --config mkdocs.yml --json
    """
    settings, result = read_archive(source, config_file)
    report = findings(result, str(settings.source))
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        for line in text_lines(report):
            click.echo(line)
    sys.exit(exit_code(report))


@main.command()
@SOURCE
@click.argument("dest", type=click.Path(file_okay=False, path_type=Path))
@CONFIG
@click.option("--format", "form", type=click.Choice(["markdown", "material-blog"]), default="markdown",
              show_default=True, help="`markdown`: each post as a clean Markdown file, mirroring the source "
              "tree. `material-blog`: DEST becomes a blog folder for the mkdocs-material blog plugin.")
@click.option("--categories", type=click.Choice(sorted(CATEGORY_MAPPINGS)), default="all", show_default=True,
              help="With material-blog: how a category path becomes the blog's flat categories: "
              + "; ".join(f"{name}: {text}" for name, text in CATEGORY_MAPPINGS.items()) + ".")
@click.option("--force", is_flag=True, help="Overwrite files in DEST edited since their source.")
def convert(source: Path, dest: Path, config_file: Path | None, form: str, categories: str, force: bool) -> None:
    """Write each post as clean Markdown with normalized front matter.

    The front matter holds the title, the dates in ISO 8601 with their offset, the category paths, the
    authors, the tags and the image; the body is the converted post, boilerplate removed. A file in DEST
    newer than its source (edited since) is kept unless --force.

    \b
    Examples:
      newsarchive convert posts/ clean/
      newsarchive convert posts/ site/docs/blog --format material-blog --categories leaf
      (then build site/ with `plugins: [blog]`, by MkDocs or Zensical)
    """
    settings, result = read_archive(source, config_file)
    if form == "material-blog":
        title = words_for(settings.language, settings.labels)["archive_title"]
        files: Iterable[tuple[str, str]] = material_blog(result.archive, title, categories)
        times = {"posts/" + post.uri.removeprefix(result.archive.root + "/"): mtime(settings.source / post.source_path)
                 for post in result.archive.posts}
        for rel in undated(result.archive):
            click.echo(f"{settings.source / rel}: note: undated; dated 1970-01-01 for the blog plugin, which "
                       "needs a date", err=True)
    else:
        files = markdown_files(result.archive)
        paths = mirrored_paths([post.source_path for post in result.archive.posts])
        times = {paths[post.source_path]: mtime(settings.source / post.source_path) for post in result.archive.posts}
    done = write_tree(dest, files, times, max(times.values(), default=0.0), force)
    summarize_written(done, dest, result)


@main.command()
@SOURCE
@CONFIG
@click.option("--depth", default=2, show_default=True, help="Levels of the category tree to list.")
def stats(source: Path, config_file: Path | None, depth: int) -> None:
    """Posts per source, per category and per month, with a histogram of the months.

    \b
    Example:
      newsarchive stats posts/ --depth 1
    """
    for line in stats_lines(archive_stats(read_archive(source, config_file)[1].archive), depth):
        click.echo(line)


def read_archive(source: Path, config_file: Path | None) -> tuple[Settings, pipeline.BuildResult]:
    """The archive as a build of that site would read it, through the same cache."""
    settings, site_pages = load_settings(source, config_file)
    if not any(find_post_files(settings.source)):
        raise click.ClickException(f"{source} holds no post files (*.md, *.markdown, *.html, *.htm)")
    memory = ArchiveMemory(settings.cache_dir, settings, site_pages) if settings.cache_dir else None
    bar = ProgressBar("Converting")
    try:
        return settings, pipeline.build(settings, site_pages, memory, bar)
    finally:
        bar.close()


def summarize_written(done: Written, dest: Path, result: pipeline.BuildResult) -> None:
    for rel in done.kept:
        click.echo(f"{dest / rel}: kept: edited since its source (--force to overwrite)", err=True)
    for skipped in result.skipped:
        click.echo(f"{skipped.path}: skipped: {skipped.reason}", err=True)
    click.echo(f"{len(done.written)} files written, {len(done.unchanged)} unchanged, {len(done.kept)} kept; "
               f"{len(result.skipped)} source files skipped", err=True)


def mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


if __name__ == "__main__":  # pragma: no cover
    main()
