"""Import and export of the catalogue: CSV, XLSX and JSON files of offers, needs and
expert profiles.

- ``columns``: the columns of each kind, with machine keys and translated headers;
- ``codes``: codes accepted by code or by label in any language;
- ``readers``: reading an upload after checking its size and content;
- ``validation``: checking every row, collecting every problem with its position;
- ``writers``: exports and templates;
- ``pending``: uploads waiting in the session for the user's decision;
- ``selectors``: what an export contains;
- ``forms``: the upload form.

The write itself is ``techbridge.catalogue.services.imports.import_items``.
"""
