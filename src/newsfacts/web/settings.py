"""Defaults of the web app (kept apart so the CLI can read them without importing FastAPI)."""
DEFAULT_MAX_BODY = 2_000_000   # bytes: far above any news article, far below a memory attack
MAX_TEXT_CHARS = 1_000_000     # characters of a pasted or posted article
ENV_DB = "NEWSFACTS_WEB_DB"            # the archive, for `uvicorn --factory` workers
ENV_MAX_BODY = "NEWSFACTS_WEB_MAX_BODY"
