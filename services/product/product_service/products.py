"""`GET /api/products`: the tenant's products."""

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select

from product_service.tables import products
from servicekit.app import TenantSession
from servicekit.paging import Page, Paging, page_of

router = APIRouter(prefix="/api/products", tags=["products"])


class ProductSummary(BaseModel):
    code: str
    name: str


@router.get("", response_model=Page[ProductSummary])
async def list_products(session: TenantSession, paging: Paging) -> Page[ProductSummary]:
    query = select(products).order_by(products.c.code).limit(paging.limit + 1)
    if paging.after:
        query = query.where(products.c.code > paging.after)
    rows = (await session.execute(query)).all()
    items = [ProductSummary(code=r.code, name=r.name) for r in rows]
    return page_of(items, [r.code for r in rows], paging.limit)
