"""i18n_news: localization toolkit for a newsroom published in several editions."""

#: The one place the version is written: the package metadata reads it
#: (``[tool.setuptools.dynamic]`` in pyproject.toml), and so do ``i18nnews --version``,
#: catalog headers (``X-Generator``) and SARIF reports, without importing anything.
__version__ = "0.1.0"
