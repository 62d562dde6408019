"""Making the pack from the checked inputs, in the order a build does it: the documents
rendered (``pipeline.documents``) and converted (``convert``, through ``cache``); the evidence
appendix (``appendix``); the parts laid out with their real page numbers, the contents page
(``contents``) and the whole assembled (``assemble``); the pack read back and proved
(``proof``); the term folder swapped into place (``publish``) with its report (``report``).
``make.make_pack`` runs the first five.

Nothing is imported here, so that a document module can use ``proof`` without loading the rest.
"""
