from core.management.loading import LoadCommand
from objectives.loading import load_strategy
from objectives.strategy_2015_2020 import STRATEGY_2015_2020


class Command(LoadCommand):
    help = (
        "Load the 2015–2020 strategy: its objectives, sub-objectives and ten target "
        "countries. Adds only what is missing; safe to run again."
    )

    def load(self):
        strategy, report = load_strategy(STRATEGY_2015_2020)
        return (
            report.created,
            f"{len(report.created)} rows for {strategy}.",
            f"{strategy} is already loaded; nothing to do.",
        )
