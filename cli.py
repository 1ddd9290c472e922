"""The ``glossary`` command: thin click commands that call the library and print.

Data goes to stdout (UTF-8 whatever the locale), everything else to stderr. Library
errors (``glossary.errors``) become one ``Error: …`` line and exit status 2; see
../shared/CONTRACTS.md for the exit statuses. Heavy modules are imported inside the
commands so that ``glossary find`` starts fast.
"""

from __future__ import annotations

import errno
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any

import click

if TYPE_CHECKING:
    from glossary.store import Store

# ---------------------------------------------------------------- helpers


def emit_json(value: Any) -> None:
    """Pretty JSON (Chinese unescaped) on stdout."""
    click.echo(json.dumps(value, ensure_ascii=False, indent=2))


def emit_jsonl(value: Any) -> None:
    """One compact JSON object per line on stdout."""
    click.echo(json.dumps(value, ensure_ascii=False, separators=(",", ":")))


def plural(count: int, word: str) -> str:
    """``1 document``, ``2 documents``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def note(message: str) -> None:
    """A notice for the person at the terminal: always stderr."""
    click.echo(message, err=True)


def open_store() -> Store:
    """The configured glossary database, created on first use."""
    from glossary.service import open_store as opened

    return opened()


def index_now(store: Store) -> None:
    """Bring the search index to the database's revision (after a bulk write), so that the
    next lookup, in this or any process of this data directory, need not build it."""
    import time

    from glossary.service import Glossary

    started = time.perf_counter()
    with Glossary(store=store) as glossary:
        index = glossary.index.prepare()
    if glossary.index.builds:
        note(f"Indexed {plural(len(index), 'concept')} for search in {time.perf_counter() - started:.1f} s.")


def print_tables(*tables: Any) -> None:
    from console.tables import console

    out = console()
    for table in tables:
        out.print(table)


def json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(func)


def bom_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--bom/--no-bom`` and ``--excel``: whether a CSV starts with the UTF-8 byte-order mark.

    Excel on a Traditional-Chinese Windows reads a CSV without it as Big5 (cp950), so files
    written for people get it by default; standard output (usually read by a program) only
    with ``--bom``.  ``bom_for`` resolves the default.
    """
    func = click.option("--excel", is_flag=True, help="The same as --bom (kept for old scripts).")(func)
    return click.option(
        "--bom/--no-bom",
        default=None,
        help="CSV: begin with a UTF-8 byte-order mark, so a double-click opens it right in Excel "
        "[default: --bom for -o FILE, --no-bom on standard output].",
    )(func)


def bom_for(bom: bool | None, excel: bool, to_file: bool) -> bool:
    if excel and bom is False:
        raise click.UsageError("--excel means --bom: give one of --excel and --no-bom")
    if excel:
        return True
    return to_file if bom is None else bom


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
@click.option(
    "--csv",
    "as_csv",
    is_flag=True,
    help="With --batch: a CSV table (one row per result) on stdout, or to -o FILE.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --csv: write the table to FILE (UTF-8 with a byte-order mark, for Excel).",
)
@bom_options
@click.option(
    "--xlsx",
    "xlsx",
    type=click.Path(dir_okay=False, path_type=Path),
    help="With --batch: write the same table as an Excel workbook to this file.",
)
def find(
    query: str | None,
    batch: Path | None,
    limit: int,
    kind: str | None,
    source: str | None,
    lang: str | None,
    as_json: bool,
    as_csv: bool,
    output: Path | None,
    bom: bool | None,
    excel: bool,
    xlsx: Path | None,
) -> None:
    """Look a term up: acronym, English or Chinese (Traditional or Simplified).

    Exit status 0 when something is found, 1 when nothing is. With --batch, FILE is a
    text file (one query per line), or a .csv/.xlsx list (first column); the exit
    status is 0 unless FILE cannot be read.

    \b
    Example:
        glossary find DESG
        glossary find "privacy enhancing technology" --json
        glossary find --batch queries.txt --json > results.jsonl
        glossary find --batch terms.xlsx --xlsx found.xlsx
        glossary find --batch terms.txt --csv -o found.csv
    """
    from glossary import search
    from glossary.service import open_glossary

    if batch is None and query is None:
        raise click.UsageError("give a QUERY or --batch FILE")
    if batch is not None and query is not None:
        raise click.UsageError("give either a QUERY or --batch FILE, not both")
    if (as_csv or xlsx) and batch is None:
        raise click.UsageError("--csv and --xlsx go with --batch FILE")
    if sum((as_json, as_csv, xlsx is not None)) > 1:
        raise click.UsageError("choose one of --json, --csv and --xlsx")
    if (output is not None or bom is not None or excel) and not as_csv:
        raise click.UsageError("-o, --bom, --no-bom and --excel go with --batch FILE --csv")
    filters = {"limit": limit, "kind": kind, "source": source, "lang": lang}
    with open_glossary() as glossary:
        if batch is not None:
            from glossary.batch import read_queries

            items = search.find_batch(glossary, read_queries(batch), **filters)
            if as_csv or xlsx:
                from console import batch_table

                if xlsx is not None:
                    count = batch_table.write_xlsx(items, xlsx)
                    note(f"Wrote {count} rows to {xlsx}.")
                elif output is not None:
                    from glossary.atomic import atomic_write

                    encoding = "utf-8-sig" if bom_for(bom, excel, to_file=True) else "utf-8"
                    with atomic_write(output, "w", encoding=encoding, newline="") as out:
                        count = batch_table.write_csv(items, out)
                    note(f"Wrote {count} rows to {output}.")
                else:
                    if bom_for(bom, excel, to_file=False):
                        sys.stdout.write("\ufeff")
                    batch_table.write_csv(items, sys.stdout)
                return
            for item in items:
                if as_json:
                    emit_jsonl(item)
                else:
                    print_batch_item(item)
            return
        assert query is not None
        results = search.find(glossary, query, **filters)
    if as_json:
        emit_json(results)
    else:
        from console.cards import notices
        from console.cards import result_cards

        for message in notices(results):
            note(f"Note: {message}")
        if results:
            click.echo(result_cards(results), nl=False)
        else:
            note(f"Nothing found for {query!r}.")
    sys.exit(0 if results else 1)


