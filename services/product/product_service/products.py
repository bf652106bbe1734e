"""`GET /api/products`: the tenant's products."""

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import select

from product_service.tables import products
from servicekit.app import TenantSession
from servicekit.paging import Page, Paging, keyset_page

router = APIRouter(prefix="/api/products", tags=["products"])


class ProductSummary(BaseModel):
    code: str
    name: str


@router.get("", response_model=Page[ProductSummary])
async def list_products(session: TenantSession, paging: Paging) -> Page[ProductSummary]:
    return await keyset_page(
        session,
        select(products),
        products.c.code,
        paging,
        lambda r: ProductSummary(code=r.code, name=r.name),
    )
