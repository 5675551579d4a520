"""What the evidence life cycle announces, for the apps above it to act on (notifications,
say) without evidence knowing them.

`transition_recorded` is sent inside the transaction that records a status change, with
`transition` (a `Transition`, its evidence and actor loaded): a receiver that writes rows
or queues tasks does so atomically with the change, and nothing is done for a change
that is rolled back.
"""

from django.dispatch import Signal

transition_recorded = Signal()
