"""The error a setting with an unusable value raises: its message names the variable."""


class ConfigError(ValueError):
    """A setting with a value the pipeline cannot use; the message names it and the fix."""


class SettingsError(ConfigError):
    """One or more unusable settings; `lines` holds one line per problem."""

    def __init__(self, lines: list[str]):
        super().__init__("\n".join(lines))
        self.lines = lines
