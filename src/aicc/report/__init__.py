"""Output formats for scan results: table, JSON, CSV, Markdown, SARIF."""
