import HTTPTypes
import Hummingbird
import Logging

/// Catches every error a route throws and answers with the right envelope for the path: nothing
/// escapes as a bare 500, and no input produces one.
struct ErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let envelope: ErrorEnvelope

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as GatewayError {
            return render(error, request)
        } catch let error as HTTPError {
            return render(Self.gatewayError(error, request), request)
        } catch let error as any HTTPResponseError {
            return render(GatewayError(error.status, .invalidRequest, "\(error)"), request)
        } catch {
            context.logger.error("unexpected failure", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return render(GatewayError(.internalServerError, .internalFailure, "The mock failed unexpectedly: \(error)"), request)
        }
    }

    /// The envelope for the path, with `Retry-After` for a busy server and, outside GPUStack
    /// emulation (GPUStack sends none), `WWW-Authenticate: Bearer` on a 401 as RFC 9110 asks.
    func render(_ error: GatewayError, _ request: Request) -> Response {
        let family = ErrorEnvelope.Family(path: request.uri.path)
        var response = ResponseBuilder.json(envelope.body(for: error, family: family), status: error.status)
        if let seconds = error.retryAfterSeconds { response.headers[.retryAfter] = String(seconds) }
        if error.status == .unauthorized, envelope.emulation != .gpustack { response.headers[.wwwAuthenticate] = "Bearer" }
        return response
    }

    /// Hummingbird's own errors: the router's 404 for unknown paths, its 413 for large bodies.
    static func gatewayError(_ error: HTTPError, _ request: Request) -> GatewayError {
        switch error.status {
        case .notFound: .routeNotFound(request.method, request.uri.path)
        case .methodNotAllowed: .methodNotAllowed(request.method, request.uri.path)
        case .contentTooLarge: GatewayError(.contentTooLarge, .bodyTooLarge, error.body ?? "The request body is too large.")
        default: GatewayError(error.status, .invalidRequest, error.body ?? error.status.reasonPhrase)
        }
    }
}
