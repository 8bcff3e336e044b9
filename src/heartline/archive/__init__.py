"""Export, import and delete: a person's data is always theirs to take or remove."""
