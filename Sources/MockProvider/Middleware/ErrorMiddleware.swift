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

    func render(_ error: GatewayError, _ request: Request) -> Response {
        let family = ErrorEnvelope.Family(path: request.uri.path)
        return ResponseBuilder.json(envelope.body(for: error, family: family), status: error.status)
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
