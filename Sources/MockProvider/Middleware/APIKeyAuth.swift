import HTTPTypes
import Hummingbird

/// Requires an accepted API key, presented as `Authorization: Bearer KEY` or `X-API-Key: KEY`
/// (a non-empty Bearer wins; an empty one falls back to `X-API-Key`, as GPUStack does). Missing
/// or wrong keys get 401.
struct APIKeyAuth<Context: RequestContext>: RouterMiddleware {
    let keys: Set<String>

    init(keys: [String]) {
        self.keys = Set(keys)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try verify(request.headers)
        return try await next(request, context)
    }

    func verify(_ headers: HTTPFields) throws(GatewayError) {
        guard let key = PresentedAPIKey.find(in: headers) else { throw .missingKey() }
        guard keys.contains(key) else { throw .wrongKey(key) }
    }
}
