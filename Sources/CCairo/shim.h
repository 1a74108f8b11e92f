// cairo draws the result pictures (NAME.png): colour-mapped fields, text through its
// font support (fontconfig finds DejaVu Sans), and PNG output through its own libpng use.
// Its API is plain functions and enums, which Swift imports directly; nothing to wrap.
#include <cairo.h>
