"""Tests that need something from outside this repository run only where it is, and the run says
when they did not: never a skip that looks like a pass, nor a test that passes without checking."""

from pathlib import Path

import pytest

SHARED_SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "samples" / "bank-statements"

collect_ignore = [] if SHARED_SAMPLES.is_dir() else ["test_statement_samples.py"]


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if collect_ignore:
        terminalreporter.write_sep("-", "not run")
        terminalreporter.write_line(
            "NOT RUN: tests/unit/test_statement_samples.py (conformance with the shared bank"
            f" statement samples): {SHARED_SAMPLES} is not there. The project's own statements"
            " in tests/data/bank-statements were read."
        )
