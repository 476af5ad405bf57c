"""Publications: selections of fiches for macros (tables, cards) and printable booklets."""
