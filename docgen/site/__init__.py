"""The site package (`docgen publish`): the approved, current acts of the registry as the school's
site section «Документы» shows them — each act as PDF and .docx, an index page, the acts marked
«опубликован». ``plan`` says what would go in, ``package`` writes it, ``marks`` records it."""
