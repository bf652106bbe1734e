"""A quote is stored in one statement: the tenant set, the offer checked and the row written.

`offer_signature(code)` fingerprints what decides which version of a product a caller may quote
on: every version in test or live with its status, row version, start and channels. The service
keeps the offer it read with that fingerprint; `issue_quote` stores a quote only while the
fingerprint still holds, so a quote is never made on a version withdrawn or replaced meanwhile.

Both run as the service's own role (SECURITY INVOKER): row-level security applies as to any
statement, and `issue_quote` sets the tenant for its own transaction only.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from alembic import op

from servicekit.migration_ops import run_sql

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


# Each function is one statement of its own: their bodies hold semicolons, which run_sql splits on.
def upgrade() -> None:
    op.execute(
        """
        create function offer_signature(p_code text) returns text
        language sql stable as $$
            select coalesce(md5(string_agg(
                concat_ws(':', version, status, row_version, effective_from, channels::text),
                '|' order by version)), '')
            from product_versions where code = p_code and status in ('test', 'live')
        $$
        """
    )
    # The quote `q` (the columns of `quotes` as JSON) for tenant `p_tenant`: the id and request
    # hash of the row stored, or of the caller's earlier quote with the same Idempotency-Key;
    # no row when the offer no longer has the fingerprint `p_signature`.
    op.execute(
        """
        create function issue_quote(p_tenant text, p_signature text, q jsonb)
        returns table (quote_id uuid, quote_hash text)
        language plpgsql as $$
        begin
            perform set_config('app.tenant', p_tenant, true);
            if q->>'idempotency_key' is not null then
                return query select t.id, t.request_hash from quotes t
                    where t.created_by = q->>'created_by'
                      and t.idempotency_key = q->>'idempotency_key';
                if found then
                    return;
                end if;
            end if;
            if offer_signature(q->>'code') <> p_signature then
                return;
            end if;
            return query insert into quotes as t (
                    tenant_id, id, code, version, channel, client_id, test, request, decision,
                    reasons, premium, trace, valid_until, created_by, idempotency_key,
                    request_hash)
                select r.tenant_id, r.id, r.code, r.version, r.channel, r.client_id, r.test,
                    r.request, r.decision, r.reasons, r.premium, r.trace, r.valid_until,
                    r.created_by, r.idempotency_key, r.request_hash
                from jsonb_populate_record(null::quotes, q) r
                returning t.id, t.request_hash;
        end
        $$
        """
    )


def downgrade() -> None:
    run_sql("drop function issue_quote; drop function offer_signature")