def print_batch_item(item: dict[str, Any]) -> None:
    from console.cards import result_cards

    if item.get("error"):
        note(f"{item['query']}: {item['error']}")
    elif not item["results"]:
        note(f"{item['query']}: nothing found")
    else:
        click.echo(result_cards(item["results"], title=item["query"]), nl=False)


@cli.command()
@click.argument("name")
@json_option
def show(name: str, as_json: bool) -> None:
    """Print one concept in full: terms, definitions, citations, change log.

    NAME is the concept's id or any of its forms: acronym, Chinese or English. A form
    that several concepts share lists them with their ids (exit status 1).

    \b
    Example:
        glossary show DESG
        glossary show 數位經濟指導小組
        glossary show digital-economy-steering-group --json
    """
    from glossary import catalog
    from glossary.errors import NotFound

    with open_store() as store:
        ids = catalog.concepts_named(store, name)
        if not ids:
            similar = catalog.similar_ids(store, name)
            hint = f"; did you mean {', '.join(similar)}?" if similar else " (try 'glossary find')"
            raise NotFound(f"no concept with the id or form {name!r}{hint}")
        if len(ids) > 1:
            shared = [store.get_concept(i) for i in ids]
        else:
            concept = store.get_concept(ids[0])
            changes = catalog.history(store, concept.id)
    if len(ids) > 1:
        from glossary.results import concept_summary

        if as_json:
            emit_json([concept_summary(c) for c in shared])
        else:
            for c in shared:
                click.echo("\t".join([c.id, c.zh or "", c.en or "", c.abbr or ""]))
        note(f"{name} is a form of {len(ids)} concepts; show one by its id, e.g. 'glossary show {ids[0]}'.")
        sys.exit(1)
    if as_json:
        from glossary.results import concept_detail

        emit_json({**concept_detail(concept), "history": changes})
        return
    from console.tables import concept_tables

    print_tables(*concept_tables(concept, changes))


@cli.command()
@json_option
def stats(as_json: bool) -> None:
    """Count concepts by kind and report (a concept that several reports state counts in each;
    the last row is the whole glossary), and by review status.

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
    from console.tables import counts_table
    from console.tables import kind_by_report_table

    print_tables(
        kind_by_report_table(
            f"{counts['concepts']} concepts by kind and report (revision {counts['revision']})",
            counts["by_source_and_kind"],
            counts["by_kind"],
        ),
        counts_table("by review status", counts["by_review_status"]),
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

    store = Store.connect()
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

    with open_store() as store:
        with store.session() as session:
            report = load.sync(session, terms)
        index_now(store)
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


@cli.group()
def index() -> None:
    """The search index (kept in the data directory's index/ folder, one file per revision)."""


@index.command("build")
def index_build() -> None:
    """Build the search index for the database's current revision now, or map the one
    another process built, so that the next lookup or server start needs no build.

    \b
    Example:
        glossary index build
    """
    import time

    from glossary.service import Glossary

    started = time.perf_counter()
    with Glossary(store=open_store()) as glossary:
        try:
            index = glossary.index.prepare()
        finally:
            glossary.store.close()
    how = "built" if glossary.index.builds else "already built"
    note(
        f"Search index {how}: {plural(len(index), 'concept')}, revision {index.meta.get('revision')} "
        f"({time.perf_counter() - started:.1f} s)."
    )


# ---------------------------------------------------------------- serve, token, concept (curation)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0: all).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="TCP port.")
@click.option(
    "--threads",
    type=click.IntRange(1, 256),
    help="Worker threads (per worker process with --workers) [default: 8, with --workers 4].",
)
@click.option(
    "--workers",
    type=click.IntRange(0, 256),
    is_flag=False,
    flag_value=0,
    help="POSIX: serve with gunicorn, N worker processes (--workers alone or 0: one per CPU core) "
    "[default: one waitress process].",
)
@click.option("--quiet", is_flag=True, help="No access log (by default one line per request on stderr).")
def serve(host: str, port: int, threads: int | None, workers: int | None, quiet: bool) -> None:
    """Serve the web page and the JSON API (waitress, a production WSGI server; with
    --workers, gunicorn processes).

    The search index is made ready before traffic: /api/v1/health answers 503 "starting"
    until then.  Each request is logged on stderr in Common Log Format (--quiet: not).
    For a shared deployment on PostgreSQL, see the README.

    \b
    Example:
        glossary serve --port 8000
        glossary serve --host 0.0.0.0 --workers        (one gunicorn worker per CPU core)
        then open http://127.0.0.1:8000/ (API docs: http://127.0.0.1:8000/api/docs)
    """
    if workers is not None:
        _serve_gunicorn(host, port, workers, threads or 4, not quiet)
        return
    from api import create_app
    from api.server import create_server

    app = create_app()
    try:  # bind first, so that a busy port is said before "Serving…"
        _probe_port(host, port)  # waitress leaks its wake-up pipe when its own bind fails
        server = create_server(app, host, port, threads or 8, access_log=not quiet)
    except OSError as exc:
        raise _listen_error(host, port, exc) from None
    note(f"Serving the glossary at http://{host}:{port}/ (API docs at /api/docs); press Ctrl-C to stop.")
    note("The search index is made ready first: /api/v1/health says 'starting' (503) until then.")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def _listen_error(host: str, port: int, exc: OSError) -> click.ClickException:
    hint = " (another program, perhaps another 'glossary serve', uses it: try --port 8001)"
    busy = exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1))
    reason = exc.strerror or exc
    return click.ClickException(f"cannot listen on {host}:{port}: {reason}{hint if busy else ''}")


