"""The ``glossary`` command: thin click commands that call the library and print.

Data goes to stdout (UTF-8 whatever the locale), everything else to stderr. Library
errors (``glossary.errors``) become one ``Error: …`` line and exit status 2; see
../shared/CONTRACTS.md for the exit statuses. Heavy modules are imported inside the
commands so that ``glossary find`` starts fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

# ---------------------------------------------------------------- helpers


def emit_json(value: Any) -> None:
    """Pretty JSON (Chinese unescaped) on stdout."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def emit_jsonl(value: Any) -> None:
    """One compact JSON object per line on stdout."""
    click.echo(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def note(message: str) -> None:
    """A notice for the person at the terminal: always stderr."""
    click.echo(message, err=True)


def open_store():  # type: ignore[no-untyped-def]
    from glossary.store import Store

    return Store.open()


def print_tables(*tables: Any) -> None:
    from glossary.terminal import console

    out = console()
    for table in tables:
        out.print(table)


def json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(func)


# ---------------------------------------------------------------- the group


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="glossary")
def cli() -> None:
    """Bilingual (Traditional Chinese <-> English) glossary of official terms.

    \b
    Example:
        glossary find DESG
        glossary find 隐私强化技术
    """


@cli.command()
@click.argument("query", required=False)
@click.option(
    "--batch",
    "batch",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read one query per line from FILE.",
)
@click.option("--limit", type=int, default=10, show_default=True, help="Most results per query (1-100).")
@click.option("--kind", help="Only concepts of this kind (term, org, program, law, person, place, other).")
@click.option("--source", help="Only concepts cited in this report (file name or source id).")
@click.option(
    "--lang", type=click.Choice(["zh-Hant", "en"]), help="Language of the query, if detection guesses wrong."
)
@json_option
def find(
    query: str | None,
    batch: Path | None,
    limit: int,
    kind: str | None,
    source: str | None,
    lang: str | None,
    as_json: bool,
) -> None:
    """Look a term up: acronym, English or Chinese.

    Exit status 0 when something is found, 1 when nothing is.

    \b
    Example:
        glossary find DESG
        glossary find "privacy enhancing technology" --json
        glossary find --batch queries.txt --json > results.jsonl
    """
    from glossary import lookup

    if batch is None and query is None:
        raise click.UsageError("give a QUERY or --batch FILE")
    if batch is not None and query is not None:
        raise click.UsageError("give either a QUERY or --batch FILE, not both")
    filters = {"limit": limit, "kind": kind, "source": source, "lang": lang}
    with open_store() as store:
        if batch is not None:
            from glossary.batch import read_queries

            for item in lookup.find_batch(store, read_queries(batch), **filters):
                if as_json:
                    emit_jsonl(item)
                else:
                    print_batch_item(item)
            return
        assert query is not None
        results = lookup.find(store, query, **filters)
    if as_json:
        emit_json(results)
    else:
        from glossary.terminal import notices
        from glossary.terminal import results_text

        for message in notices(results):
            note(f"Note: {message}")
        if results:
            print_tables(results_text(results))
        else:
            note(f"Nothing found for {query!r}.")
    sys.exit(0 if results else 1)


def print_batch_item(item: dict[str, Any]) -> None:
    from glossary.terminal import results_text

    if item.get("error"):
        note(f"{item['query']}: {item['error']}")
    elif not item["results"]:
        note(f"{item['query']}: nothing found")
    else:
        print_tables(results_text(item["results"], title=item["query"]))


@cli.command()
@click.argument("concept_id")
@json_option
def show(concept_id: str, as_json: bool) -> None:
    """Print one concept in full: terms, definitions, citations, change log.

    \b
    Example:
        glossary show digital-economy-steering-group
    """
    from glossary import catalog

    with open_store() as store:
        concept = store.get_concept(concept_id)
        changes = catalog.history(store, concept_id)
    if as_json:
        from glossary.results import concept_detail

        emit_json({**concept_detail(concept), "history": changes})
        return
    from glossary.terminal import concept_tables

    print_tables(*concept_tables(concept, changes))


@cli.command()
@json_option
def stats(as_json: bool) -> None:
    """Count concepts by kind, review status and source.

    \b
    Example:
        glossary stats
    """
    from glossary import catalog

    with open_store() as store:
        counts = catalog.stats(store)
    if as_json:
        emit_json(counts)
        return
    from glossary.terminal import counts_table

    print_tables(
        counts_table(f"{counts['concepts']} concepts (revision {counts['revision']})", counts["by_kind"]),
        counts_table("by review status", counts["by_review_status"]),
        counts_table("by source", counts["by_source"]),
    )


# ---------------------------------------------------------------- db


@cli.group()
def db() -> None:
    """Manage the database: schema upgrades and merging the shipped glossary."""


@db.command()
def upgrade() -> None:
    """Create or upgrade the database schema (Alembic migrations).

    \b
    Example:
        GLOSSARY_DATABASE_URL=postgresql+psycopg://localhost/glossary glossary db upgrade
    """
    from glossary import migrate
    from glossary.store import Store
    from glossary.store import masked

    store = Store.open(create=False, check_schema=False)
    with store:
        before, after = migrate.upgrade(store)
    if before is None:
        note(f"Created the glossary in {masked(store.url)} (schema {after}).")
    elif before == after:
        note(f"Schema already up to date ({after}).")
    else:
        note(f"Upgraded the schema from {before} to {after}.")


@db.command()
@click.option(
    "--terms",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Glossary CSV (default: the shipped one).",
)
def sync(terms: Path | None) -> None:
    """Merge a newer glossary CSV into the database by stable id.

    New concepts are added; concepts unchanged here since the last sync are updated;
    concepts edited here are kept and listed.

    \b
    Example:
        glossary db sync
    """
    from glossary import load

    with open_store() as store, store.session() as session:
        report = load.sync(session, terms)
    note(
        f"Added {len(report.added)}, updated {len(report.updated)}, unchanged {report.unchanged}, "
        f"kept {len(report.kept_local)} edited here."
    )
    for concept_id in report.kept_local:
        note(f"  kept local edit: {concept_id}")


@db.command()
def status() -> None:
    """Say which database is used, its schema, revision and whether the shipped CSV is newer.

    \b
    Example:
        glossary db status
    """
    from glossary import load
    from glossary.store import masked

    with open_store() as store:
        with store.session() as session:
            stale = load.csv_is_stale(session)
        click.echo(f"database: {masked(store.url)}")
        click.echo(f"schema: {store.schema_revision()}")
        click.echo(f"revision: {store.revision()}")
        click.echo(f"glossary CSV merged: {store.meta('terms_path')}")
        click.echo("shipped CSV is newer: run 'glossary db sync'" if stale else "shipped CSV: up to date")


# ---------------------------------------------------------------- entry point


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: UTF-8 streams, one-line errors, CONTRACTS exit statuses."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    from glossary.errors import GlossaryError

    try:
        cli.main(args=argv, prog_name="glossary", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        hint = ""
        if isinstance(exc, click.UsageError) and exc.ctx is not None:
            hint = f" (see '{exc.ctx.command_path} --help')"
        click.echo(f"Error: {exc.format_message()}{hint}", err=True)
        sys.exit(2)
    except click.Abort:
        click.echo("Error: aborted", err=True)
        sys.exit(130)
    except GlossaryError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(0)


if __name__ == "__main__":
    main()
