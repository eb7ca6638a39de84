/**
 * The webhook dispatcher's HTTP transport on OkHttp, with the SSRF guard.
 *
 * <p>OkHttp's {@code OkHttpClient} appears in the API, so a module that requires this one reads
 * OkHttp too.
 */
module com.techradium.iris.webhook.okhttp {
  requires transitive com.techradium.iris.core;
  requires com.github.benmanes.caffeine;
  requires transitive okhttp3;

  exports com.techradium.iris.okhttp.webhook;
}
