"""Machine-readable exports of the programme, all rendered from ``queries.build_schedule``."""
