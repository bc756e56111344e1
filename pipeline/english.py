"""Everyday English words that a Korean, Chinese or Japanese translation translates: one of
them left in such a translation ("유효하지 않은 date/time입니다", "hidden 필드") is English left
over, where a name, a command or a term of the trade ("toctree", "tar", "cookie") may stay.

The list is short on purpose: common words of interface and news text, leaving out every word
that is also a command, a keyword or a value a program reads (``date`` and ``time`` are
commands too, but their messages quote them; ``true``, ``none``, ``left``, ``bold``, ``class``,
``filter``, ``format``, ``path``, ``key``, ``data``, ``status`` and ``type`` are left out) and
every word that Korean and Chinese interface text often keeps in English (``web``, ``email``,
``online``, ``tab``, ``plugin``, ``pixel``, ``shell``, ``proxy``).
"""

from __future__ import annotations

EVERYDAY_WORDS = frozenset(
    """
    account action address answer area article author background beginning birthday body book
    border box building business button calendar change character child choice city column
    comment company computer condition content country cover current date day description
    detail dialog difference directory disk document door download draft drive edge empty entry
    error event example family field figure file folder font friend front game group half hand
    health height help hidden history hour house image information invalid issue item job kind
    language law layout length letter level life light line location market member
    memory menu message middle minute money month morning mother name network news night note
    number office order owner page panel paper parent part party password people percent
    period person phone picture place plan point policy position power price problem program
    project property question reason record region report result room rule school screen search
    second section selection sentence service setting settings shape side sign size space state
    step story street student subject system table task team text thing time title tool total
    unit user valid value version video war water way week width window word work world
    year visible invisible unknown missing previous large small long short high low wrong correct
    available required optional unable failed cannot
    """.split()
)
