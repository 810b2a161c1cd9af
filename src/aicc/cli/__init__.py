"""The `aicc` command line: a thin layer over the library stages."""
