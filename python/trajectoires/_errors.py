"""The exceptions of trajectoires, raised by the engine (C++) with what the
CLI prints for the same mistake."""

from collections import namedtuple

#: One problem of a scenario: where it is and what was expected.
Problem = namedtuple("Problem", "file line column key message")


class ScenarioError(ValueError):
    """A scenario, an edit or an option is wrong (the CLI's exit code 2).

    ``problems`` lists every problem found (up to 50, ``total`` counts them
    all), each a :class:`Problem` with ``file``, ``line``, ``column`` (0 when
    unknown), ``key`` (the key path, e.g. ``actions.pv.start``) and
    ``message``; ``file``, ``line``, ``column`` and ``key`` are the first
    problem's (``None``/0 for an option, which has no place in a file).
    """

    def __init__(self, message, problems=(), total=None):
        super().__init__(message)
        self.message = message
        # An unlocated problem (an option, a missing file) has no file or key: None.
        self.problems = [Problem(file or None, line, column, key or None, text)
                         for file, line, column, key, text in problems]
        self.total = len(self.problems) if total is None else total
        first = self.problems[0] if self.problems else None
        self.file = first.file if first and first.file else None
        self.line = first.line if first else 0
        self.column = first.column if first else 0
        self.key = first.key if first and first.key else None


class ResultsError(RuntimeError):
    """The run gave values the engine refuses (non-finite or negative energy,
    emissions…): nothing is returned, as the CLI writes nothing (exit 1)."""