def _serve_gunicorn(host: str, port: int, workers: int, threads: int, access_log: bool) -> None:
    import os

    try:
        import gunicorn  # noqa: F401 - present? (POSIX only)

        from api.server import run_gunicorn
    except ImportError:
        raise click.ClickException(
            "--workers needs gunicorn, which runs on Linux and macOS only "
            "(pip install 'glossary[deploy]'); on Windows use --threads"
        ) from None
    count = workers or os.cpu_count() or 1
    try:
        _probe_port(host, port)
    except OSError as exc:
        raise _listen_error(host, port, exc) from None
    note(
        f"Serving the glossary at http://{host}:{port}/ with gunicorn, {plural(count, 'worker')} of "
        f"{plural(threads, 'thread')}; press Ctrl-C to stop."
    )
    note("The search index is made ready first: /api/v1/health says 'starting' (503) until then.")
    run_gunicorn(host, port, count, threads, access_log)


def _probe_port(host: str, port: int) -> None:
    """``OSError`` when ``host:port`` cannot be bound (as waitress binds: with SO_REUSEADDR)."""
    import socket

    for family, kind, proto, _, address in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(address)


@cli.group()
def token() -> None:
    """Manage API tokens: writes through the API need 'Authorization: Bearer <token>'."""


@token.command("create")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["curator", "contributor"]),
    default="curator",
    show_default=True,
    help="curator: writes are made and may approve proposals; contributor: writes become proposals.",
)
def token_create(name: str, role: str) -> None:
    """Create a token for NAME and print its secret (shown only this once; stored hashed).

    \b
    Example:
        glossary token create alice
        glossary token create cat-plugin --role contributor
    """
    from glossary import tokens

    with open_store() as store:
        secret = tokens.create(store, name, who=current_user(), role=role)
    note(
        f"Created the {role} token {name!r}. "
        "Keep the secret below: it is not stored and cannot be shown again."
    )
    click.echo(secret)


@token.command("revoke")
@click.argument("name")
def token_revoke(name: str) -> None:
    """Revoke NAME's token: the API refuses it from now on (403).

    \b
    Example:
        glossary token revoke alice
    """
    from glossary import tokens

    with open_store() as store:
        tokens.revoke(store, name, who=current_user())
    note(f"Revoked the token {name!r}.")


@token.command("list")
@json_option
def token_list(as_json: bool) -> None:
    """List tokens: name, when created, when revoked (never the secrets).

    \b
    Example:
        glossary token list
    """
    from glossary import tokens

    with open_store() as store:
        found = tokens.list_tokens(store)
    if as_json:
        emit_json(found)
        return
    for item in found:
        state = f"revoked {item['revoked_at']}" if item["revoked_at"] else "active"
        click.echo(f"{item['name']}\t{item['role']}\tcreated {item['created_at']}\t{state}")


def current_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def who_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--who", default=current_user, help="Name recorded in the change log [default: you]."
    )(func)


