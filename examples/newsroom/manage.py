#!/usr/bin/env python
"""The newsroom example's command line: `python manage.py runserver` serves it."""

import os
import sys


def main() -> None:
    os.environ.setdefault("NUAGES_SETTINGS_MODULE", "newsroom.settings")
    from nuages.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
