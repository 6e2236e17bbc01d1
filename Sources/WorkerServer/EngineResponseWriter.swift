import ConformJSON
import HTTPTypes
import Hummingbird
import NIOCore
import Workers

/// Puts an engine's ``WorkerResponse`` on the wire: JSON and bytes whole, events one by one as the
/// engine produces them (each written, and so flushed, on its own), raw streams chunk by chunk.
enum EngineResponseWriter {
    static func render(_ response: WorkerResponse) -> Response {
        var headers = response.headers
        headers[.contentType] = response.contentType
        switch response.body {
        case .json(let json):
            return Response(
                status: response.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: json.serialized())))
        case .bytes(let bytes):
            return Response(status: response.status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        case .events(let events):
            headers[.cacheControl] = "no-cache"
            return Response(
                status: response.status, headers: headers,
                body: ResponseBody { writer in
                    for try await event in events {
                        try await writer.write(ByteBuffer(bytes: event.serverSentEventBytes))
                    }
                    try await writer.finish(nil)
                })
        case .byteStream(let chunks):
            return Response(
                status: response.status, headers: headers,
                body: ResponseBody { writer in
                    for try await chunk in chunks {
                        try await writer.write(ByteBuffer(bytes: chunk))
                    }
                    try await writer.finish(nil)
                })
        }
    }

    static func json(_ json: JSON, status: HTTPResponse.Status = .ok) -> Response {
        render(WorkerResponse(status: status, body: .json(json)))
    }
}
