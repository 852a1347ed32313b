"""The `carto` command line."""
