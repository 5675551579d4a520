"""What the narrative life cycle announces, for the apps above it to act on (notifications)
without reports knowing them. Sent inside the transaction that records it.

- `narrative_transition_recorded`, with `transition` (a `NarrativeTransition`).
"""

from django.dispatch import Signal

narrative_transition_recorded = Signal()
