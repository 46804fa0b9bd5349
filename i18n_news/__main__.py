from i18n_news.cli.app import main

main()
