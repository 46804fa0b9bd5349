"""i18n_news: localization toolkit for a newsroom published in several editions."""

__version__ = "0.1.0"
