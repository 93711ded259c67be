package io.linkscope.api;

/** A collector answered with an error status; carries the status and the error body. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final transient ApiError error;

  public ApiException(int status, ApiError error) {
    super(status + " " + error.error() + ": " + error.message());
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  public ApiError error() {
    return error;
  }

  /** The error of a response with an error status, from its JSON body when it has one. */
  public static ApiException of(int status, String body) {
    ApiError error;
    try {
      error = Json.read(body, ApiError.class);
    } catch (RuntimeException e) {
      error = null;
    }
    if (error == null || error.error() == null) {
      error = new ApiError("http_" + status, "The collector answered HTTP " + status + ".");
    }
    return new ApiException(status, error);
  }
}
