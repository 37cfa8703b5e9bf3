#ifndef RATHAUS_CCURL_SHIM_H
#define RATHAUS_CCURL_SHIM_H

// With CURL_STRICTER a handle is a pointer to an opaque struct, which Swift imports as OpaquePointer,
// instead of a void pointer.
#define CURL_STRICTER
#include <curl/curl.h>

// Swift cannot call the variadic curl_easy_setopt and curl_easy_getinfo; these typed wrappers can.

static inline CURLcode rathaus_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode rathaus_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode rathaus_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode rathaus_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

// Copies `size` bytes of `value` for the request (CURLOPT_COPYPOSTFIELDS after CURLOPT_POSTFIELDSIZE).
static inline CURLcode rathaus_curl_setopt_copied_bytes(CURL *handle, CURLoption option, const void *value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*rathaus_curl_write_callback)(char *data, size_t size, size_t count, void *context);

static inline CURLcode rathaus_curl_setopt_write_function(CURL *handle, rathaus_curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

static inline CURLcode rathaus_curl_setopt_header_function(CURL *handle, rathaus_curl_write_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

static inline CURLcode rathaus_curl_setopt_mime(CURL *handle, curl_mime *mime) {
    return curl_easy_setopt(handle, CURLOPT_MIMEPOST, mime);
}

// Performs the request with libcurl's detailed error message written into `message` (at least
// CURL_ERROR_SIZE bytes), and takes the buffer back from the handle before returning, so that
// libcurl keeps no pointer to it.
static inline CURLcode rathaus_curl_perform_with_message(CURL *handle, char *message) {
    message[0] = 0;
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, message);
    CURLcode result = curl_easy_perform(handle);
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, (char *)NULL);
    return result;
}

static inline CURLcode rathaus_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode rathaus_curl_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
