"""`python -m assessor` is the same as `crm-assess`."""

from .cli import main

main()
