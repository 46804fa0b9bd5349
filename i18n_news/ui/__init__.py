"""The toolkit's own words in the user's language: CLI, dashboard and preview messages.

``messages`` translates them through the catalogs in ``locales/`` (domain
``i18nnews``), compiled in memory by the catalog engine.
"""
