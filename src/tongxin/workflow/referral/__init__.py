"""Office referral (转办) and replies: one piece for every item a school hands to its offices.

    (app's state) ── refer(lead office + co-offices of the item's school) ──► referred
    referred ── co-office input (协办意见, any number) ──► referred
    referred ── office reply ──► replied               (the lead office's handler, or its head)
    referred ── office reply (approval required, not the head) ──► draft ── approve ──► replied
    referred ── hand back (退回, with a reason) ──► (the requester's side routes it again)
    replied ── rate 满意 / 基本满意 ──► closed
    replied ── first 不满意 (with a reason) ──► one further reply owed (the app reopens it)
    replied ── 不满意 again ──► closed, exhausted (the app flags it upward)

Each app keeps its own tables: its item model inherits `models.Referable` (the offices, the
reply and its draft, the requester's rating) and its co-office opinions `models.
OfficeInputBase`. The pieces:

- `steps`     what each step writes on a locked item (no permission, audit or clock: the
              app's service does those around the call, in its own transaction);
- `rules`     the predicates "handles the lead office / a co-office / heads the lead office";
- `selectors` the items referred to an actor's offices as one SQL filter, the people to tell,
              and the one to-do provider every app registers for its office items.

docs/pieces/referral.md shows how an app (the rights desk today, proposals next) uses it.
This package imports nothing at its top so that an app's models module can import
`referral.models` alone.
"""
