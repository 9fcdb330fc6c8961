import Dispatch
import Hummingbird
import Logging

/// One log line per request, after it is answered: the method, the matched route's pattern (never the path or
/// query, which can carry ids, cursors and enrolment tokens), the status and the duration, on the request's
/// logger, which carries its id (`hb.request.id`). Hummingbird's `LogRequestsMiddleware` logs the whole URI, so
/// it is not used.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = SievertRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let start = DispatchTime.now().uptimeNanoseconds
        do {
            let response = try await next(request, context)
            log(request, context, status: response.status.code, since: start)
            return response
        } catch {
            log(request, context, status: (error as? any HTTPResponseError)?.status.code ?? 500, since: start)
            throw error
        }
    }

    // Whole microseconds: nothing on the line looks like a dose (written with a decimal point), so a scan of the
    // logs for dose values finds only real leaks.
    private func log(_ request: Request, _ context: Context, status: Int, since start: UInt64) {
        context.logger.info(
            "request",
            metadata: [
                "http.method": "\(request.method.rawValue)", "http.route": "\(context.endpointPath ?? "NotFound")",
                "http.status": "\(status)", "duration.us": "\((DispatchTime.now().uptimeNanoseconds - start) / 1000)",
            ])
    }
}
