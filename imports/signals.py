"""What imports announce, for the apps above them to act on (notifications) without
imports knowing them.

- `preview_ready`, with `batch`: a file read by the task worker waits for its importer to
  check the preview and confirm it (sent after the preview is saved).
"""

from django.dispatch import Signal

preview_ready = Signal()
