"""Every Doc extension newsfacts sets, registered once at import."""
from spacy.tokens import Doc

for _name in ("nf_article", "facts"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
