"""Study mode: what students preparing for certification need, derived from the data.

Pure functions of an :class:`~macros.atlas.catalog.Atlas`; nothing here knows MkDocs.

- :mod:`.terms` -- the sections every technique page has, and each technique's key terms.
- :mod:`.quiz` -- self-check quizzes; generators registered with ``@question_kind``
  (one technique) or ``@extra_quiz`` (a whole quiz, e.g. over the claims).
- :mod:`.flashcards` -- flashcards registered with ``@card_source``, written as an
  Anki text file, a Quizlet text file and an Anki ``.apkg`` package.
- :mod:`.exam_map` -- the exam map's rows; :mod:`.exam_rules` -- its MTA6xx rules.
- :mod:`.render` -- study pages and partials through the atlas Renderer's templates.
"""
