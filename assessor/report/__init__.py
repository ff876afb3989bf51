"""Reports: a typed context built from the results, HTML from Jinja2 templates, PDF from WeasyPrint.

Only `render` imports Jinja2 and WeasyPrint, and only when called.
"""
