import ConformJSON
import Foundation
import JSONMatching
import Synchronization

/// The stubs in force, in the order they were given, with how often each has matched. A request
/// is answered by the first stub that matches it and has uses left; its n-th match gets its n-th
/// answer (the last repeats). Shared by the router and the admin API.
public final class StubSet: Sendable {
    private struct Entry {
        var stub: Stub
        var uses = 0
    }

    private let entries = Mutex<[Entry]>([])

    public init(_ stubs: [Stub] = []) {
        entries.withLock { $0 = stubs.map { Entry(stub: $0) } }
    }

    /// Adds `stubs`, each replacing one of the same id (and its count) or going last.
    public func add(_ stubs: [Stub]) {
        entries.withLock { entries in
            for stub in stubs {
                if let index = entries.firstIndex(where: { $0.stub.id == stub.id }) {
                    entries[index] = Entry(stub: stub)
                } else {
                    entries.append(Entry(stub: stub))
                }
            }
        }
    }

    /// Removes the stub `id`; false when there is none.
    @discardableResult public func remove(id: String) -> Bool {
        entries.withLock { entries in
            guard let index = entries.firstIndex(where: { $0.stub.id == id }) else { return false }
            entries.remove(at: index)
            return true
        }
    }

    public func removeAll() { entries.withLock { $0.removeAll() } }

    /// Every stub with how often it has matched.
    public var listing: [(stub: Stub, uses: Int)] { entries.withLock { $0.map { ($0.stub, $0.uses) } } }

    public var isEmpty: Bool { entries.withLock { $0.isEmpty } }

    /// The answer for `request`, counting the use; nil when no stub matches.
    func answer(for request: StubRequest) -> (id: String, answer: StubAnswer)? {
        entries.withLock { entries in
            for index in entries.indices {
                let entry = entries[index]
                if let times = entry.stub.times, entry.uses >= times { continue }
                guard Self.matches(entry.stub.match, request) else { continue }
                entries[index].uses += 1
                let answers = entry.stub.respond
                return (entry.stub.id, answers[min(entry.uses, answers.count - 1)])
            }
            return nil
        }
    }

    static func matches(_ match: StubMatch, _ request: StubRequest) -> Bool {
        if let method = match.method, method.uppercased() != request.method { return false }
        if let path = match.path {
            if path.hasSuffix("*") {
                guard request.path.hasPrefix(path.dropLast()) else { return false }
            } else if path != request.path {
                return false
            }
        }
        if let query = match.query, query != (request.query ?? "") { return false }
        if let model = match.model, model != request.model { return false }
        if let headers = match.headers {
            var lowered = JSONObject()
            for (name, value) in headers.objectValue ?? [:] { lowered[name.lowercased()] = value }
            guard JSONMatcher.mismatches(of: .object(request.headers), against: .object(lowered)).isEmpty else { return false }
        }
        if let body = match.body {
            guard let json = request.json, JSONMatcher.mismatches(of: json, against: body).isEmpty else { return false }
        }
        if let exact = match.bodyExact {
            if let json = request.json {
                guard json == exact else { return false }
            } else {
                guard exact == .string(String(decoding: request.body, as: UTF8.self)) else { return false }
            }
        }
        return true
    }
}

/// A request as stubs see it.
struct StubRequest {
    var method: String
    var path: String
    var query: String?
    /// Lowercased names to values, repeated ones joined by `, `.
    var headers: JSONObject
    var body: [UInt8]
    var json: JSON?
    var model: String?
}
