#ifndef SOCKEYE_CNCURSES_SHIM_H
#define SOCKEYE_CNCURSES_SHIM_H

// Wide-character ncurses: UTF-8 box drawing and bars render when linked with ncursesw. These two
// defines are all of ncursesw's pkg-config cflags the shim needs (the target does not use pkg-config:
// SwiftPM prohibits its -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600); the linker script libncursesw.so
// brings in libtinfo.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <ncursesw/curses.h>

// Macros and mutable globals do not import into Swift 6; these accessors do.
static inline WINDOW *sockeye_stdscr(void) { return stdscr; }
static inline int sockeye_lines(void) { return LINES; }
static inline int sockeye_cols(void) { return COLS; }
static inline int sockeye_colors(void) { return COLORS; }
static inline int sockeye_attr_bold(void) { return A_BOLD; }
static inline int sockeye_attr_reverse(void) { return A_REVERSE; }
static inline int sockeye_attr_dim(void) { return A_DIM; }
static inline int sockeye_attr_underline(void) { return A_UNDERLINE; }
static inline int sockeye_color_pair(int pair) { return COLOR_PAIR(pair); }
static inline int sockeye_key_resize(void) { return KEY_RESIZE; }
static inline int sockeye_key_up(void) { return KEY_UP; }
static inline int sockeye_key_down(void) { return KEY_DOWN; }
static inline int sockeye_key_ppage(void) { return KEY_PPAGE; }
static inline int sockeye_key_npage(void) { return KEY_NPAGE; }
static inline int sockeye_key_btab(void) { return KEY_BTAB; }
static inline int sockeye_key_left(void) { return KEY_LEFT; }
static inline int sockeye_key_right(void) { return KEY_RIGHT; }

#endif
