"""The gateway's HTTP/1.1 server protocol: uvicorn's, with its C parser (httptools), except that a
request the parser refuses before any application sees it (both `Content-Length` and chunked
`Transfer-Encoding`, a malformed request line or header) gets the same problem document as every
other refusal, 400, instead of a line of plain text. Started as
`uvicorn --http backoffice_gateway.wire:ProblemHttpToolsProtocol`."""

import json

from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol

BODY = json.dumps(
    {
        "type": "about:blank",
        "title": "Bad request",
        "status": 400,
        "detail": "The request is not well-formed HTTP/1.1 (e.g. both Content-Length and"
        " chunked Transfer-Encoding)",
    }
).encode()


class ProblemHttpToolsProtocol(HttpToolsProtocol):
    def send_400_response(self, msg: str) -> None:
        content = [STATUS_LINE[400]]
        for name, value in self.server_state.default_headers:
            content.extend([name, b": ", value, b"\r\n"])
        content.extend(
            [
                b"content-type: application/problem+json\r\n",
                b"content-length: " + str(len(BODY)).encode("ascii") + b"\r\n",
                b"connection: close\r\n",
                b"\r\n",
                BODY,
            ]
        )
        self.transport.write(b"".join(content))
        self.transport.close()
