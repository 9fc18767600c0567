"""python -m nuages: the same command line as nuages-admin."""

from nuages.core import management

__all__: list[str] = []

if __name__ == "__main__":
    management.execute_from_command_line()
