import NIOCore
import Synchronization

/// What the layers inside the observation say about the exchange they handled: the body as the
/// client sent it, the model it named, the stub that answered, the fault injected. Set for the length of one request as a task-local value, so a
/// layer notes it without knowing who observes.
final class ExchangeNotes: Sendable {
    /// Everything noted, read at once when the exchange ends.
    struct Snapshot {
        var model: String?
        var stub: String?
        var fault: String?
        var body: ByteBuffer?
        /// Whether ``body`` parsed as JSON, when a layer parsed it; nil when none did.
        var bodyIsJSON: Bool?
    }

    private let notes = Mutex(Snapshot())

    @TaskLocal static var current: ExchangeNotes?

    var snapshot: Snapshot { notes.withLock { $0 } }

    var model: String? {
        get { notes.withLock { $0.model } }
        set { notes.withLock { $0.model = newValue } }
    }

    /// Notes the model the request named, unless a layer nearer the client noted it first (the
    /// name before `--any-model` put a stand-in in its place).
    func noteRequestedModel(_ name: String) {
        notes.withLock { if $0.model == nil { $0.model = name } }
    }

    /// Notes the request's body as first read: by the first layer that reads it, before any
    /// rewrite. The observation does not read bodies itself; a request refused before its body was
    /// read (no key, an unknown path) has none.
    func noteBody(_ body: ByteBuffer) {
        notes.withLock { if $0.body == nil { $0.body = body } }
    }

    /// Notes whether `parsed`, a body a layer parsed, is JSON: kept only when it is the body as
    /// first read (not a rewrite of it), so the journal need not parse that body again.
    func noteParsed(_ parsed: ByteBuffer, isJSON: Bool) {
        notes.withLock { if $0.bodyIsJSON == nil, $0.body == parsed { $0.bodyIsJSON = isJSON } }
    }

    var stub: String? {
        get { notes.withLock { $0.stub } }
        set { notes.withLock { $0.stub = newValue } }
    }

    var fault: String? {
        get { notes.withLock { $0.fault } }
        set { notes.withLock { $0.fault = newValue } }
    }
}
