"""Print what the example proofs found at the end of the test run."""

from __future__ import annotations


def pytest_terminal_summary(terminalreporter):
    from . import test_examples

    if test_examples.site_proofs.cache_info().currsize:
        from .proofs import summary_lines

        terminalreporter.section("example proofs")
        for line in summary_lines(list(test_examples.site_proofs())):
            terminalreporter.write_line(line)
