// libstemmer (Snowball) ships no pkg-config file; Debian: libstemmer-dev.
#include <libstemmer.h>
