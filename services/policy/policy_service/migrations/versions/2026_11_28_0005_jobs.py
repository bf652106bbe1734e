"""Background jobs (the renewal run) with their progress, and the queue of work to do.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from servicekit.migration_ops import create_jobs, run_sql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    create_jobs()


def downgrade() -> None:
    run_sql("drop table job_queue; drop table jobs")