def curator_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--who (for the change log) and --json, shared by the concept commands."""
    func = who_option(func)
    return click.option("--json", "as_json", is_flag=True, help="Print the concept as JSON.")(func)


def version_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--version",
        "expected_version",
        type=int,
        help="Only if the concept is still at this version (see 'glossary show ID').",
    )(func)


def concept_fields(func: Callable[..., Any]) -> Callable[..., Any]:
    from glossary.records import KINDS
    from glossary.records import REVIEW_STATUSES

    options = [
        click.option("--zh", help="Preferred Chinese form."),
        click.option("--en", help="Preferred English form."),
        click.option("--abbr", help="Preferred acronym."),
        click.option("--kind", type=click.Choice(KINDS), help="Kind of concept."),
        click.option("--definition", help="Definition (replaces the definitions)."),
        click.option("--subject", help="Subject field."),
        click.option("--note", help="A note for curators."),
        click.option("--review-status", type=click.Choice(REVIEW_STATUSES), help="Review status."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def print_concept(concept: Any, as_json: bool, message: str) -> None:
    if as_json:
        from glossary.results import concept_detail

        emit_json(concept_detail(concept))
    else:
        click.echo(concept.id)
    note(message)


@cli.group()
def concept() -> None:
    """Curate concepts: add, edit, deprecate a term, merge, delete (each write is logged)."""


@concept.command("add")
@concept_fields
@click.option("--id", "concept_id", help="Stable id [default: minted from the English name].")
@curator_options
def concept_add(
    concept_id: str | None, definition: str | None, who: str, as_json: bool, **fields: Any
) -> None:
    """Add a concept; refused when it exists (same Chinese, or same acronym and English).

    Prints the new concept's id.

    \b
    Example:
        glossary concept add --zh 數位信任 --en "Digital Trust" --kind term
    """
    from glossary import concepts

    data = {k: v for k, v in fields.items() if v is not None}
    if "review_status" not in data:
        data["review_status"] = "approved"
    if concept_id:
        data["id"] = concept_id
    if definition:
        data["definitions"] = [definition]
    with open_store() as store:
        created = concepts.create_concept(store, data, who=who)
    print_concept(created, as_json, f"Added {created.id} (version {created.version}).")


def term_option(value: str) -> dict[str, str]:
    """``--add-term TEXT[:TYPE]``: a new form; without a type, an acronym-shaped
    text (DTF, PETs) is an acronym, anything else a full form."""
    from glossary.forms import is_acronym
    from glossary.forms import writes_han
    from glossary.records import TERM_TYPES

    text, _, suffix = value.rpartition(":")
    if not text or suffix not in TERM_TYPES:
        text, suffix = value, ""
    text = text.strip()
    if not text:
        raise click.BadParameter(
            f"{value!r}: give the term's text, e.g. DTF or DTF:acronym", param_hint="--add-term"
        )
    kind = suffix or ("acronym" if is_acronym(text) else "fullForm")
    return {"text": text, "lang": "zh-Hant" if writes_han(text) else "en", "type": kind, "status": "admitted"}


@concept.command("edit")
@click.argument("concept_id")
@concept_fields
@click.option(
    "--add-term",
    "add_terms",
    multiple=True,
    help="Add a form, TEXT or TEXT:TYPE (fullForm, acronym, abbreviation, shortForm, variant); "
    "without a type, DTF or PETs is an acronym. Preferred if the concept has no such form yet, "
    "else admitted (repeatable).",
)
@version_option
@curator_options
def concept_edit(
    concept_id: str,
    definition: str | None,
    add_terms: tuple[str, ...],
    expected_version: int | None,
    who: str,
    as_json: bool,
    **fields: Any,
) -> None:
    """Change a concept's fields; --zh/--en/--abbr set its preferred forms.

    A preferred form that --zh, --en or --abbr replaces is kept as 'superseded', so that
    older documents' wording is still found and the change shows.

    \b
    Example:
        glossary concept edit digital-trust --en "Digital Trust Framework" --add-term DTF:acronym
    """
    from glossary import concepts
    from glossary.forms import slot
    from glossary.forms import with_preferred
    from glossary.records import Term

    new_terms = [term_option(t) for t in add_terms]
    changes: dict[str, Any] = {k: v for k, v in fields.items() if v is not None}
    forms = {name: changes.pop(name) for name in ("zh", "en", "abbr") if name in changes}
    if definition is not None:
        changes["definitions"] = [definition] if definition.strip() else []
    with open_store() as store:
        if new_terms or forms:
            current = store.get_concept(concept_id)
            if expected_version is None:
                expected_version = current.version
            terms = list(current.terms)
            for name, text in forms.items():
                kind, lang = (
                    ("acronym", "en") if name == "abbr" else ("fullForm", "zh-Hant" if name == "zh" else "en")
                )
                if name == "abbr":  # an acronym keeps the language of the one it replaces
                    lang = next(
                        (t.lang for t in terms if t.type == "acronym" and t.status == "preferred"), lang
                    )
                terms = with_preferred(terms, Term(text=text.strip(), lang=lang, type=kind))
            for fields_ in new_terms:  # as POST .../terms: preferred when its slot has none yet
                added = Term(**fields_)  # type: ignore[arg-type]  # text, lang, type: all strings
                if not any(t.status == "preferred" and slot(t) == slot(added) for t in terms):
                    added.status = "preferred"
                terms.append(added)
            changes["terms"] = terms
        if not changes:
            raise click.UsageError("nothing to change: give at least one option")
        edited = concepts.edit_concept(store, concept_id, changes, who=who, expected_version=expected_version)
    print_concept(edited, as_json, f"Updated {edited.id} (version {edited.version}).")


@concept.command("deprecate")
@click.argument("concept_id")
@click.argument("term")
@click.option("--note", help="Why, for curators (users are told which report and line write the form).")
@click.option("--lang", help="The term's language, when the same text exists in several.")
@version_option
@curator_options
def concept_deprecate(
    concept_id: str,
    term: str,
    note: str | None,
    lang: str | None,
    expected_version: int | None,
    who: str,
    as_json: bool,
) -> None:
    """Mark one term of a concept deprecated (search then points users to the preferred form).

    \b
    Example:
        glossary concept deprecate interoperable-trust-framework ITE --note "typo for ITF"
    """
    from glossary import concepts

    with open_store() as store:
        edited = concepts.deprecate_term(
            store, concept_id, term, note=note, lang=lang, who=who, expected_version=expected_version
        )
    print_concept(edited, as_json, f"Deprecated {term!r} in {edited.id} (version {edited.version}).")


@concept.command("merge")
@click.argument("keep_id")
@click.argument("other_id")
@version_option
@curator_options
def concept_merge(keep_id: str, other_id: str, expected_version: int | None, who: str, as_json: bool) -> None:
    """Merge OTHER_ID into KEEP_ID: its terms, definitions and citations move, then it is deleted.

    \b
    Example:
        glossary concept merge digital-trust digital-trust-2
    """
    from glossary import concepts

    with open_store() as store:
        merged = concepts.merge_concepts(store, keep_id, other_id, who=who, expected_version=expected_version)
    print_concept(merged, as_json, f"Merged {other_id} into {merged.id} (version {merged.version}).")


@concept.command("delete")
@click.argument("concept_id")
@version_option
@who_option
def concept_delete(concept_id: str, expected_version: int | None, who: str) -> None:
    """Delete a concept with its terms, definitions and citations (the change log keeps a copy).

    \b
    Example:
        glossary concept delete digital-trust-2
    """
    from glossary import concepts

    with open_store() as store:
        concepts.delete_concept(store, concept_id, who=who, expected_version=expected_version)
    note(f"Deleted {concept_id}.")


# ---------------------------------------------------------------- mine, review, build-glossary


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl"]),
    default="csv",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (replaced only once mining succeeds) [default: standard output].",
)
@click.option("--excel", is_flag=True, help="CSV: begin with a byte-order mark, so Excel reads it as UTF-8.")
@click.option(
    "--into-db",
    is_flag=True,
    help="Also propose the pairs to the database: new concepts are added as 'proposed', an "
    "approved concept gets new forms and definitions as proposals; nothing approved changes "
    "until a curator approves it (see 'glossary review').",
)
@who_option
def mine(
    paths: tuple[Path, ...], fmt: str, output: Path | None, excel: bool, into_db: bool, who: str
) -> None:
    """Mine bilingual term pairs, acronyms and definitions from reports (.txt, .md, .docx).

    Directories are read recursively. One record per occurrence (doc, line, zh, en, abbr,
    kind, definition, definition_line, section, quote, confidence, ...). With --into-db the
    records are merged into the database and written only to -o FILE. Exit status 1 when
    some files could not be read (each is named on standard error; the others are mined).

    \b
    Example:
        glossary mine my-report.docx --format csv -o mined.csv
        glossary mine report.docx --format jsonl
        glossary mine reports/ --into-db && glossary review
    """
    from console.progress import progress_bar
    from glossary.mine import mine_paths
    from glossary.mine import write_records

    with progress_bar("mining") as progress:
        records, failures = mine_paths(
            paths, on_error=lambda path, exc: note(f"Error: {exc}"), progress=progress
        )
    if output is not None:
        from glossary.atomic import atomic_write

        try:
            with atomic_write(output, "w", encoding="utf-8", newline="") as out:
                write_records(records, out, fmt=fmt, excel=excel)
        except OSError as exc:
            raise click.ClickException(f"{output}: cannot write ({exc.strerror or exc})") from None
    elif not into_db:
        write_records(records, sys.stdout, fmt=fmt, excel=excel)
        sys.stdout.flush()
    from glossary.reader import iter_documents

    documents = len(list(iter_documents(paths))) - len(failures)  # read, with or without pairs
    note(f"Mined {plural(len(records), 'occurrence')} from {plural(documents, 'document')}.")
    if into_db:
        from glossary.harvest import merge_into_db

        with open_store() as store:
            report = merge_into_db(store, records, who=who)
        note(report.summary())
    if failures:
        note(f"{len(failures)} file(s) could not be read: {', '.join(path for path, _ in failures)}")
        sys.exit(1)


@cli.group(invoke_without_command=True)
@click.option("--kind", help="Only proposed concepts of this kind.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
@click.pass_context
def review(ctx: click.Context, kind: str | None, as_json: bool) -> None:
    """List the proposed (mined, not yet reviewed) concepts with their evidence; approve, edit, reject.

    \b
    Example:
        glossary review --kind org
        glossary review approve digital-trust-framework
        glossary review edit digital-trust-framework --zh 數位信任框架
        glossary review reject c-1a2b3c4d5e
    """
    if ctx.invoked_subcommand is not None:
        return
    from glossary.concepts import review as reviewing

    with open_store() as store:
        found = reviewing.proposed(store, kind=kind)
    if as_json:
        emit_json(found)
    else:
        for item in found:
            click.echo(_evidence_text(item))
    note(f"{len(found)} proposed concepts.")


def _evidence_text(item: dict[str, Any]) -> str:
    names = " / ".join(x for x in (item["zh"], item["en"], item["abbr"]) if x)
    state = "" if item["review_status"] == "proposed" else "  (approved; proposed forms or definitions below)"
    out = [f"{item['id']}  [{item['kind']}]  {names}{state}"]
    for term in item["terms"]:
        scores = f"confidence {term['confidence']}" if term["confidence"] is not None else ""
        if term["letter_agreement"] is not None:
            scores += f", letter agreement {term['letter_agreement']}"
        if term["note"]:
            scores = f"{scores}  ({term['note']})" if scores else f"({term['note']})"
        line = f"  {term['status']:<10} {term['type']:<9} {term['lang']:<8} {term['text']}  {scores}"
        out.append(line.rstrip())
    for definition in item["definitions"]:
        flag = " (proposed)" if definition["status"] == "proposed" else ""
        out.append(f"  definition{flag}: {definition['text'][:100]}")
    for citation in item["citations"]:
        out.append(f"  {citation['doc']}:{citation['line']}  {citation['quote']}")
    return "\n".join(out) + "\n"


@review.command("approve")
@click.argument("ids", nargs=-1, required=True)
@who_option
def review_approve(ids: tuple[str, ...], who: str) -> None:
    """Approve proposed concepts.

    \b
    Example:
        glossary review approve digital-trust-framework data-free-flow-with-trust
    """
    from glossary.concepts import review as reviewing

    with open_store() as store:
        done = reviewing.approve(store, ids, who=who)
    note(f"Approved {len(done)} concepts.")


@review.command("reject")
@click.argument("ids", nargs=-1, required=True)
@who_option
def review_reject(ids: tuple[str, ...], who: str) -> None:
    """Reject (delete) proposed concepts; the change log keeps a copy.

    \b
    Example:
        glossary review reject c-1a2b3c4d5e
    """
    from glossary.concepts import review as reviewing

    with open_store() as store:
        done = reviewing.reject(store, ids, who=who)
    note(f"Rejected {len(done)} concepts.")


@review.command("edit")
@click.argument("concept_id")
@click.option("--zh", help="Preferred Chinese form.")
@click.option("--en", help="Preferred English form.")
@click.option("--abbr", help="Preferred acronym.")
@click.option("--kind", type=click.Choice(["term", "org", "program", "law", "person", "place", "other"]))
@click.option("--subject", help="Subject field (privacy, AI, trade, climate, …).")
@curator_options
def review_edit(concept_id: str, who: str, as_json: bool, **fields: Any) -> None:
    """Correct a proposed concept before approving it (it stays proposed).

    \b
    Example:
        glossary review edit privacy-enhancing-technologies --zh 隱私強化技術 --kind term
    """
    from glossary.concepts import review as reviewing

    changes = {k: v for k, v in fields.items() if v is not None}
    if not changes:
        raise click.UsageError("nothing to change: give --zh, --en, --abbr, --kind or --subject")
    with open_store() as store:
        edited = reviewing.edit(store, concept_id, changes, who=who)
    print_concept(edited, as_json, f"Updated {edited.id} (version {edited.version}).")


@cli.command("build-glossary")
@click.argument("reports_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the glossary CSV to FILE (replaced only on success) [default: standard output].",
)
@click.option(
    "--curation",
    "curation_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder of curation files (*.toml) [default: data/curation].",
)
@click.option(
    "--sources",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The reports to mine, with their ids [default: data/sources.csv].",
)
@click.option(
    "--record-ids",
    is_flag=True,
    help="Append the ids minted for new concepts to CURATION/ids.toml, so later builds keep them.",
)
def build_glossary(
    reports_dir: Path, output: Path | None, curation_dir: Path | None, sources: Path | None, record_ids: bool
) -> None:
    """Regenerate the glossary CSV from the reports and the curation files.

    Mines the reports listed in data/sources.csv, applies every data/curation/*.toml
    (reject, correct, add, concept, variant: see README), keeps the stable ids, leaves
    persons out, marks every concept approved and writes the CSV sorted by id. A bad
    curation entry stops the build (exit 2) naming its file and entry.

    \b
    Example:
        glossary build-glossary ../shared/reports -o data/terms.csv --record-ids
    """
    from glossary import settings
    from glossary.harvest import glossary_build as build

    data_dir = settings.shipped_data_file("sources.csv").parent
    curation_dir = curation_dir or data_dir / "curation"
    mined = build.mine_reports(reports_dir, sources or data_dir / "sources.csv")
    result = build.assemble(mined, build.read_curation(curation_dir))
    for warning in result.warnings:
        note(f"Warning: {warning}")
    if record_ids:
        count = build.record_ids(mined, curation_dir, result)
        note(f"Recorded {count} new ids in {curation_dir / build.IDS_FILE}.")
    text = build.render_csv(result.concepts)
    if output is None:
        click.echo(text, nl=False)
    else:
        build.write_atomically(output, text)
    note(
        f"{len(result.concepts)} concepts ({len(result.minted)} new ids, {result.persons} persons left out)"
        + (f" written to {output}." if output else ".")
    )


# ---------------------------------------------------------------- check


def size_limits(command: Callable[..., Any]) -> Callable[..., Any]:
    """``--max-chars`` and ``--max-lines``: the API's size limits, with the command line's
    generous defaults (a whole book; a larger input is refused before any work, exit 2)."""
    from glossary.budget import CLI_MAX_CHARS
    from glossary.budget import CLI_MAX_LINES

    command = click.option(
        "--max-lines",
        type=click.IntRange(1),
        default=CLI_MAX_LINES,
        show_default=True,
        help="Refuse an input of more lines.",
    )(command)
    return click.option(
        "--max-chars",
        type=click.IntRange(1),
        default=CLI_MAX_CHARS,
        show_default=True,
        help="Refuse an input of more characters.",
    )(command)


def refuse_oversized(documents: list[Any], max_chars: int, max_lines: int) -> None:
    """Exit 2 naming the first input over ``--max-chars`` / ``--max-lines``."""
    from glossary.budget import check_size

    for document in documents:
        check_size(
            document.lines,
            max_chars,
            max_lines,
            what=f"{document.name or 'standard input'}: the text",
            may="this command reads at most",
            chars_name="--max-chars",
            lines_name="--max-lines",
        )


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one {file, findings} object per file.")
@click.option("--glossary-only", is_flag=True, help="Only the checks against the glossary (first six types).")
@click.option("--document-only", is_flag=True, help="Only the document's own consistency (last three types).")
@click.option("--allow", "allow", multiple=True, help="Acronyms that need no definition: A,B,C or a file.")
@click.option(
    "--annotate",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a copy of the (single) .docx input with each finding as a Word comment.",
)
@size_limits
@click.option(
    "--time-limit",
    type=click.FloatRange(0, min_open=True),
    help="Stop (exit 2) a check that runs longer than SECONDS [default: no limit].",
)
def check(
    files: tuple[Path, ...],
    as_json: bool,
    glossary_only: bool,
    document_only: bool,
    allow: tuple[str, ...],
    annotate: Path | None,
    max_chars: int,
    max_lines: int,
    time_limit: float | None,
) -> None:
    """Check drafts' acronyms and terms against the glossary and against themselves.

    Prints file:line:col: type: message (suggestion). FILE '-' reads standard input
    (text or a .docx). Exit status 0 when there are no findings, 1 when there are, 2
    when an input cannot be read.

    \b
    Example:
        glossary check draft.docx
        glossary check report.md --json --allow MOU,KPI
        glossary check draft.docx --annotate draft-checked.docx
        pbpaste | glossary check -
    """
    from glossary.check.knowledge import open_knowledge
    from glossary.check.run import check_files

    results = check_files(
        open_knowledge(),  # from the start-up cache when current: no SQLAlchemy on the way
        files,
        glossary_only=glossary_only,
        document_only=document_only,
        allow=allow,
        annotate=annotate,
        stdin=sys.stdin.buffer.read,
        refuse=lambda documents: refuse_oversized(documents, max_chars, max_lines),
        seconds=time_limit,
    )
    for result in results.results:
        if as_json:
            click.echo(result.json)
        else:
            for line in result.lines:
                click.echo(line)
    note(results.summary)
    sys.exit(1 if results.count else 0)


# ---------------------------------------------------------------- scan


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="JSON Lines: one {file, terms} object per input.")
@click.option("--include-proposed", is_flag=True, help="Also report proposed (not yet reviewed) forms.")
@size_limits
def scan(
    files: tuple[str, ...], as_json: bool, include_proposed: bool, max_chars: int, max_lines: int
) -> None:
    """Find the glossary's terms in texts (.txt, .md, .docx; - reads standard input).

    Chinese in Traditional or Simplified, any width; English in any case; acronyms in
    their own case. Prints file:line:col: text = official zh | en (abbr). Exit status 0
    when terms were found, 1 when none were, 2 when an input cannot be read.

    \b
    Example:
        glossary scan draft.docx
        glossary scan source.txt --json > terms.jsonl
        pbpaste | glossary scan -
    """
    from glossary.scan import human_lines
    from glossary.scan import open_scanner
    from glossary.scan import read_inputs
    from glossary.scan import summary_line

    documents = read_inputs(files, stdin=sys.stdin.buffer)
    refuse_oversized(documents, max_chars, max_lines)
    scanner = open_scanner()  # from the start-up cache when current: no numpy, no search index
    results = [scanner.scan_document(d, include_proposed=include_proposed) for d in documents]
    for result in results:
        if as_json:
            emit_jsonl(result)
        else:
            for line in human_lines(result):
                click.echo(line)
    note(summary_line(results))
    sys.exit(0 if any(r["terms"] for r in results) else 1)


# ---------------------------------------------------------------- export, import (exchange)


@cli.command("export")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tbx", "tbx3", "csv", "xlsx", "json"]),
    help="tbx: TBX-Basic (martif: what CAT tools, and translate-toolkit, hence Weblate, read); "
    "tbx3: ISO 30042:2019 (TBX v3; translate-toolkit cannot read it: use tbx for Weblate); csv; xlsx; "
    "json: a complete dump [default: from -o's extension].",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to FILE (replaced only once the export succeeds) [default: standard output].",
)
@click.option("--kind", help="Only concepts of this kind (term, org, program, law, person, place, other).")
@click.option("--source", help="Only concepts cited in this report (file name or source id).")
@click.option(
    "--status", "review_status", type=click.Choice(["approved", "proposed"]), help="Only this review status."
)
@click.option("--subject", help="Only concepts of this subject field.")
@click.option(
    "--zh-tag",
    type=click.Choice(["zh-Hant", "zh-TW", "zh-HK"]),
    help="TBX: the language tag of the Chinese terms; many CAT tools expect a region (zh-TW) "
    "[default: zh-Hant].",
)
@bom_options
def export_command(
    fmt: str | None,
    output: Path | None,
    kind: str | None,
    source: str | None,
    review_status: str | None,
    subject: str | None,
    zh_tag: str | None,
    bom: bool | None,
    excel: bool,
) -> None:
    """Write the glossary (or part of it) as TBX, CSV, XLSX or a JSON dump.

    The JSON dump holds everything (concepts, terms, definitions, sources, citations) and
    restores the database exactly with 'glossary import'.

    \b
    Example:
        glossary export --format tbx -o glossary.tbx
        glossary export --format tbx --zh-tag zh-TW -o for-trados.tbx
        glossary export --format csv --kind org -o organisations.csv
        glossary export --format json > backup.json
    """
    from glossary.atomic import atomic_write
    from glossary.exchange import export
    from glossary.exchange.common import BINARY_FORMATS
    from glossary.exchange.common import SUFFIXES

    if fmt is None:
        fmt = SUFFIXES.get(output.suffix.lower()) if output is not None else None
        if fmt is None:
            raise click.UsageError("give --format (tbx, tbx3, csv, xlsx or json)")
    if output is None and fmt in BINARY_FORMATS and sys.stdout.isatty():
        raise click.UsageError(f"{fmt.upper()} is a binary format: give -o FILE, or redirect standard output")
    if fmt != "csv" and (bom is not None or excel):
        raise click.UsageError("--bom, --no-bom and --excel apply to --format csv only")
    excel = fmt == "csv" and bom_for(bom, excel, to_file=output is not None)
    filters: dict[str, Any] = {"kind": kind, "source": source, "review_status": review_status}
    filters.update(subject=subject, zh_tag=zh_tag)
    with open_store() as store:
        if output is not None:
            with atomic_write(output) as out:
                result = export(store, fmt, out, excel=excel, **filters)
            note(f"Exported {result.count} concepts to {output}.")
        else:
            sys.stdout.flush()
            if fmt in BINARY_FORMATS:
                # Written whole first: a zip writer cut off by a closed pipe complains when collected.
                import shutil
                import tempfile

                with tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024) as spool:
                    result = export(store, fmt, spool, excel=excel, **filters)  # type: ignore[arg-type]
                    spool.seek(0)
                    shutil.copyfileobj(spool, sys.stdout.buffer)
            else:
                result = export(store, fmt, sys.stdout.buffer, excel=excel, **filters)
            sys.stdout.buffer.flush()
    if result.revision_changed:
        note("Warning: the glossary changed while it was being exported; export again for a consistent copy.")


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tbx", "tbx3", "csv", "xlsx", "json"]),
    help="Format of FILE (tbx reads TBX-Basic, TBX v3 and other tools' TBX) [default: from its extension].",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Change nothing; print one line per entry: new, same as ID, merge into ID, or conflict: why "
    "(with --json: JSON Lines).",
)
@click.option(
    "--on-duplicate",
    type=click.Choice(["skip", "merge", "fail"]),
    help="A concept already in the glossary (same Chinese, or same acronym and English): "
    "keep the stored one, merge the new forms into it, or stop and import nothing "
    "[default: skip; with --propose, merge].",
)
@click.option(
    "--propose",
    is_flag=True,
    help="Everything comes in for review (glossary review): new concepts as proposed concepts, "
    "new forms and definitions of approved concepts as proposals.",
)
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    help="CSV only: utf-8, or big5 for a CSV saved by Excel on a Traditional Chinese Windows.",
)
@click.option(
    "--workers",
    type=click.IntRange(0, 64),
    help="Helper processes that validate a large CSV while the database is written "
    "(0: none) [default: one fewer than the CPUs, at most 4].",
)
@click.option(
    "--continue",
    "keep_going",
    is_flag=True,
    help="An entry the glossary refuses (in an unknown language, in any format; or, with "
    "--on-duplicate merge, matching two stored concepts) is left out and named on standard error "
    "instead of stopping the import; the rest comes in, in one transaction, and the exit status is 1.",
)
@who_option
@json_option
def import_command(
    file: Path,
    fmt: str | None,
    dry_run: bool,
    on_duplicate: str | None,
    propose: bool,
    encoding: str,
    workers: int | None,
    keep_going: bool,
    who: str,
    as_json: bool,
) -> None:
    """Add the concepts of a TBX, CSV, XLSX or JSON file to the glossary, in one transaction.

    Any invalid row or element stops the import and nothing changes; the message names
    the file, the row or element and the field. Lists the merged and skipped concepts
    (with --dry-run, also the added ones) on standard output, the totals on standard error.

    \b
    Example:
        glossary import partner-terms.tbx --dry-run
        glossary import partner-terms.tbx --continue
        glossary import partner-terms.csv --propose
        glossary import terms.csv --on-duplicate merge
        glossary import backup.json
    """
    from console.progress import progress_bar
    from glossary.exchange import import_file

    with open_store() as store, progress_bar(f"importing {file.name}") as progress:
        report = import_file(
            store,
            file,
            fmt=fmt,
            encoding=encoding,
            dry_run=dry_run,
            on_duplicate=on_duplicate or ("merge" if propose else "skip"),
            who=who,
            progress=progress,
            workers=workers,
            keep_going=keep_going,
            propose=propose,
        )
        if not dry_run:
            index_now(store)
    if as_json and dry_run:  # one object per entry, as JSON Lines
        for action in report.actions:
            click.echo(json.dumps(action.entry_dict(), ensure_ascii=False))
    elif as_json:
        emit_json(report.to_dict())
    elif dry_run:
        for action in report.actions:
            click.echo(action.line())
        total = report.added + report.merged + report.skipped + report.conflicts
        if total > len(report.actions):
            note(f"… and {total - len(report.actions)} more (the list stops at the first 1000 of each kind).")
    else:
        shown = 0
        for action in report.actions:
            if action.action == "add":
                continue
            if action.conflict:  # skipped: it matches several concepts
                note(f"Skipped: {action.where}: conflict: {action.conflict}")
                shown += 1
                continue
            if action.stored_id:
                target = f" -> {action.stored_id} ({action.reason})"
            else:
                target = f" ({action.reason})" if action.reason else ""
            click.echo(f"{action.action}\t{action.id}{target}\t{action.where}")
            shown += 1
        total = report.merged + report.skipped
        if total > shown:
            note(f"… and {total - shown} more (the list stops at the first 1000 of each kind).")
    for message in report.refused:
        note(f"Refused: {message}")
    note(report.summary() + ".")
    if report.refused:
        sys.exit(1)  # CONTRACTS: some input failed while the rest was imported


# ---------------------------------------------------------------- entry point


def _notices_to_stderr() -> None:
    """The library's notices (``logging`` records of the ``glossary`` loggers) go to stderr as they are."""
    import logging

    class Notices(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            note(record.getMessage())

    logger = logging.getLogger("glossary")
    if not any(type(h).__name__ == "Notices" for h in logger.handlers):
        logger.addHandler(Notices())
    logger.setLevel(logging.INFO)
    logger.propagate = False


def main(argv: list[str] | None = None) -> None:
    """Console-script entry point: UTF-8 streams, one-line errors, CONTRACTS exit statuses."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding="utf-8", errors="replace")
    from glossary.errors import GlossaryError

    _notices_to_stderr()
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
