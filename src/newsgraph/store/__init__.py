"""DuckDB adapter: schema migrations, batch writes (one transaction each), read-only queries.

Only this package talks to DuckDB. Writers receive plain records; nothing here extracts.
"""

from .db import SCHEMA_VERSION, Store, open_store

__all__ = ["SCHEMA_VERSION", "Store", "open_store"]
