import Hummingbird

/// The `json-as-text-plain` deviation: every JSON response is labelled `text/plain`.
struct ContentTypeMislabel<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.contentType]?.hasPrefix("application/json") == true {
            response.headers[.contentType] = "text/plain; charset=utf-8"
        }
        return response
    }
}
