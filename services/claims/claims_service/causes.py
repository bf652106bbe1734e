"""Causes of loss: a standard list every tenant has, which the tenant can extend."""

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from claims_service.tables import claim_causes
from servicekit.app import Context, TenantSession
from servicekit.problems import Problem

router = APIRouter(prefix="/api/claims/causes", tags=["claims"])

STANDARD_CAUSES = {
    "fire": "Fire",
    "storm": "Storm",
    "water": "Water damage",
    "burglary": "Burglary",
    "theft": "Theft",
    "glass": "Glass breakage",
    "collision": "Collision",
    "liability": "Liability to a third party",
    "legal": "Legal dispute",
    "accident": "Accident with injury",
    "other": "Other",
}


class Cause(BaseModel):
    code: str = Field(pattern=r"^[a-z][a-z0-9_-]{1,39}$")
    name: str = Field(min_length=1, max_length=100)


async def causes_of(session: AsyncSession) -> dict[str, str]:
    added = (await session.execute(select(claim_causes.c.code, claim_causes.c.name))).all()
    return {**STANDARD_CAUSES, **{r.code: r.name for r in added}}


@router.get("", response_model=list[Cause])
async def list_causes(session: TenantSession) -> list[Cause]:
    return [Cause(code=c, name=n) for c, n in sorted((await causes_of(session)).items())]


@router.post("", response_model=Cause, status_code=201)
async def add_cause(body: Cause, ctx: Context, session: TenantSession) -> Cause:
    if body.code in await causes_of(session):
        raise Problem(409, f"The cause {body.code} exists already")
    await session.execute(
        insert(claim_causes).values(
            tenant_id=ctx.tenant, added_by=ctx.username, **body.model_dump()
        )
    )
    return body
