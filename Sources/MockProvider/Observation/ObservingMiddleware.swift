import Foundation
import HTTPTypes
import Hummingbird
import ServerScope
import Synchronization

/// The outermost layer when a journal, a request log or metrics are on: lets the rest answer and,
/// when the answer has been written, whole or streamed, tells each observer what happened. It
/// never reads the request's body: the first layer inside that reads it notes it
/// (``ExchangeNotes/noteBody(_:)``), so observing costs no second copy. An answer of known length
/// is reported as soon as it is made, a stream or an answer a fault may cut when its last byte has
/// gone. The admin API is not observed.
struct ObservingMiddleware: RouterMiddleware {
    typealias Context = ConnectionContext

    let observers: [any ExchangeObserver]
    /// Whether any observer wants the request's headers, body and time.
    let detailed: Bool
    private let sequence = ExchangeSequence()

    init(observers: [any ExchangeObserver]) {
        self.observers = observers
        detailed = observers.contains { $0.wantsRequestDetails }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !request.uri.path.hasPrefix(AdminAPI.prefix) else { return try await next(request, context) }
        let started = ContinuousClock.now
        let id = sequence.next()
        let arrived = detailed ? Date().timeIntervalSince1970 : nil
        let notes = ExchangeNotes()
        var response = try await ExchangeNotes.$current.withValue(notes) { try await next(request, context) }
        let head = request.head
        let status = response.status.code
        let stream = response.headers[.contentType]?.hasPrefix("text/event-stream") ?? false
        let observers = self.observers
        let detailed = self.detailed
        let record: @Sendable (Int, Duration?) -> Void = { bytes, firstByte in
            let noted = notes.snapshot
            let body = detailed ? noted.body.map { ExchangeRecord.KeptBody($0, isJSON: noted.bodyIsJSON) } : nil
            let exchange = ExchangeRecord(
                id: id, arrived: arrived, head: head, body: body, model: noted.model, stream: stream, status: status, responseBytes: bytes,
                duration: started.duration(to: .now), firstByte: firstByte, stub: noted.stub, fault: noted.fault)
            for observer in observers { observer.observe(exchange) }
        }
        if !stream, notes.fault == nil, let length = response.headers[.contentLength].flatMap(Int.init) {
            record(length, nil)
            return response
        }
        let original = response.body
        response.body = ResponseBody { writer in
            let counter = ByteCounter(started: started)
            do {
                try await original.write(writer.counting(counter, onFinish: record))
            } catch {
                record(counter.bytes, counter.firstByte)
                throw error
            }
        }
        return response
    }
}

/// Numbers exchanges in the order they arrive, from 1.
final class ExchangeSequence: Sendable {
    private let counter = Atomic<Int>(0)

    func next() -> Int { counter.add(1, ordering: .relaxed).newValue }
}
