class MissingPrerequisite(Exception):
    """Something the machine lacks; the message says in one line what to install."""


class StartupFailed(Exception):
    """A part of the stack did not come up; the message names it and its log."""
