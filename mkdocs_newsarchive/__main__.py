"""`python -m mkdocs_newsarchive`: the `newsarchive` command line."""

from mkdocs_newsarchive.cli import main

main()
