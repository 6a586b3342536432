package dev.bulwark.server.files;

import dev.bulwark.guard.Limits;
import dev.bulwark.guard.errors.ErrorKind;
import dev.bulwark.guard.errors.PublicError;
import dev.bulwark.guard.files.UploadRejectedException;
import dev.bulwark.server.ServerAssembly;
import dev.bulwark.server.ServerServices;
import dev.bulwark.server.http.Access;
import dev.bulwark.server.http.ApiModule;
import dev.bulwark.server.http.ApiRoute;
import dev.bulwark.server.http.Principal;
import dev.bulwark.server.http.RawBody;
import dev.bulwark.server.http.RateClass;
import dev.bulwark.server.http.Scope;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code /v1/files}: upload (raw body, the client's name in {@code ?name=}), list, download, delete,
 * each on the caller's own files only. Another owner's id answers 404 exactly like an unknown id,
 * never 403. Downloads are {@code Content-Disposition: attachment} (RFC 6266, {@code filename*}),
 * typed with the type sniffed at upload, and {@code nosniff}. Refused uploads: 413 over the cap, 415
 * for a type not allowed or an extension that disagrees with the content, 400 when empty. Stateless
 * over a thread-safe {@link FileService}.
 */
public final class FilesApi implements ApiModule {
  private static final Pattern ID = Pattern.compile("file_[0-9A-Za-z]{1,64}");

  private final FileService files;

  /** Routes over {@code files}. */
  public FilesApi(FileService files) {
    this.files = Objects.requireNonNull(files, "files");
  }

  /**
   * The files capability as {@link ServerAssembly} builds it: uploads in {@code DATA/files} capped at
   * the {@code limits.max_upload_bytes} setting, metadata in the server's database, events to its
   * audit trail.
   */
  public static FilesApi create(ServerServices services) {
    Limits limits = Limits.defaults().withMaxUploadBytes(services.config().maxUploadBytes());
    return new FilesApi(FileService.create(services.database(), services.dataDir().resolve("files"),
        services.audit(), limits, services.clock()));
  }

  @Override
  public List<ApiRoute> routes() {
    return List.of(
        new ApiRoute(HandlerType.POST, "/v1/files", Access.scope(Scope.FILES_WRITE), RateClass.STANDARD,
            "Upload a file (raw body; ?name= the file name; type sniffed from content)", (RawBody) this::upload),
        new ApiRoute(HandlerType.GET, "/v1/files", Access.scope(Scope.FILES_READ), RateClass.STANDARD,
            "List your files", this::list),
        new ApiRoute(HandlerType.GET, "/v1/files/{id}", Access.scope(Scope.FILES_READ), RateClass.STANDARD,
            "Download one of your files (as an attachment)", this::download),
        new ApiRoute(HandlerType.DELETE, "/v1/files/{id}", Access.scope(Scope.FILES_WRITE), RateClass.STANDARD,
            "Delete one of your files", this::delete));
  }

  private void upload(Context ctx) throws PublicError, IOException {
    Principal caller = Principal.of(ctx);
    String name = ctx.queryParam("name");
    if (name == null || name.isBlank()) {
      throw PublicError.of(ErrorKind.BAD_REQUEST, "The query parameter name is required.", "upload without a name");
    }
    try {
      StoredFile stored = files.upload(caller.accountId(), ctx.req().getInputStream(), name);
      ctx.status(201).json(view(stored));
    } catch (UploadRejectedException e) {
      ErrorKind kind = switch (e.reason()) {
        case TOO_LARGE -> ErrorKind.PAYLOAD_TOO_LARGE;
        case TYPE_NOT_ALLOWED, EXTENSION_MISMATCH -> ErrorKind.UNSUPPORTED_MEDIA_TYPE;
        case EMPTY -> ErrorKind.BAD_REQUEST;
      };
      throw PublicError.of(kind, kind.genericMessage(), "upload refused: " + e.reason(), e);
    }
  }

  private void list(Context ctx) {
    Principal caller = Principal.of(ctx);
    ctx.json(Map.of("files", files.list(caller.accountId()).stream().map(FilesApi::view).toList()));
  }

  private void download(Context ctx) throws PublicError, IOException {
    Principal caller = Principal.of(ctx);
    FileService.Download download = files.download(caller.accountId(), id(ctx)).orElseThrow(FilesApi::notFound);
    StoredFile file = download.file();
    ctx.header("Content-Disposition", FileNames.contentDisposition(file.originalName()));
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Length", Long.toString(file.sizeBytes()));
    ctx.contentType(file.mediaType());
    ctx.result(download.content());
  }

  private void delete(Context ctx) throws PublicError {
    Principal caller = Principal.of(ctx);
    if (!files.delete(caller.accountId(), id(ctx))) {
      throw notFound();
    }
    ctx.status(204);
  }

  private static String id(Context ctx) throws PublicError {
    String id = ctx.pathParam("id");
    if (!ID.matcher(id).matches()) {
      throw notFound();
    }
    return id;
  }

  private static PublicError notFound() {
    return PublicError.of(ErrorKind.NOT_FOUND, "file unknown or not the caller's");
  }

  /** The public view: never the owner or the stored name. */
  static Map<String, Object> view(StoredFile f) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", f.id());
    view.put("name", f.originalName());
    view.put("media_type", f.mediaType());
    view.put("size_bytes", f.sizeBytes());
    view.put("sha256", f.sha256Hex());
    view.put("created_at", f.createdAt().toString());
    return view;
  }
}
