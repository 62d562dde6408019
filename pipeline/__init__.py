"""The LPPA paperwork pipeline: a school's workbooks in, one print-ready verification pack out."""

__version__ = "0.1.0"
