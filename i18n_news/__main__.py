from i18n_news.cli import main

main()
