"""The vocabulary: ecosystem.ttl and shapes.ttl, and the schema derived from them."""

from ontology.namespace import CARTO, CONCEPT
from ontology.rules import FieldRule, ShapeRules, load_shape_rules
from ontology.schema import Concept, KindSpec, LabelSpec, RelSpec, Schema, load_schema

__all__ = [
    "CARTO",
    "CONCEPT",
    "Concept",
    "FieldRule",
    "KindSpec",
    "LabelSpec",
    "RelSpec",
    "Schema",
    "ShapeRules",
    "load_schema",
    "load_shape_rules",
]
