"""``python -m heartline.cli``: the same as the ``heartline`` command."""

from heartline.cli.app import main

main()
