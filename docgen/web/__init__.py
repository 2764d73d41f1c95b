"""The web application (`docgen serve`). Nothing here is imported by the other commands: the
tables it declares (docgen.web.tables) are the only part the store itself needs."""
