package dev.bulwark.server.http;

import io.javalin.http.Handler;

/**
 * Marks a route handler that takes a raw (non-JSON) request body, such as a file upload: the server
 * then skips its {@code application/json} check (415) and applies the upload size cap instead of the
 * JSON body cap. Every other handler of a POST, PUT or PATCH route gets JSON only.
 *
 * {@snippet :
 * new ApiRoute(HandlerType.PUT, "/v1/files/{id}", Access.scope(Scope.FILES_WRITE), RateClass.STANDARD,
 *     "Upload a file", (RawBody) ctx -> store(ctx.req().getInputStream()));
 * }
 */
@FunctionalInterface
public interface RawBody extends Handler {}
