"""The starter set is data, labelled as a template to adapt, and loading it is idempotent."""

from django.core.management import call_command

from resilience.models import CycleStage, Resource, TopicArea
from resilience.starter import load_starter_set

DETERMINANTS = {
    "Education",
    "Economic opportunity",
    "Cultural norms",
    "Institutionalised business practices",
    "Economic development",
    "Conflict",
    "Human rights observance",
    "Democracy",
}


def test_the_structural_topic_areas_are_the_listed_determinants(starter):
    structural = TopicArea.objects.filter(level=TopicArea.Level.STRUCTURAL)
    assert set(structural.values_list("name", flat=True)) == DETERMINANTS


def test_every_starter_row_is_labelled_as_a_template_to_adapt(starter):
    for model in (CycleStage, TopicArea):
        rows = list(model.objects.all())
        assert rows
        for row in rows:
            assert row.is_starter
            assert "starter template" in row.source.lower()
    invented = TopicArea.objects.exclude(level=TopicArea.Level.STRUCTURAL)
    assert all("not the framework paper" in t.source for t in invented)
    assert all("not the framework paper" in s.source for s in CycleStage.objects.all())


def test_the_library_holds_the_four_resources_of_the_source_document(starter):
    titles = set(Resource.objects.values_list("title", flat=True))
    assert len(titles) == 4
    assert "Spotlight Report on Global Migration" in titles
    assert "Towards mandatory due diligence in global supply chains" in titles
    handbook = Resource.objects.get(title__startswith="IOM Handbook")
    assert "IOM" in handbook.publisher
    for resource in Resource.objects.all():
        assert resource.summary
        assert resource.sub_objectives.exists()
        assert resource.topic_areas.exists()
    due_diligence = Resource.objects.get(title__startswith="Towards mandatory")
    assert [s.code for s in due_diligence.sub_objectives.all()] == ["1.2"]


def test_loading_again_adds_nothing_and_keeps_admin_edits(starter):
    education = TopicArea.objects.get(name="Education")
    education.name = "Schooling"
    education.save()
    CycleStage.objects.filter(order=4).delete()

    assert load_starter_set() == {"stages": 0, "topic_areas": 0, "resources": 0, "translations": 0}
    assert TopicArea.objects.filter(name="Schooling").exists()
    assert not TopicArea.objects.filter(name="Education").exists()
    assert CycleStage.objects.count() == 3
    assert Resource.objects.count() == 4


def test_the_command_with_dry_run_writes_nothing(strategy, capsys):
    call_command("load_resilience", "--dry-run")
    assert "Would add 4 cycle stages, 12 topic areas and 4 resources" in capsys.readouterr().out
    assert not TopicArea.objects.exists()
    assert not Resource.objects.exists()
    call_command("load_resilience")
    call_command("load_resilience")
    assert "already loaded" in capsys.readouterr().out
    assert TopicArea.objects.count() == 12
