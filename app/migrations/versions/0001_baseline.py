"""baseline: every table of the design

Revision ID: 0001
Revises: 
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('coach_profile',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('district', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('school_year_start', sa.Date(), nullable=True),
    sa.Column('school_year_end', sa.Date(), nullable=True),
    sa.Column('default_interval_minutes', sa.Integer(), nullable=False),
    sa.Column('default_cycle_weeks', sa.Integer(), nullable=False),
    sa.Column('paper_size', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coach_profile'))
    )
    with op.batch_alter_table('coach_profile', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coach_profile_deleted_at'), ['deleted_at'], unique=False)

    op.create_table('pilot',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('tool', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('vendor', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('learning_objective', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('standards', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('length_weeks', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('cost_per_student', sa.Float(), nullable=True),
    sa.Column('licences', sa.Integer(), nullable=True),
    sa.Column('decision', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('rationale', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('notice_date', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pilot'))
    )
    with op.batch_alter_table('pilot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pilot_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_pilot_start_date'), ['start_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_pilot_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_pilot_tool'), ['tool'], unique=False)

    op.create_table('school',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_school'))
    )
    with op.batch_alter_table('school', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_school_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_school_name'), ['name'], unique=False)

    op.create_table('teacher',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('school_id', sa.Uuid(), nullable=True),
    sa.Column('grades', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('subjects', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('room', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('email', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('years_experience', sa.Integer(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['school_id'], ['school.id'], name=op.f('fk_teacher_school_id_school')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_teacher'))
    )
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_teacher_archived'), ['archived'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_teacher_school_id'), ['school_id'], unique=False)

    op.create_table('vetting_check',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('pilot_id', sa.Uuid(), nullable=False),
    sa.Column('criterion', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('result', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('evidence', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('essa_tier', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['pilot_id'], ['pilot.id'], name=op.f('fk_vetting_check_pilot_id_pilot')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_vetting_check'))
    )
    with op.batch_alter_table('vetting_check', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vetting_check_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_vetting_check_pilot_id'), ['pilot_id'], unique=False)

    op.create_table('activity',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('topic', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('audience', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('teacher_id', sa.Uuid(), nullable=True),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('attendees', sa.Integer(), nullable=True),
    sa.Column('feedback_score', sa.Float(), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_activity_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_occurred_on'), ['occurred_on'], unique=False)

    op.create_table('coaching_cycle',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('teacher_id', sa.Uuid(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('length_weeks', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('status_overridden', sa.Boolean(), nullable=False),
    sa.Column('abandoned_reason', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('focus', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('goal', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('peers_powerful', sa.Boolean(), nullable=False),
    sa.Column('peers_easy', sa.Boolean(), nullable=False),
    sa.Column('peers_emotional', sa.Boolean(), nullable=False),
    sa.Column('peers_reachable', sa.Boolean(), nullable=False),
    sa.Column('peers_student_focused', sa.Boolean(), nullable=False),
    sa.Column('learning_target', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('measure_kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('measure_description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('baseline_value', sa.Float(), nullable=True),
    sa.Column('target_value', sa.Float(), nullable=True),
    sa.Column('final_value', sa.Float(), nullable=True),
    sa.Column('goal_met', sa.Boolean(), nullable=True),
    sa.Column('teacher_reflection', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('next_steps', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_coaching_cycle_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coaching_cycle'))
    )
    with op.batch_alter_table('coaching_cycle', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_coaching_cycle_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_coaching_cycle_start_date'), ['start_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_coaching_cycle_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_coaching_cycle_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('pilot_log_entry',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('pilot_id', sa.Uuid(), nullable=False),
    sa.Column('logged_on', sa.Date(), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('teacher_id', sa.Uuid(), nullable=True),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('severity', sa.Integer(), nullable=True),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('minutes_lost', sa.Integer(), nullable=False),
    sa.Column('resolved', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['pilot_id'], ['pilot.id'], name=op.f('fk_pilot_log_entry_pilot_id_pilot')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_pilot_log_entry_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pilot_log_entry'))
    )
    with op.batch_alter_table('pilot_log_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pilot_log_entry_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_pilot_log_entry_pilot_id'), ['pilot_id'], unique=False)

    op.create_table('pilot_teacher',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('pilot_id', sa.Uuid(), nullable=False),
    sa.Column('teacher_id', sa.Uuid(), nullable=False),
    sa.ForeignKeyConstraint(['pilot_id'], ['pilot.id'], name=op.f('fk_pilot_teacher_pilot_id_pilot')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_pilot_teacher_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pilot_teacher'))
    )
    with op.batch_alter_table('pilot_teacher', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pilot_teacher_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_pilot_teacher_pilot_id'), ['pilot_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pilot_teacher_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('pilot_usage',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('pilot_id', sa.Uuid(), nullable=False),
    sa.Column('teacher_id', sa.Uuid(), nullable=False),
    sa.Column('week', sa.Integer(), nullable=False),
    sa.Column('used', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['pilot_id'], ['pilot.id'], name=op.f('fk_pilot_usage_pilot_id_pilot')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_pilot_usage_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pilot_usage'))
    )
    with op.batch_alter_table('pilot_usage', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pilot_usage_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_pilot_usage_pilot_id'), ['pilot_id'], unique=False)

    op.create_table('cycle_session',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('cycle_id', sa.Uuid(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('scheduled_date', sa.Date(), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('room', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('done_on', sa.Date(), nullable=True),
    sa.Column('duration_minutes', sa.Integer(), nullable=True),
    sa.Column('next_steps', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['cycle_id'], ['coaching_cycle.id'], name=op.f('fk_cycle_session_cycle_id_coaching_cycle')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cycle_session'))
    )
    with op.batch_alter_table('cycle_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cycle_session_cycle_id'), ['cycle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_session_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_cycle_session_scheduled_date'), ['scheduled_date'], unique=False)

    op.create_table('survey',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('teacher_id', sa.Uuid(), nullable=False),
    sa.Column('pilot_id', sa.Uuid(), nullable=True),
    sa.Column('cycle_id', sa.Uuid(), nullable=True),
    sa.Column('phase', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('taken_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['cycle_id'], ['coaching_cycle.id'], name=op.f('fk_survey_cycle_id_coaching_cycle')),
    sa.ForeignKeyConstraint(['pilot_id'], ['pilot.id'], name=op.f('fk_survey_pilot_id_pilot')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_survey_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey'))
    )
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_cycle_id'), ['cycle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_pilot_id'), ['pilot_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('observation',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('teacher_id', sa.Uuid(), nullable=False),
    sa.Column('cycle_id', sa.Uuid(), nullable=True),
    sa.Column('session_id', sa.Uuid(), nullable=True),
    sa.Column('observed_on', sa.Date(), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('lesson', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('students_present', sa.Integer(), nullable=True),
    sa.Column('interval_minutes', sa.Integer(), nullable=False),
    sa.Column('technology', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('picrat_engagement', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('picrat_use', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('samr_level', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('notes', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('started_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('paused_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('paused_seconds', sa.Integer(), nullable=False),
    sa.Column('ended_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.ForeignKeyConstraint(['cycle_id'], ['coaching_cycle.id'], name=op.f('fk_observation_cycle_id_coaching_cycle')),
    sa.ForeignKeyConstraint(['session_id'], ['cycle_session.id'], name=op.f('fk_observation_session_id_cycle_session')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_observation_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observation'))
    )
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_observation_cycle_id'), ['cycle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_observation_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_observation_observed_on'), ['observed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_observation_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('survey_answer',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('survey_id', sa.Uuid(), nullable=False),
    sa.Column('item_index', sa.Integer(), nullable=False),
    sa.Column('item_text', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['survey.id'], name=op.f('fk_survey_answer_survey_id_survey')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_answer'))
    )
    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_answer_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_survey_answer_survey_id'), ['survey_id'], unique=False)

    op.create_table('evidence_file',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('cycle_id', sa.Uuid(), nullable=True),
    sa.Column('observation_id', sa.Uuid(), nullable=True),
    sa.Column('pilot_id', sa.Uuid(), nullable=True),
    sa.Column('filename', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('mime_type', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('caption', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['cycle_id'], ['coaching_cycle.id'], name=op.f('fk_evidence_file_cycle_id_coaching_cycle')),
    sa.ForeignKeyConstraint(['observation_id'], ['observation.id'], name=op.f('fk_evidence_file_observation_id_observation')),
    sa.ForeignKeyConstraint(['pilot_id'], ['pilot.id'], name=op.f('fk_evidence_file_pilot_id_pilot')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_file'))
    )
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evidence_file_cycle_id'), ['cycle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_file_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_file_observation_id'), ['observation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_evidence_file_pilot_id'), ['pilot_id'], unique=False)

    op.create_table('note',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('body', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('is_private', sa.Boolean(), nullable=False),
    sa.Column('teacher_id', sa.Uuid(), nullable=True),
    sa.Column('cycle_id', sa.Uuid(), nullable=True),
    sa.Column('session_id', sa.Uuid(), nullable=True),
    sa.Column('observation_id', sa.Uuid(), nullable=True),
    sa.Column('pilot_id', sa.Uuid(), nullable=True),
    sa.ForeignKeyConstraint(['cycle_id'], ['coaching_cycle.id'], name=op.f('fk_note_cycle_id_coaching_cycle')),
    sa.ForeignKeyConstraint(['observation_id'], ['observation.id'], name=op.f('fk_note_observation_id_observation')),
    sa.ForeignKeyConstraint(['pilot_id'], ['pilot.id'], name=op.f('fk_note_pilot_id_pilot')),
    sa.ForeignKeyConstraint(['session_id'], ['cycle_session.id'], name=op.f('fk_note_session_id_cycle_session')),
    sa.ForeignKeyConstraint(['teacher_id'], ['teacher.id'], name=op.f('fk_note_teacher_id_teacher')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_note'))
    )
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_note_cycle_id'), ['cycle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_note_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_note_observation_id'), ['observation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_note_pilot_id'), ['pilot_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_note_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_note_teacher_id'), ['teacher_id'], unique=False)

    op.create_table('observation_interval',
    sa.Column('id', sa.Uuid(), nullable=False),
    sa.Column('created_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('updated_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
    sa.Column('observation_id', sa.Uuid(), nullable=False),
    sa.Column('index', sa.Integer(), nullable=False),
    sa.Column('minute', sa.Integer(), nullable=False),
    sa.Column('on_task', sa.Integer(), nullable=False),
    sa.Column('present', sa.Integer(), nullable=False),
    sa.Column('activity_format', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('recorded_at', sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['observation_id'], ['observation.id'], name=op.f('fk_observation_interval_observation_id_observation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_observation_interval'))
    )
    with op.batch_alter_table('observation_interval', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_observation_interval_deleted_at'), ['deleted_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_observation_interval_observation_id'), ['observation_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('observation_interval', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_observation_interval_observation_id'))
        batch_op.drop_index(batch_op.f('ix_observation_interval_deleted_at'))

    op.drop_table('observation_interval')
    with op.batch_alter_table('note', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_note_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_note_session_id'))
        batch_op.drop_index(batch_op.f('ix_note_pilot_id'))
        batch_op.drop_index(batch_op.f('ix_note_observation_id'))
        batch_op.drop_index(batch_op.f('ix_note_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_note_cycle_id'))

    op.drop_table('note')
    with op.batch_alter_table('evidence_file', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evidence_file_pilot_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_file_observation_id'))
        batch_op.drop_index(batch_op.f('ix_evidence_file_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_evidence_file_cycle_id'))

    op.drop_table('evidence_file')
    with op.batch_alter_table('survey_answer', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_answer_survey_id'))
        batch_op.drop_index(batch_op.f('ix_survey_answer_deleted_at'))

    op.drop_table('survey_answer')
    with op.batch_alter_table('observation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_observation_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_observation_observed_on'))
        batch_op.drop_index(batch_op.f('ix_observation_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_observation_cycle_id'))

    op.drop_table('observation')
    with op.batch_alter_table('survey', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_survey_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_survey_pilot_id'))
        batch_op.drop_index(batch_op.f('ix_survey_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_survey_cycle_id'))

    op.drop_table('survey')
    with op.batch_alter_table('cycle_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cycle_session_scheduled_date'))
        batch_op.drop_index(batch_op.f('ix_cycle_session_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_cycle_session_cycle_id'))

    op.drop_table('cycle_session')
    with op.batch_alter_table('pilot_usage', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pilot_usage_pilot_id'))
        batch_op.drop_index(batch_op.f('ix_pilot_usage_deleted_at'))

    op.drop_table('pilot_usage')
    with op.batch_alter_table('pilot_teacher', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pilot_teacher_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_pilot_teacher_pilot_id'))
        batch_op.drop_index(batch_op.f('ix_pilot_teacher_deleted_at'))

    op.drop_table('pilot_teacher')
    with op.batch_alter_table('pilot_log_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pilot_log_entry_pilot_id'))
        batch_op.drop_index(batch_op.f('ix_pilot_log_entry_deleted_at'))

    op.drop_table('pilot_log_entry')
    with op.batch_alter_table('coaching_cycle', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coaching_cycle_teacher_id'))
        batch_op.drop_index(batch_op.f('ix_coaching_cycle_status'))
        batch_op.drop_index(batch_op.f('ix_coaching_cycle_start_date'))
        batch_op.drop_index(batch_op.f('ix_coaching_cycle_deleted_at'))

    op.drop_table('coaching_cycle')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_occurred_on'))
        batch_op.drop_index(batch_op.f('ix_activity_kind'))
        batch_op.drop_index(batch_op.f('ix_activity_deleted_at'))

    op.drop_table('activity')
    with op.batch_alter_table('vetting_check', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_vetting_check_pilot_id'))
        batch_op.drop_index(batch_op.f('ix_vetting_check_deleted_at'))

    op.drop_table('vetting_check')
    with op.batch_alter_table('teacher', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_teacher_school_id'))
        batch_op.drop_index(batch_op.f('ix_teacher_name'))
        batch_op.drop_index(batch_op.f('ix_teacher_deleted_at'))
        batch_op.drop_index(batch_op.f('ix_teacher_archived'))

    op.drop_table('teacher')
    with op.batch_alter_table('school', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_school_name'))
        batch_op.drop_index(batch_op.f('ix_school_deleted_at'))

    op.drop_table('school')
    with op.batch_alter_table('pilot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pilot_tool'))
        batch_op.drop_index(batch_op.f('ix_pilot_status'))
        batch_op.drop_index(batch_op.f('ix_pilot_start_date'))
        batch_op.drop_index(batch_op.f('ix_pilot_deleted_at'))

    op.drop_table('pilot')
    with op.batch_alter_table('coach_profile', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_coach_profile_deleted_at'))

    op.drop_table('coach_profile')
