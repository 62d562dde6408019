"""One module per workbook: rows in, typed records out, every problem with its cell."""
