"""The shell command analyser's parts: a lexer, option scanning, and what each installer pins."""
