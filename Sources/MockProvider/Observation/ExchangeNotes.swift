import NIOCore
import Synchronization

/// What the layers inside the observation say about the exchange they handled: the body as the
/// client sent it, the model it named, the stub that answered, the fault injected. Set for the length of one request as a task-local value, so a
/// layer notes it without knowing who observes.
final class ExchangeNotes: Sendable {
    private let notes = Mutex<(model: String?, stub: String?, fault: String?, body: ByteBuffer?)>((nil, nil, nil, nil))

    @TaskLocal static var current: ExchangeNotes?

    var model: String? {
        get { notes.withLock { $0.model } }
        set { notes.withLock { $0.model = newValue } }
    }

    /// Notes the model the request named, unless a layer nearer the client noted it first (the
    /// name before `--any-model` put a stand-in in its place).
    func noteRequestedModel(_ name: String) {
        notes.withLock { if $0.model == nil { $0.model = name } }
    }

    /// The request's body as first read: by the first layer that reads it, before any rewrite.
    /// The observation does not read bodies itself; a request refused before its body was read
    /// (no key, an unknown path) has none.
    var body: ByteBuffer? { notes.withLock { $0.body } }

    func noteBody(_ body: ByteBuffer) {
        notes.withLock { if $0.body == nil { $0.body = body } }
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
