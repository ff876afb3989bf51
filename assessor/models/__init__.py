"""Pydantic models of everything crm-assess reads."""

from .common import LANGUAGES, Id, Lang, LocalText, StrictModel
from .framework import (
    Axis,
    Capability,
    CapabilityCatalogue,
    Dimension,
    Framework,
    Group,
    Matrix,
    Route,
    Source,
    SubElement,
)

__all__ = [
    "LANGUAGES",
    "Axis",
    "Capability",
    "CapabilityCatalogue",
    "Dimension",
    "Framework",
    "Group",
    "Id",
    "Lang",
    "LocalText",
    "Matrix",
    "Route",
    "Source",
    "StrictModel",
    "SubElement",
]
