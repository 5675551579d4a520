"""What the evidence life cycle announces, for the apps above it to act on (notifications,
say) without evidence knowing them.

Both are sent inside the transaction that records what they announce: a receiver that
writes rows or queues tasks does so atomically with it, and nothing is done for a change
that is rolled back.

- `transition_recorded`, with `transition` (a `Transition`, its evidence and actor
  loaded): an item changed status.
- `comment_posted`, with `comment` (a `Comment`, its evidence and author loaded): someone
  wrote in the conversation on an item.
- `cells_changed_in_bulk`, with `cells` (a set of (country id, sub-objective id)): items
  were written in bulk (an import or its undo), bypassing the per-item save signals, and
  may have entered, left or moved between these cells while waiting or verified.
"""

from django.dispatch import Signal

transition_recorded = Signal()
comment_posted = Signal()
cells_changed_in_bulk = Signal()
