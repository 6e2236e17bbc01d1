#ifndef CONFORM_CCURL_SHIM_H
#define CONFORM_CCURL_SHIM_H
/* libcurl's curl_easy_setopt / curl_easy_getinfo / curl_multi_setopt are variadic, which Swift cannot
   call. Each wrapper below fixes one argument type so the value crosses with the width libcurl expects. */
#include <curl/curl.h>

typedef size_t (*ccurl_data_fn)(char *ptr, size_t size, size_t nmemb, void *userdata);
typedef int (*ccurl_xferinfo_fn)(void *clientp, curl_off_t dltotal, curl_off_t dlnow,
                                 curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode ccurl_setopt_long(CURL *h, CURLoption opt, long v) { return curl_easy_setopt(h, opt, v); }
static inline CURLcode ccurl_setopt_off(CURL *h, CURLoption opt, curl_off_t v) { return curl_easy_setopt(h, opt, v); }
static inline CURLcode ccurl_setopt_string(CURL *h, CURLoption opt, const char *v) { return curl_easy_setopt(h, opt, v); }
static inline CURLcode ccurl_setopt_pointer(CURL *h, CURLoption opt, void *v) { return curl_easy_setopt(h, opt, v); }
static inline CURLcode ccurl_setopt_slist(CURL *h, CURLoption opt, struct curl_slist *v) { return curl_easy_setopt(h, opt, v); }
static inline CURLcode ccurl_setopt_data_fn(CURL *h, CURLoption opt, ccurl_data_fn fn) { return curl_easy_setopt(h, opt, fn); }
static inline CURLcode ccurl_setopt_xferinfo_fn(CURL *h, ccurl_xferinfo_fn fn) { return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, fn); }

static inline CURLcode ccurl_getinfo_long(CURL *h, CURLINFO info, long *out) { return curl_easy_getinfo(h, info, out); }
static inline CURLcode ccurl_getinfo_off(CURL *h, CURLINFO info, curl_off_t *out) { return curl_easy_getinfo(h, info, out); }
static inline CURLcode ccurl_getinfo_pointer(CURL *h, CURLINFO info, void **out) { return curl_easy_getinfo(h, info, out); }

/* CURLMsg carries its result in a union; reading it in C keeps the layout question out of Swift. */
static inline CURLcode ccurl_message_result(const CURLMsg *m) { return m->data.result; }

#endif
