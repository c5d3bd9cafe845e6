"""The mapping file refuses what it cannot mean, naming the file and line."""

import pytest

from lead_scoring.imports.mapping import MappingError, read_mapping

HEADER = "entity,role,column,type,values\n"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("deals,id,Id,,", "line 3: unknown entity 'deals'"),
        ("leads,score,Id,,", "line 3: unknown role 'score' for leads"),
        ("leads,field,Size,integer,", "line 3: unknown type 'integer'"),
        ("leads,outcome,Stage,,", "line 3: leads outcome 'Stage': list the values"),
        ("activities,lead_ref,Who,,phone", "line 3: activities lead_ref: values must be one of"),
        ("leads,id,Other,,", "line 3: leads id is mapped twice"),
    ],
)
def test_a_bad_row_is_named(tmp_path, row, message):
    path = tmp_path / "lead_mapping.csv"
    path.write_text(HEADER + "leads,id,Lead Id,,\n" + row + "\n")
    with pytest.raises(MappingError, match=message):
        read_mapping(path)


def test_a_missing_required_role_is_named_when_the_entity_is_used(tmp_path):
    path = tmp_path / "lead_mapping.csv"
    path.write_text(HEADER + "leads,id,Lead Id,,\nactivities,name,Activity,,\n")
    mapping = read_mapping(path)
    assert mapping.entity("leads").role("id").column == "Lead Id"
    with pytest.raises(MappingError, match="role\\(s\\) lead_ref, occurred_at"):
        mapping.entity("activities")


def test_a_missing_file_names_the_setting(tmp_path):
    with pytest.raises(MappingError, match="LEAD_SCORING_PROFILE_DIR"):
        read_mapping(tmp_path / "nope.csv")


def test_outcome_and_lost_may_name_several_columns_as_the_lesson_profile_does():
    from lead_scoring import settings

    crm = read_mapping(settings.DBT_PROJECT_DIR / "profiles/lesson/lead_mapping.csv").entities[
        "crm"
    ]
    assert [(c.column, c.values) for c in crm.roles("outcome")] == [
        ("sales_disposition", ("Accepted",)),
        ("deal_outcome", ("Won",)),
    ]
    assert [(c.column, c.values) for c in crm.roles("lost")] == [("deal_outcome", ("Lost",))]
