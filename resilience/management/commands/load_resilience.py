from core.management.loading import LoadCommand
from resilience.starter import load_starter_set


class Command(LoadCommand):
    help = (
        "Load the resilience starter set: cycle stages and topic areas (a starter template "
        "to adapt in the admin) and the four resources of the framework's source document. "
        "Adds only what is missing; safe to run again. Run load_strategy first so the "
        "resources are tagged with sub-objectives."
    )

    def load(self):
        created = load_starter_set()
        added = [f"{count} {kind.replace('_', ' ')}" for kind, count in created.items() if count]
        return (
            added,
            f"{created['stages']} cycle stages, {created['topic_areas']} topic areas and "
            f"{created['resources']} resources.",
            "The resilience starter set is already loaded; nothing to do.",
        )
