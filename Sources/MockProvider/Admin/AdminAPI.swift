import ConformJSON
import HTTPTypes
import Hummingbird
import ServerScope

/// The mock's admin API for tests that drive it, under ``prefix`` (which no contract route, and no
/// path a generic-proxy client could mean, starts with). Off unless `--admin` or `--admin-key`;
/// with a key, every admin request needs `Authorization: Bearer KEY` or `X-Conform-Admin-Key`.
/// Its bodies are described by `Schemas/mock/admin.schema.json`.
///
/// - `GET /__conform/journal?method=&path=&model=&status=&stub=&after=&limit=`: `{"entries": [...]}`
/// - `DELETE /__conform/journal`: forget the journal
/// - `GET /__conform/stubs`: `{"stubs": [{"stub": ..., "uses": N}]}`
/// - `POST /__conform/stubs`: a stub or `{"stubs": [...]}`, added (replacing stubs of the same id)
/// - `DELETE /__conform/stubs`, `DELETE /__conform/stubs/{id}`
/// - `POST /__conform/reset`: forget the journal and every stub
struct AdminAPI: Sendable {
    static let prefix = "/__conform"

    let journal: RequestJournal?
    let stubs: StubSet
    let key: String?

    func register(on router: Router<ConnectionContext>) {
        let group = router.group(RouterPath(stringLiteral: Self.prefix))
        group.get("journal") { request, _ in try check(request); return try journalEntries(request) }
        group.delete("journal") { request, _ in
            try check(request)
            journal?.reset()
            return Response(status: .noContent)
        }
        group.get("stubs") { request, _ in
            try check(request)
            let listing: [JSON] = try stubs.listing.map { entry in
                ["stub": try JSONValueEncoder().encode(entry.stub), "uses": .integer(Int64(entry.uses))]
            }
            return ResponseBuilder.json(["stubs": .array(listing)])
        }
        group.post("stubs") { request, _ in
            try check(request)
            var request = request
            let bytes = Array(try await request.collectBody(upTo: 16 << 20).readableBytesView)
            let body: JSON
            do {
                body = try JSONParser().parse(bytes)
            } catch {
                throw GatewayError.invalidJSON("\(error)")
            }
            let added = try Self.decodeStubs(body)
            stubs.add(added)
            return ResponseBuilder.json(["stubs": .array(added.map { .string($0.id) })], status: .created)
        }
        group.delete("stubs") { request, _ in
            try check(request)
            stubs.removeAll()
            return Response(status: .noContent)
        }
        group.delete("stubs/{id}") { request, context in
            try check(request)
            let id = context.parameters.get("id") ?? ""
            guard stubs.remove(id: id) else { throw GatewayError(.notFound, .routeNotFound, "No stub has the id '\(id)'.") }
            return Response(status: .noContent)
        }
        group.post("reset") { request, _ in
            try check(request)
            journal?.reset()
            stubs.removeAll()
            return Response(status: .noContent)
        }
    }

    func check(_ request: Request) throws(GatewayError) {
        guard let key else { return }
        let bearer = request.headers[.authorization].flatMap { PresentedAPIKey.bearerToken($0) }
        let header = request.headers[HTTPField.Name("X-Conform-Admin-Key")!]
        guard bearer == key || header == key else {
            throw GatewayError(.unauthorized, .authentication, "The admin API needs the admin key as 'Authorization: Bearer KEY' or 'X-Conform-Admin-Key'.")
        }
    }

    func journalEntries(_ request: Request) throws -> Response {
        guard let journal else {
            throw GatewayError(.notFound, .routeNotFound, "The journal is off: start the mock with --admin or --journal FILE.")
        }
        let parameters = request.uri.queryParameters
        func integer(_ name: String) throws(GatewayError) -> Int? {
            guard let text = parameters.get(name) else { return nil }
            guard let value = Int(text), value >= 0 else {
                throw GatewayError(.badRequest, .invalidRequest, "'\(name)' must be a non-negative integer, not '\(text)'.", param: name)
            }
            return value
        }
        let query = JournalQuery(
            method: parameters.get("method"), path: parameters.get("path"), model: parameters.get("model"), status: try integer("status"),
            stub: parameters.get("stub"), after: try integer("after"), limit: try integer("limit"))
        let entries = journal.entries(query).map(\.jsonValue)
        return ResponseBuilder.json(["entries": .array(entries)])
    }

    /// One stub, or `{"stubs": [...]}`, read strictly: an unknown member is refused with its pointer.
    static func decodeStubs(_ body: JSON) throws -> [Stub] {
        let decoder = JSONValueDecoder(rejectsUnknownMembers: true)
        do {
            if let list = body["stubs"] { return try decoder.decode([Stub].self, from: list) }
            return [try decoder.decode(Stub.self, from: body)]
        } catch {
            throw GatewayError(.badRequest, .invalidRequest, "Not a stub: \(error.pointer): \(error.message)")
        }
    }
}
