import Workers

/// How events are laid out on the wire. `whole` is the standard: an event's `event:` and `data:`
/// lines in one block. `linePerBlock` is what GPUStack 2.x's server does to every stream it relays
/// (`server/worker_request.py::_process_stream_line`): each line becomes a block of its own, so a
/// named event arrives as a nameless block and a data-only one, which the openai SDK cannot parse
/// (notes/gpustack-behaviour.md, section 12). `--emulate gpustack` reproduces it.
enum EventFraming: Sendable {
    case whole
    case linePerBlock

    func bytes(_ event: WorkerEvent) -> [UInt8] {
        let whole = event.serverSentEventBytes
        guard self == .linePerBlock else { return whole }
        var out: [UInt8] = []
        for line in whole.split(separator: 0x0A, omittingEmptySubsequences: true) {
            out += line
            out += [0x0A, 0x0A]
        }
        return out
    }
}
