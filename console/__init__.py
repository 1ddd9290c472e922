"""The command line's face: how results, tables and progress look on a terminal.

Only ``cli.py`` imports this package; the core (``glossary``) never draws or prints.

- ``cards``: ``glossary find`` result cards (click styling only, so ``find`` never loads rich)
- ``tables``: rich tables for ``show`` and ``stats``
- ``batch_table``: ``find --batch --csv/--xlsx`` tables
- ``progress``: progress bars on standard error (a ``glossary.progress.Progress``)
"""
