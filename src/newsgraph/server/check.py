"""GET /check?claim=: the articles of the store that assert, deny or discuss a claim."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from ..fusion.check import MAX_CLAIM_CHARS, check, validate_claim
from .routes import State, answer

__all__ = ["router"]

router = APIRouter()


@router.get("/check", tags=["claims"], summary="Check a claim: who asserts, denies or discusses it",
            description="Every article that asserts, denies or only discusses the claim, with the sentence that"
                        " decides it (its span), the speaker, day and outlet; first seen; independent sources by"
                        " stance (syndicated copies count once). An empty, overlong or non-English claim is a 400.")
def get_check(st: State, request: Request,
              claim: Annotated[str, Query(max_length=10 * MAX_CLAIM_CHARS)] = "") -> Response:
    validate_claim(claim)  # before the cache: a bad claim is an error every time
    return answer(st, request, lambda cur: check(cur, claim))
