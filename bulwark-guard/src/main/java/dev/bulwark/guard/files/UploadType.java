package dev.bulwark.guard.files;

import java.util.List;

/**
 * The file types an {@link UploadStore} can be told to accept: each is a media type that Apache
 * Tika recognises by its magic bytes, and the file-name extensions that may go with it.
 *
 * <p>Types that a browser would run (HTML, SVG, XML, JavaScript) are deliberately absent: served
 * back from the same origin they are stored cross-site scripting. Executables and archives are
 * absent too.
 */
public enum UploadType {
  /** PNG image. */
  PNG("image/png", List.of("png")),
  /** JPEG image. */
  JPEG("image/jpeg", List.of("jpg", "jpeg")),
  /** GIF image. */
  GIF("image/gif", List.of("gif")),
  /** WebP image. */
  WEBP("image/webp", List.of("webp")),
  /** PDF document. Warning: PDF can carry scripts; serve it as an attachment. */
  PDF("application/pdf", List.of("pdf")),
  /** Plain text: Tika's text heuristic, no magic. */
  PLAIN_TEXT("text/plain", List.of("txt"));

  private final String mediaType;
  private final List<String> extensions;

  UploadType(String mediaType, List<String> extensions) {
    this.mediaType = mediaType;
    this.extensions = extensions;
  }

  /** The media type Tika reports for this type, such as {@code image/png}. */
  public String mediaType() {
    return mediaType;
  }

  /** The lower-case extensions (without dot) a client file name may carry; the first is canonical. */
  public List<String> extensions() {
    return List.copyOf(extensions);
  }
}
