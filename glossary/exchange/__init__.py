"""Exchange: importing and exporting the glossary as TBX, CSV, XLSX and JSON.

Table of contents (one module per format, plus the two drivers):

- ``common``: the items readers yield, format names, limits
- ``tbx``: TBX-Basic, martif (2008) and ISO 30042:2019 (v3) forms, read safely
- ``csv_format``: the ``data/terms.csv`` format (``glossary.terms_csv``), streamed
- ``xlsx``: a readable Excel workbook (openpyxl): concepts, forms, definitions, citations
- ``json_dump``: a complete, exactly restorable dump
- ``importer``: one-transaction import with the identity rule, in a read/write pipeline,
  written through the write door's bulk mode (``glossary.concepts.bulk``)
- ``report``: what an import did (or would do)
- ``exporter``: filtered, streamed export
"""

from glossary.exchange.common import EXPORT_FORMATS
from glossary.exchange.common import IMPORT_FORMATS
from glossary.exchange.exporter import ExportResult
from glossary.exchange.exporter import export
from glossary.exchange.importer import ON_DUPLICATE
from glossary.exchange.importer import ImportReport
from glossary.exchange.importer import import_file

__all__ = [
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "ON_DUPLICATE",
    "ExportResult",
    "ImportReport",
    "export",
    "import_file",
]
