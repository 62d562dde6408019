"""Pure functions that decide: values in, values out, no files."""
