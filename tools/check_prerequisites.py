"""Checks what must be on the machine before anything is installed; one line per problem.

Run with the system Python by `make`, so it uses nothing beyond the standard library.
"""

import sys


def main() -> int:
    if sys.version_info < (3, 11):  # noqa: UP036 (run by a system Python of any version)
        version = ".".join(map(str, sys.version_info[:3]))
        print(f"Python 3.11 or newer is needed (found {version}): install python3.11 or newer.")
        return 1
    try:
        import ensurepip  # noqa: F401
        import venv  # noqa: F401
    except ImportError:
        print("The Python venv module is missing: install python3-venv.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
